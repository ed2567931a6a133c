/**
 * What the page and the training worker say to each other. The page starts one run at a time; a stop
 * is `Worker.terminate()` (the training loop is synchronous, so a stop message would wait for the end of
 * the epoch) and keeps the weights the last 'epoch' message brought; the next run gets a fresh worker.
 */
import type { DatasetId } from '../../../schema/results.ts';
import type { IdxFile } from '../../../core/datasets.ts';
import type { LayersFiles } from '../../../trainer/artifacts.ts';
import type { EpochResult } from '../../../trainer/run.ts';
import type { BatchProgress } from '../../../trainer/trainer.ts';
import type { RunConfig } from './settings.ts';

export interface DataFileRef {
  file: IdxFile;
  /** Absolute or base-relative URL of `<file>.gz`. */
  url: string;
  /** Bytes downloaded. */
  gzBytes: number;
}

export type ToWorker = { type: 'start'; settings: RunConfig; files: DataFileRef[] };

export interface RunDone {
  modelJson: LayersFiles['modelJson'];
  /** weights.bin, transferred. */
  weights: ArrayBuffer;
  sha256: string;
  trainer: string;
  testAccuracy: number;
  testLoss: number;
  /** Training time (without the download). */
  seconds: number;
}

export type FromWorker =
  | { type: 'phase'; text: string }
  | { type: 'download'; dataset: DatasetId; loaded: number; total: number }
  | { type: 'batch'; progress: BatchProgress }
  | { type: 'epoch'; result: EpochResult; modelJson: LayersFiles['modelJson']; /** weights.bin after this epoch, transferred. */ weights: ArrayBuffer }
  | ({ type: 'done' } & RunDone)
  | { type: 'error'; message: string };
