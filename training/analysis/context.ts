/**
 * Everything a section needs, loaded once: both datasets' test sets, every run of every model, the
 * published weights and their test-set predictions (cached, since several sections probe model 3).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runFile, type DatasetId, type ModelId, type MontageRef, type RunFile } from '../../schema/results.ts';
import { modelOf, type StudySpec } from '../../schema/study.ts';
import { loadDataset, type Dataset } from '../data/datasets.ts';
import { loadParams } from '../model/io.ts';
import type { MlpParams } from '../../trainer/mlp.ts';
import { predict, type Prediction } from '../../trainer/inference.ts';
import { toFloatImages } from '../../trainer/images.ts';
import type { Job } from '../pipeline/jobs.ts';
import { writeFileAtomic, writeJsonAtomic } from '../output/atomic.ts';

export interface TestSet {
  dataset: Dataset;
  images: Float32Array;
  labels: Uint8Array;
  count: number;
}

export class AnalysisContext {
  private readonly paramsCache = new Map<string, MlpParams>();
  private readonly predictionCache = new Map<string, Prediction>();

  private constructor(
    readonly study: StudySpec,
    readonly tests: Record<DatasetId, TestSet>,
    readonly runs: Map<ModelId, { job: Job; run: RunFile }[]>,
    /** Staging folder that becomes public/results. */
    readonly resultsDir: string,
    readonly quick: boolean,
    /** Overrides each section's configured number of random pairs (quick runs). */
    readonly randomPairs: number | undefined,
  ) {}

  static async create(study: StudySpec, jobs: Job[], resultsDir: string, quick: boolean, randomPairs: number | undefined): Promise<AnalysisContext> {
    const tests = {} as Record<DatasetId, TestSet>;
    for (const { id } of study.datasets) {
      const dataset = await loadDataset(id);
      tests[id] = { dataset, images: toFloatImages(dataset.test.images, dataset.test.count), labels: dataset.test.labels, count: dataset.test.count };
    }
    const runs = new Map<ModelId, { job: Job; run: RunFile }[]>();
    for (const job of jobs) {
      const run = runFile.parse(JSON.parse(await readFile(join(job.dir, 'run.json'), 'utf8')));
      runs.set(job.model, [...(runs.get(job.model) ?? []), { job, run }]);
    }
    return new AnalysisContext(study, tests, runs, resultsDir, quick, randomPairs);
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
      const t = this.tests[dataset];
      p = predict(await this.params(model, seed), t.images, t.count, true);
      this.predictionCache.set(key, p);
    }
    return p;
  }

  datasetOf(model: ModelId): DatasetId {
    return modelOf(this.study, model).dataset;
  }

  classNames(dataset: DatasetId): string[] {
    return [...this.tests[dataset].dataset.classNames];
  }

  async writeJson(file: string, value: unknown): Promise<void> {
    await writeJsonAtomic(join(this.resultsDir, file), value);
  }

  async writeMontage(name: string, png: Buffer, meta: unknown, info: Omit<MontageRef, 'image' | 'meta'>): Promise<MontageRef> {
    const image = `montages/${name}.png`;
    const metaFile = `montages/${name}.json`;
    await writeFileAtomic(join(this.resultsDir, image), png);
    await this.writeJson(metaFile, meta);
    return { image, meta: metaFile, ...info };
  }
}
