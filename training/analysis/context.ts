/**
 * Everything a section needs, loaded once from the trained runs on disk: every dataset's test set and
 * every run of every model; the weights are read from the runs' folders when first asked for. The
 * questions of core/analysis/inputs.ts are answered by trainer/analysis-inputs.ts (the trainer's inference,
 * cached); this adds writing the results files.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { datasetEntry, type DatasetId } from '../../core/datasets.ts';
import { RUN_FILE, montagePaths } from '../../core/layout.ts';
import type { TestSet } from '../../core/analysis/inputs.ts';
import { runFile, type ModelId, type MontageRef, type RunFile } from '../../schema/results.ts';
import type { StudySpec } from '../../schema/study.ts';
import { loadDataset, type Dataset } from '../data/datasets.ts';
import { loadParams } from '../model/io.ts';
import { ModelInputs } from '../../trainer/analysis-inputs.ts';
import { toFloatImages } from '../../trainer/images.ts';
import type { Job } from '../pipeline/jobs.ts';
import { writeFileAtomic, writeJsonAtomic } from '../output/atomic.ts';

/** A test set with the dataset it came from (the gallery copies its raw bytes). */
export interface LoadedTestSet extends TestSet {
  dataset: Dataset;
}

export class AnalysisContext extends ModelInputs<LoadedTestSet> {
  private constructor(
    study: StudySpec,
    tests: Record<DatasetId, LoadedTestSet>,
    /** Every job of the generation with its run, by model. */
    readonly runs: Map<ModelId, { job: Job; run: RunFile }[]>,
    /** Staging folder that becomes public/results. */
    readonly resultsDir: string,
    readonly quick: boolean,
    randomPairs: number | undefined,
  ) {
    const records = new Map([...runs].map(([model, entries]) => [model, entries.map((e) => e.run)]));
    super(study, tests, records, (model, seed) => {
      const entry = runs.get(model)?.find((r) => r.run.seed === seed);
      if (!entry) throw new Error(`No run of ${model} with seed ${seed}.`);
      return loadParams(entry.job.dir);
    }, randomPairs);
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
