/**
 * Build-time config of "Reproduce this section": the models the section reads, each with every trained
 * seed's settings (as its run.json recorded them), published SHA-256 and build-time seconds per epoch; the
 * data files the workers download; the trainer's code version the browser keys its models by.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import assets from 'virtual:train-data';
import type { DataAssetFile } from '../../../scripts/site/data-assets';
import { DATASET_IDS, runFile, type DatasetId } from '../../../schema/results';
import { modelOf, modelsOf, type SectionSpec } from '../../../schema/study';
import { BATCH_SIZE, LEARNING_RATE } from '../../../trainer/mlp';
import type { DatasetOffer } from '../../client/widgets/train-yourself';
import type { ReproduceConfig } from '../../client/reproduce/config';
import type { Results } from '../../lib/results';
import { PUBLIC_DIR, sectionUrl, url } from '../../lib/paths';
import { trainerVersion } from '../../lib/trainer-version';

/** The datasets as the site serves them (scripts/site/data-assets.ts), for the training workers. */
export function dataOffers(): Record<DatasetId, DatasetOffer> {
  return Object.fromEntries(
    DATASET_IDS.map((id) => {
      const a = assets[id];
      return [id, a.available ? { available: true, files: a.files.map((f: DataAssetFile) => ({ file: f.file, url: url(f.path), gzBytes: f.gzBytes })) } : a];
    }),
  ) as Record<DatasetId, DatasetOffer>;
}

export function reproduceConfig(section: SectionSpec, results: Results): ReproduceConfig {
  const { study, manifest } = results;
  const sha = new Map(manifest.files.map((f) => [f.path, f.sha256]));
  const models = modelsOf(section).map((id) => {
    const spec = modelOf(study, id);
    const seeds = manifest.jobs
      .filter((j) => j.model === id)
      .map((j) => {
        const path = `runs/${id}/seed-${j.seed}`;
        const run = runFile.parse(JSON.parse(readFileSync(join(PUBLIC_DIR, path, 'run.json'), 'utf8')));
        const epochSeconds = run.history.reduce((a, e) => a + e.seconds, 0) / run.history.length;
        return { seed: j.seed, trainCount: run.train_count, epochs: run.epochs, publishedSha256: sha.get(`${path}/weights.bin`) ?? null, buildSecondsPerEpoch: epochSeconds };
      })
      .sort((a, b) => a.seed - b.seed);
    const other = study.datasets.find((d) => d.id !== spec.dataset)?.id ?? null;
    return { model: id, dataset: spec.dataset, other, units: spec.units, batchSize: BATCH_SIZE, learningRate: LEARNING_RATE, publishedSeed: spec.publishedSeed, seeds };
  });
  return {
    section: section.id,
    sectionUrl: sectionUrl(section.id),
    trainerVersion: trainerVersion(),
    models,
    datasets: dataOffers(),
    sectionFileUrl: url(`results/section-${section.id}.json`),
    studyUrl: url('results/study.json'),
  };
}
