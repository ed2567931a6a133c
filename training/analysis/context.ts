/**
 * Everything a section needs, loaded once from the trained runs on disk: every dataset's test set, every
 * run of every model, the weights and their test-set predictions (cached, since several sections probe
 * one model). It answers the questions of core/analysis/inputs.ts with the trainer's inference, and
 * writes the results files.
 */
import * as tf from '@tensorflow/tfjs-core';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { datasetEntry, type DatasetId } from '../../core/datasets.ts';
import { IMAGE_SIZE } from '../../core/network.ts';
import { RUN_FILE, montagePaths } from '../../core/layout.ts';
import type { AnalysisInputs, Prediction, TestSet } from '../../core/analysis/inputs.ts';
import { runFile, type ModelId, type MontageRef, type RunFile } from '../../schema/results.ts';
import { modelOf, type StudySpec } from '../../schema/study.ts';
import { loadDataset, type Dataset } from '../data/datasets.ts';
import { loadParams } from '../model/io.ts';
import { compileLikeKeras, createMlp, writeParams, type MlpParams } from '../../trainer/mlp.ts';
import { INFERENCE_BATCH, predict } from '../../trainer/inference.ts';
import { toFloatImages } from '../../trainer/images.ts';
import type { Job } from '../pipeline/jobs.ts';
import { writeFileAtomic, writeJsonAtomic } from '../output/atomic.ts';

/** A test set with the dataset it came from (the gallery copies its raw bytes). */
export interface LoadedTestSet extends TestSet {
  dataset: Dataset;
}

export class AnalysisContext implements AnalysisInputs {
  private readonly paramsCache = new Map<string, MlpParams>();
  private readonly predictionCache = new Map<string, Prediction>();

  private constructor(
    readonly study: StudySpec,
    readonly tests: Record<DatasetId, LoadedTestSet>,
    readonly runs: Map<ModelId, { job: Job; run: RunFile }[]>,
    /** Staging folder that becomes public/results. */
    readonly resultsDir: string,
    readonly quick: boolean,
    /** Overrides each section's configured number of random pairs (quick runs). */
    readonly randomPairs: number | undefined,
  ) {}

  static async create(study: StudySpec, jobs: Job[], resultsDir: string, quick: boolean, randomPairs: number | undefined): Promise<AnalysisContext> {
    const tests: Record<DatasetId, LoadedTestSet> = {};
    for (const { id } of study.datasets) {
      const dataset = await loadDataset(datasetEntry(id, study));
      tests[id] = { dataset, images: toFloatImages(dataset.test.images, dataset.test.count), labels: dataset.test.labels, count: dataset.test.count, classNames: dataset.classNames };
    }
    const runs = new Map<ModelId, { job: Job; run: RunFile }[]>();
    for (const job of jobs) {
      const run = runFile.parse(JSON.parse(await readFile(join(job.dir, RUN_FILE), 'utf8')));
      runs.set(job.model, [...(runs.get(job.model) ?? []), { job, run }]);
    }
    return new AnalysisContext(study, tests, runs, resultsDir, quick, randomPairs);
  }

  test(dataset: DatasetId): LoadedTestSet {
    const t = this.tests[dataset];
    if (!t) throw new Error(`Dataset "${dataset}" is not in the study (declared: ${Object.keys(this.tests).join(', ')}).`);
    return t;
  }

  runsOf(model: ModelId): RunFile[] {
    return (this.runs.get(model) ?? []).map((r) => r.run).sort((a, b) => a.seed - b.seed);
  }

  publishedSeed(model: ModelId): number {
    const seed = modelOf(this.study, model).publishedSeed;
    if (!this.runsOf(model).some((r) => r.seed === seed)) {
      throw new Error(`The published seed ${seed} of ${model} was not trained (seeds: ${this.runsOf(model).map((r) => r.seed).join(', ')}); train more seeds or change publishedSeed in the study declaration.`);
    }
    return seed;
  }

  async params(model: ModelId, seed = this.publishedSeed(model)): Promise<MlpParams> {
    const key = `${model}/${seed}`;
    let p = this.paramsCache.get(key);
    if (!p) {
      const entry = this.runs.get(model)?.find((r) => r.run.seed === seed);
      if (!entry) throw new Error(`No run of ${model} with seed ${seed}.`);
      p = await loadParams(entry.job.dir);
      this.paramsCache.set(key, p);
    }
    return p;
  }

  /** Predictions of `model` (published seed unless given) on the test set of `dataset`, with hidden outputs. */
  async predictions(model: ModelId, dataset: DatasetId, seed = this.publishedSeed(model)): Promise<Prediction> {
    const key = `${model}/${seed}/${dataset}`;
    let p = this.predictionCache.get(key);
    if (!p) {
      const t = this.test(dataset);
      p = predict(await this.params(model, seed), t.images, t.count, true);
      this.predictionCache.set(key, p);
    }
    return p;
  }

  async predict(model: ModelId, images: Float32Array, count: number, seed = this.publishedSeed(model)): Promise<Prediction> {
    return predict(await this.params(model, seed), images, count);
  }

  /** tfjs-layers' own `evaluate`, on a freshly built model with the published weights. */
  async evaluate(model: ModelId): Promise<{ accuracy: number; loss: number }> {
    const test = this.test(this.datasetOf(model));
    const net = createMlp({ units: modelOf(this.study, model).units, seed: 0 });
    writeParams(net, await this.params(model));
    compileLikeKeras(net);
    const xs = tf.tensor3d(test.images, [test.count, IMAGE_SIZE, IMAGE_SIZE]);
    const ys = tf.tensor1d(test.labels, 'float32');
    try {
      const [loss, acc] = net.evaluate(xs, ys, { batchSize: INFERENCE_BATCH }) as tf.Scalar[];
      const out = { loss: (await loss.data())[0], accuracy: (await acc.data())[0] };
      tf.dispose([loss, acc]);
      return out;
    } finally {
      tf.dispose([xs, ys]);
      net.dispose();
    }
  }

  datasetOf(model: ModelId): DatasetId {
    return modelOf(this.study, model).dataset;
  }

  async writeJson(file: string, value: unknown): Promise<void> {
    await writeJsonAtomic(join(this.resultsDir, file), value);
  }

  async writeMontage(name: string, png: Buffer, meta: unknown, info: Omit<MontageRef, 'image' | 'meta'>): Promise<MontageRef> {
    const { image, meta: metaFile } = montagePaths(name);
    await writeFileAtomic(join(this.resultsDir, image), png);
    await this.writeJson(metaFile, meta);
    return { image, meta: metaFile, ...info };
  }
}
