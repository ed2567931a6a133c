/**
 * Turns the study into independent training jobs (one per model × seed) and decides which are stale.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { datasetEntry, type DatasetEntry, type DatasetId } from '../../core/datasets.ts';
import { runFile, type ModelId } from '../../schema/results.ts';
import { modelOf, otherDatasetOf, type StudySpec } from '../../schema/study.ts';
import { hashValue } from './code-hash.ts';
import { MODEL_FILES, RUN_FILE, runFolder } from '../../core/layout.ts';
import type { BackendName } from '../tf/backend-name.ts';

export interface Job {
  model: ModelId;
  dataset: DatasetId;
  /** The study's other dataset, whose test set the run is also scored on (section 5's question); null if none. */
  other: DatasetId | null;
  /** Where the worker finds both datasets' files: their registry entries (built in, or declared by the study). */
  sources: { dataset: DatasetEntry; other: DatasetEntry | null };
  units: number;
  epochs: number;
  seed: number;
  /** Train on the first N images only (quick runs); null for the whole training set. */
  trainCount: number | null;
  backend: BackendName;
  hash: string;
  /** Where the run's model and run.json go. */
  dir: string;
}

export interface PlanOptions {
  study: StudySpec;
  models: ModelId[];
  seeds?: number;
  quick?: { trainCount: number; epochs: number; seeds: number };
  runsDir: string;
  backend: BackendName;
  trainingCodeHash: string;
  dataHashes: Partial<Record<DatasetId, string[]>>;
}

function seedsOf(study: StudySpec, model: ModelId, options: Pick<PlanOptions, 'seeds' | 'quick'>): number[] {
  const n = options.quick?.seeds ?? options.seeds ?? modelOf(study, model).seeds;
  return Array.from({ length: n }, (_, i) => i);
}

export function planJobs(options: PlanOptions): Job[] {
  const jobs: Job[] = [];
  for (const model of options.models) {
    const spec = modelOf(options.study, model);
    for (const seed of seedsOf(options.study, model, options)) {
      const epochs = options.quick?.epochs ?? spec.epochs;
      const trainCount = options.quick?.trainCount ?? null;
      const other = otherDatasetOf(options.study, model);
      const hash = hashValue({
        model,
        dataset: spec.dataset,
        units: spec.units,
        epochs,
        seed,
        trainCount,
        backend: options.backend,
        code: options.trainingCodeHash,
        // A model's run also evaluates on the other dataset (section 5), so both datasets count.
        other,
        data: options.dataHashes,
      });
      const sources = { dataset: datasetEntry(spec.dataset, options.study), other: other === null ? null : datasetEntry(other, options.study) };
      jobs.push({ model, dataset: spec.dataset, other, sources, units: spec.units, epochs, seed, trainCount, backend: options.backend, hash, dir: join(options.runsDir, runFolder(model, seed)) });
    }
  }
  // Longest first, so the 200-epoch runs never start last on an otherwise idle pool.
  return jobs.sort((a, b) => b.epochs * b.units - a.epochs * a.units);
}

/** The job hash of the run in `dir`: its run.json's, when that is valid (schema/results.ts), else undefined. */
export function recordedHash(dir: string): string | undefined {
  const path = join(dir, RUN_FILE);
  if (!existsSync(path)) return undefined;
  try {
    const run = runFile.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return run.success ? run.data.hash : undefined;
  } catch {
    return undefined; // not JSON: an unfinished or foreign file, retrained like a missing one
  }
}

/** A job is done when its run.json is valid and carries the job's hash, beside its weights. */
export function isFresh(job: Job): boolean {
  return existsSync(join(job.dir, MODEL_FILES.weights)) && recordedHash(job.dir) === job.hash;
}
