/**
 * Build-time config of "Reproduce this section": the models the section reads, each with every trained
 * seed's settings (as its run.json recorded them), published SHA-256 and build-time seconds per epoch; the
 * data files the workers download; the trainer's code version the browser keys its models by.
 */
import { BATCH_SIZE, LEARNING_RATE } from '../../../core/network';
import { MODEL_FILES, RESULT_FILES, runFolder, sectionFilePath } from '../../../core/layout';
import { modelOf, modelsOf, otherDatasetOf, type SectionSpec } from '../../../schema/study';
import { dataOffers } from './data-offers';
import type { ReproduceConfig } from '../../client/reproduce/config';
import { runsOf, type Results } from '../../lib/results';
import { sectionUrl, url } from '../../lib/paths';
import { trainerVersion } from '../../lib/trainer-version';

export function reproduceConfig(section: SectionSpec, results: Results): ReproduceConfig {
  const { study, manifest } = results;
  const sha = new Map(manifest.files.map((f) => [f.path, f.sha256]));
  const models = modelsOf(section).map((id) => {
    const spec = modelOf(study, id);
    const seeds = runsOf(results, id).map((run) => ({
      seed: run.seed,
      trainCount: run.train_count,
      epochs: run.epochs,
      publishedSha256: sha.get(`runs/${runFolder(id, run.seed)}/${MODEL_FILES.weights}`) ?? null,
      buildSecondsPerEpoch: run.history.reduce((a, e) => a + e.seconds, 0) / run.history.length,
    }));
    return { model: id, dataset: spec.dataset, other: otherDatasetOf(study, id), units: spec.units, batchSize: BATCH_SIZE, learningRate: LEARNING_RATE, publishedSeed: spec.publishedSeed, seeds };
  });
  return {
    section: section.id,
    sectionUrl: sectionUrl(section.id),
    trainerVersion: trainerVersion(),
    models,
    datasets: dataOffers(),
    sectionFileUrl: url(`results/${sectionFilePath(section.id)}`),
    studyUrl: url(`results/${RESULT_FILES.study}`),
  };
}
