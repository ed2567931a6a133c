/**
 * Build-time lookups for the widgets, from the results the report's loader already read and checked
 * (src/lib/results.ts): the gallery of a model (the test images with that model's build-time
 * predictions), the model of a dataset that other widgets offer, and the URLs of both. Every URL comes
 * from src/lib/paths.ts, so the base path is respected. Runs in Node during `astro build` only.
 */
import { galleryJsonPath } from '../../../core/layout';
import { datasetEntry, type DatasetId } from '../../../core/datasets';
import type { ModelId } from '../../../schema/results';
import { modelOf } from '../../../schema/study';
import { modelUrl, resultsUrl } from '../../lib/paths';
import type { Results } from '../../lib/results';

export interface GalleryRef {
  dataset: DatasetId;
  /** The model whose build-time predictions the gallery holds. */
  model: ModelId;
  jsonUrl: string;
  binaryUrl: string;
  modelUrl: string;
  count: number;
  classNames: string[];
}

/** The bundled gallery holding `model`'s build-time predictions (the training step writes one per model), or null. */
export function galleryOf(results: Results, model: ModelId): GalleryRef | null {
  const meta = results.galleries.get(galleryJsonPath(model));
  if (!meta) return null;
  return {
    dataset: meta.dataset,
    model: meta.model,
    jsonUrl: resultsUrl(galleryJsonPath(model)),
    // `binary` is relative to public/results.
    binaryUrl: resultsUrl(meta.binary),
    modelUrl: modelUrl(meta.model),
    count: meta.count,
    classNames: meta.class_names,
  };
}

/** The dataset `model` was trained on, with its registry entry (title, class names). */
export function datasetOfModel(results: Results, model: ModelId) {
  return datasetEntry(modelOf(results.study, model).dataset, results.study);
}

/** For every declared dataset but `except`: the model of its first training section, the one its widgets show. */
export function otherDatasetModels(results: Results, except: DatasetId): { dataset: DatasetId; model: ModelId }[] {
  return results.study.datasets.flatMap(({ id }) => {
    if (id === except) return [];
    const home = results.study.sections.find((s) => s.kind === 'training' && modelOf(results.study, s.model).dataset === id);
    return home?.kind === 'training' ? [{ dataset: id, model: home.model }] : [];
  });
}

export { modelUrl };

/** Says why a widget cannot run, for the build that lacks its inputs. */
export const MISSING = 'The live version of this figure is not available: the build found no bundled test images.';
