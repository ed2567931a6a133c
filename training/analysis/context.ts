/**
 * Everything a section needs, loaded once from the trained runs on disk: every dataset's test set, every
 * run of every model, the weights and their test-set predictions (cached, since several sections probe
 * one model). It answers the questions of core/analysis/inputs.ts with the trainer's inference, and
 * writes the results files.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { datasetEntry, type DatasetId } from '../../core/datasets.ts';
import { RUN_FILE, montagePaths } from '../../core/layout.ts';
import type { TestSet } from '../../core/analysis/inputs.ts';
import { runFile, type ModelId, type MontageRef, type RunFile } from '../../schema/results.ts';
import { modelOf, type StudySpec } from '../../schema/study.ts';
import { loadDataset, type Dataset } from '../data/datasets.ts';
import { loadParams } from '../model/io.ts';
import type { MlpParams } from '../../trainer/mlp.ts';
import { TrainedModelInputs } from '../../trainer/trained-inputs.ts';
import { toFloatImages } from '../../trainer/images.ts';
import type { Job } from '../pipeline/jobs.ts';
import { writeFileAtomic, writeJsonAtomic } from '../output/atomic.ts';

/** A test set with the dataset it came from (the gallery copies its raw bytes). */
export interface LoadedTestSet extends TestSet {
  dataset: Dataset;
}

export class AnalysisContext extends TrainedModelInputs {
  private constructor(
    readonly study: StudySpec,
    readonly tests: Record<DatasetId, LoadedTestSet>,
    readonly runs: Map<ModelId, { job: Job; run: RunFile }[]>,
    /** Staging folder that becomes public/results. */
    readonly resultsDir: string,
    readonly quick: boolean,
    /** Overrides each section's configured number of random pairs (quick runs). */
    readonly randomPairs: number | undefined,
  ) {
    super();
  }

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

  protected loadWeights(model: ModelId, seed: number): Promise<MlpParams> {
    const entry = this.runs.get(model)?.find((r) => r.run.seed === seed);
    if (!entry) throw new Error(`No run of ${model} with seed ${seed}.`);
    return loadParams(entry.job.dir);
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
