/**
 * What the page and a reproduce worker say to each other. A worker trains one model at a time and is
 * given the next when it reports 'done'; a stop is `Worker.terminate()`, after which the model's last
 * checkpoint (written by the worker after every epoch) is where the next run resumes.
 */
import type { DatasetId } from '../../../schema/results.ts';
import type { EpochResult } from '../../../trainer/run.ts';
import type { BatchProgress } from '../../../trainer/trainer.ts';
import type { DataFileRef } from '../train/messages.ts';
import type { RunConfig } from '../train/settings.ts';

export interface ReproJob {
  /** modelKey(settings, trainerVersion): the model's record in the store. */
  key: string;
  settings: RunConfig;
  trainerVersion: string;
  /** The four files of the model's dataset. */
  files: DataFileRef[];
  /** The other dataset, whose test set the run is also scored on (run.json's cross_accuracy), or null. */
  other: { dataset: DatasetId; files: DataFileRef[] } | null;
}

/** Run a section's analysis (core/analysis/<kind>.ts) on reproduced models. */
export interface AnalysisRequest {
  id: string;
  section: string;
  /** results/study.json: the declaration the published results came from. */
  studyUrl: string;
  /** Each dataset's files (only its two test files are downloaded). */
  datasets: Record<DatasetId, DataFileRef[]>;
  /** The reproduced models the section reads: each model id with the store keys of its seeds. */
  models: { model: string; keys: string[] }[];
  /** The number of random pairs of an α section, as the published file records it. */
  randomPairs?: number;
}

export type ToReproWorker = { type: 'train'; job: ReproJob } | { type: 'analyse'; request: AnalysisRequest };

export type FromReproWorker =
  | { type: 'phase'; key: string; text: string }
  | { type: 'download'; key: string; loaded: number; total: number }
  /** The run continues from a checkpoint after `epochs` epochs. */
  | { type: 'resumed'; key: string; epochs: number }
  | { type: 'batch'; key: string; progress: BatchProgress }
  | { type: 'epoch'; key: string; result: EpochResult }
  /** The model is in the store. */
  | { type: 'done'; key: string; sha256: string; seconds: number }
  /** A section's figures (the section file without its montages). */
  | { type: 'figures'; key: string; figures: Record<string, unknown>; seconds: number }
  /** `key` is the job's store key, or the analysis request's id. */
  | { type: 'error'; key: string; message: string };
