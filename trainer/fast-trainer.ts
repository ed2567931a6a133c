/**
 * The project's trainer: a lean epoch loop around `trainStep` with no per-batch callbacks or metric
 * syncs, batches assembled in JS memory (wasm's Slice and Gather cost more than the step's own maths),
 * a seeded shuffle per epoch, and the SIMD Adam updating the weights in the heap. On tfjs's wasm
 * backend everything stays in tfjs's heap ("fast"); on any other backend (tfjs-node) the two large
 * products run there and the rest in a heap of the trainer's own ("lean", fast-step.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { MlpParams } from './mlp.ts';
import { BATCH_SIZE, CLASSES, PIXELS } from '../core/network.ts';
import { checkCheckpoint, type TrainerCheckpoint } from './checkpoint.ts';
import { HeapAdam, KERAS_ADAM, type AdamConfig } from './adam.ts';
import { createWorkspace, disposeWorkspace, readWorkspaceParams, trainStep, type StepWorkspace } from './fast-step.ts';
import { loadKernels, type KernelBinaries } from './kernels.ts';
import { PIXEL_VALUES } from './images.ts';
import { transpose } from './layout.ts';
import { epochRng, permutation } from '../core/rng.ts';
import type { BatchProgress, EpochStats, Trainer, TrainingSet } from './trainer.ts';
import { LocalHeap, WasmHeap } from './wasm-heap.ts';

export const FAST_TRAINER_NAME = 'fast: hand-written backprop on the tfjs wasm heap, untransposed XNNPACK matmuls, wasm-SIMD output layer and Adam';
/** The same trainer off wasm (`${backend}` filled in). */
export const leanTrainerName = (backend: string) => `lean: hand-written backprop, the two large matmuls on tfjs's ${backend} backend, wasm-SIMD output layer and Adam`;

/**
 * Scales the rows `order[start..start+batch)` into x (row-major) and xᵀ (column-major), zeroing the
 * padding.
 */
function fillBatch(set: TrainingSet, order: Uint32Array, start: number, batch: number, ws: StepWorkspace): void {
  const { x, xT, labels, capacity } = ws;
  const images = set.images;
  for (let r = 0; r < batch; r++) {
    const src = order[start + r] * PIXELS;
    const dst = r * PIXELS;
    for (let p = 0; p < PIXELS; p++) {
      const v = PIXEL_VALUES[images[src + p]];
      x[dst + p] = v;
      xT[p * capacity + r] = v;
    }
    labels[r] = set.labels[order[start + r]];
  }
  if (batch < capacity) {
    x.fill(0, batch * PIXELS);
    for (let p = 0; p < PIXELS; p++) xT.fill(0, p * capacity + batch, (p + 1) * capacity);
  }
}

export class FastTrainer implements Trainer {
  private epochsDone = 0;

  private constructor(
    readonly name: string,
    private readonly ws: StepWorkspace,
    private readonly adam: HeapAdam,
    private readonly seed: number,
    private readonly batchSize: number,
  ) {}

  /**
   * Starts from `initial` (copied); `seed` drives the per-epoch shuffle. Runs on the active backend,
   * in tfjs's heap on wasm. The study trains with batch 32 and Keras's Adam; the browser's "your own
   * run" may change both.
   */
  static async create(initial: MlpParams, seed: number, binaries: KernelBinaries, batchSize = BATCH_SIZE, adam: AdamConfig = KERAS_ADAM): Promise<FastTrainer> {
    const backend = tf.getBackend();
    const heap = backend === 'wasm' ? WasmHeap.ofActiveBackend() : new LocalHeap();
    const kernels = await loadKernels(heap.memory, binaries);
    const ws = createWorkspace(heap, kernels.outputLayer, initial, batchSize);
    const { w1T, b1, w2, b2 } = ws.params;
    const name = backend === 'wasm' ? FAST_TRAINER_NAME : leanTrainerName(backend);
    return new FastTrainer(name, ws, new HeapAdam(heap, kernels.adam, [w1T, b1, w2, b2], adam), seed, batchSize);
  }

  /**
   * Continues a run from `checkpoint` (see checkpoint.ts): the same `seed`, batch size and Adam settings
   * as the run that wrote it give the weights an uninterrupted run would have, bit for bit.
   */
  static async resume(checkpoint: TrainerCheckpoint, seed: number, binaries: KernelBinaries, batchSize = BATCH_SIZE, adam: AdamConfig = KERAS_ADAM): Promise<FastTrainer> {
    checkCheckpoint(checkpoint, checkpoint.params.units);
    const trainer = await FastTrainer.create(checkpoint.params, seed, binaries, batchSize, adam);
    const U = checkpoint.params.units;
    // The moments in the heap's order and layout: W1 transposed, as the weights are (createWorkspace).
    const inHeapLayout = (p: MlpParams) => [transpose(p.w1, PIXELS, U), p.b1, p.w2, p.b2];
    trainer.adam.restore(checkpoint.adamSteps, inHeapLayout(checkpoint.m), inHeapLayout(checkpoint.v));
    trainer.epochsDone = checkpoint.epoch;
    return trainer;
  }

  /** A copy of the current weights in tfjs's layout. */
  get params(): MlpParams {
    return readWorkspaceParams(this.ws);
  }

  /** The whole state after the last epoch trained, for `resume`. */
  checkpoint(): TrainerCheckpoint {
    const U = this.ws.units;
    const { steps, m, v } = this.adam.state([U * PIXELS, U, U * CLASSES, CLASSES]);
    const asParams = ([w1T, b1, w2, b2]: Float32Array[]): MlpParams => ({ units: U, w1: transpose(w1T, U, PIXELS), b1, w2, b2 });
    return { epoch: this.epochsDone, adamSteps: steps, params: this.params, m: asParams(m), v: asParams(v) };
  }

  /** Trains one epoch over `set` in a seeded order; `onBatch` is called every `every` steps. */
  trainEpoch(set: TrainingSet, onBatch?: (p: BatchProgress) => void, every = 50): EpochStats {
    const epoch = ++this.epochsDone;
    const started = performance.now();
    const order = permutation(set.count, epochRng(this.seed, epoch));
    const steps = Math.ceil(set.count / this.batchSize);
    const { grads } = this.ws;
    let lossSum = 0;
    let correct = 0;
    let seen = 0;
    for (let step = 0; step < steps; step++) {
      const start = step * this.batchSize;
      const batch = Math.min(this.batchSize, set.count - start);
      fillBatch(set, order, start, batch, this.ws);
      const r = trainStep(this.ws, batch);
      try {
        this.adam.step([r.gw1T.offset, grads.b1.offset, grads.w2.offset, grads.b2.offset]);
      } finally {
        r.gw1T.release();
      }
      lossSum += r.lossSum;
      correct += r.correct;
      seen += batch;
      if (onBatch && ((step + 1) % every === 0 || step === steps - 1)) {
        onBatch({ epoch, step: step + 1, steps, loss: lossSum / seen, accuracy: correct / seen });
      }
    }
    return { epoch, loss: lossSum / seen, accuracy: correct / seen, seconds: (performance.now() - started) / 1000 };
  }

  dispose(): void {
    this.adam.dispose();
    disposeWorkspace(this.ws);
  }
}
