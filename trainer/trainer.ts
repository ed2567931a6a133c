/**
 * What a trainer is, and which one runs: the project's fast trainer on the wasm backend (where stock
 * `fit` is slow), tfjs-layers' own `fit` anywhere else (tfjs-node is fast as it is; the pure-JS cpu
 * backend is a last resort either way).
 */
import * as tf from '@tensorflow/tfjs-core';
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
 * The fast trainer on wasm, stock `fit` elsewhere; both start from `initial` and shuffle by `seed`.
 * `kernels` supplies the fast trainer's wasm binaries (see kernels.ts), asked for only on wasm.
 */
export async function createTrainer(initial: MlpParams, seed: number, kernels: () => Promise<KernelBinaries>, options: TrainerOptions = {}): Promise<Trainer> {
  const batchSize = options.batchSize ?? BATCH_SIZE;
  const adam = options.adam ?? KERAS_ADAM;
  if (tf.getBackend() === 'wasm') {
    const { FastTrainer } = await import('./fast-trainer.ts');
    if (options.resume) return FastTrainer.resume(options.resume, seed, await kernels(), batchSize, adam);
    return FastTrainer.create(initial, seed, await kernels(), batchSize, adam);
  }
  if (options.resume) {
    throw new Error(`Only the fast trainer on wasm resumes a run from a checkpoint; the backend is '${tf.getBackend()}'. Train from the start, or use the wasm backend.`);
  }
  if (batchSize !== BATCH_SIZE || JSON.stringify(adam) !== JSON.stringify(KERAS_ADAM)) {
    throw new Error(`The stock trainer on '${tf.getBackend()}' trains only the study's batch ${BATCH_SIZE} and Adam ${KERAS_ADAM.learningRate}; use the wasm backend for other settings.`);
  }
  const { StockTrainer } = await import('./stock-trainer.ts');
  return StockTrainer.create(initial, seed);
}
