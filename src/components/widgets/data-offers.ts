/** The datasets as the site serves them (scripts/site/data-assets.ts), for the browser's training workers. */
import assets from 'virtual:train-data';
import { BUILT_IN_DATASETS, type DatasetId } from '../../../core/datasets';
import type { DataAssetFile } from '../../../scripts/site/data-assets';
import type { DatasetOffer } from '../../client/widget-config';
import { url } from '../../lib/paths';

export function dataOffers(): Record<DatasetId, DatasetOffer> {
  return Object.fromEntries(
    BUILT_IN_DATASETS.map(({ id }) => {
      const a = assets[id];
      return [id, a.available ? { available: true, files: a.files.map((f: DataAssetFile) => ({ file: f.file, url: url(f.path), gzBytes: f.gzBytes })) } : a];
    }),
  ) as Record<DatasetId, DatasetOffer>;
}
