/**
 * What a trainer is, and which one runs: the project's trainer on every backend, in tfjs's heap on wasm
 * and with its two large products on the backend elsewhere (fast-trainer.ts). tfjs-layers' stock `fit`
 * (stock-trainer.ts) is the reference the bench and the equivalence check compare it with: on tfjs-node
 * it is 7-8× slower than this trainer on wasm, its ~160 kernel calls a step each costing 26-40 µs of
 * dispatch (training/README.md, "Backends").
 */
import { KERAS_ADAM, type AdamConfig } from './adam.ts';
import type { TrainerCheckpoint } from './checkpoint.ts';
import type { KernelBinaries } from './kernels.ts';
import { type MlpParams } from './mlp.ts';
import { BATCH_SIZE } from '../core/network.ts';

export interface TrainingSet {
  /** count × 784 raw pixels (0–255); the trainer scales each batch by 1/255 (images.ts), as the original. */
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
}

export interface EpochStats {
  epoch: number;
  /** Running means over the epoch's batches: what Keras prints. */
  loss: number;
  accuracy: number;
  seconds: number;
}

export interface BatchProgress {
  epoch: number;
  step: number;
  steps: number;
  loss: number;
  accuracy: number;
}

export interface Trainer {
  /** Recorded in every run.json and the manifest. */
  readonly name: string;
  /** A copy of the current weights in tfjs's layout. */
  readonly params: MlpParams;
  trainEpoch(set: TrainingSet, onBatch?: (p: BatchProgress) => void): EpochStats | Promise<EpochStats>;
  /** The whole state after the last epoch, to resume from (checkpoint.ts); only the fast trainer has it. */
  checkpoint?(): TrainerCheckpoint;
  dispose(): void;
}

/** Departures from the study's batch size and optimizer (the browser's "your own run"). */
export interface TrainerOptions {
  batchSize?: number;
  adam?: AdamConfig;
  /** Continue from this state instead of `initial` (the fast trainer only). */
  resume?: TrainerCheckpoint;
}

/**
 * The project's trainer on the active backend, starting from `initial` and shuffling by `seed`.
 * `kernels` supplies its wasm binaries (see kernels.ts).
 */
export async function createTrainer(initial: MlpParams, seed: number, kernels: () => Promise<KernelBinaries>, options: TrainerOptions = {}): Promise<Trainer> {
  const { FastTrainer } = await import('./fast-trainer.ts');
  const batchSize = options.batchSize ?? BATCH_SIZE;
  const adam = options.adam ?? KERAS_ADAM;
  if (options.resume) return FastTrainer.resume(options.resume, seed, await kernels(), batchSize, adam);
  return FastTrainer.create(initial, seed, await kernels(), batchSize, adam);
}
