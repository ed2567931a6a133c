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

export type ToReproWorker = { type: 'train'; job: ReproJob };

export type FromReproWorker =
  | { type: 'phase'; key: string; text: string }
  | { type: 'download'; key: string; loaded: number; total: number }
  /** The run continues from a checkpoint after `epochs` epochs. */
  | { type: 'resumed'; key: string; epochs: number }
  | { type: 'batch'; key: string; progress: BatchProgress }
  | { type: 'epoch'; key: string; result: EpochResult }
  /** The model is in the store. */
  | { type: 'done'; key: string; sha256: string; seconds: number }
  | { type: 'error'; key: string; message: string };
