/**
 * The project's trainer: a lean epoch loop around `trainStep` with no per-batch callbacks or metric
 * syncs, batches assembled in JS memory (wasm's Slice and Gather cost more than the step's own maths),
 * a seeded shuffle per epoch, and one SIMD Adam pass over all weights.
 */
import * as tf from '@tensorflow/tfjs-core';
import { BATCH_SIZE, PIXELS, type MlpParams } from '../model/mlp.ts';
import { transpose } from './layout.ts';
import { FlatAdam, KERAS_ADAM } from './adam.ts';
import { trainStep, type StepBuffers, type StepParams } from './fast-step.ts';
import { epochRng, permutation } from './rng.ts';

export interface TrainingSet {
  /** count × 784 pixels scaled to [0, 1] (pixels / 255, as the original). */
  images: Float32Array;
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

/** Gathers the rows `order[start..start+batch)` into x (row-major) and xᵀ (column-major) at once. */
function fillBatch(set: TrainingSet, order: Uint32Array, start: number, batch: number, buf: StepBuffers): void {
  const { x, xT, labels } = buf;
  for (let r = 0; r < batch; r++) {
    const src = order[start + r];
    const row = set.images.subarray(src * PIXELS, (src + 1) * PIXELS);
    x.set(row, r * PIXELS);
    for (let p = 0; p < PIXELS; p++) xT[p * batch + r] = row[p];
    labels[r] = set.labels[src];
  }
}

type ParamKey = 'w1T' | 'b1' | 'w2' | 'b2';

export class FastTrainer {
  /** The weights being trained (W1 transposed): views on the Adam kernel's memory, updated in place. */
  private readonly state: StepParams;
  private readonly buf: StepBuffers;
  private epochsDone = 0;

  private constructor(
    private readonly adam: FlatAdam<ParamKey>,
    units: number,
    private readonly seed: number,
    private readonly batchSize: number,
  ) {
    this.state = { units, ...adam.params };
    this.buf = {
      x: new Float32Array(batchSize * PIXELS),
      xT: new Float32Array(batchSize * PIXELS),
      labels: new Uint8Array(batchSize),
    };
  }

  /** Starts from `initial` (copied); `seed` drives the per-epoch shuffle. */
  static async create(initial: MlpParams, seed: number, batchSize = BATCH_SIZE): Promise<FastTrainer> {
    const { w1, b1, w2, b2, units } = initial;
    const w1T = transpose(w1, PIXELS, units);
    return new FastTrainer(await FlatAdam.create<ParamKey>({ w1T, b1, w2, b2 }, KERAS_ADAM), units, seed, batchSize);
  }

  /** A copy of the current weights in tfjs's layout. */
  get params(): MlpParams {
    const s = this.state;
    return { units: s.units, w1: transpose(s.w1T, s.units, PIXELS), b1: s.b1.slice(), w2: s.w2.slice(), b2: s.b2.slice() };
  }

  /** Trains one epoch over `set` in a seeded order; `onBatch` is called every `every` steps. */
  trainEpoch(set: TrainingSet, onBatch?: (p: BatchProgress) => void, every = 50): EpochStats {
    const epoch = ++this.epochsDone;
    const started = performance.now();
    const order = permutation(set.count, epochRng(this.seed, epoch));
    const steps = Math.ceil(set.count / this.batchSize);
    const p = this.state;
    let w1T = tf.tensor2d(p.w1T, [p.units, PIXELS]);
    let lossSum = 0;
    let correct = 0;
    let seen = 0;
    try {
      for (let step = 0; step < steps; step++) {
        const start = step * this.batchSize;
        const batch = Math.min(this.batchSize, set.count - start);
        fillBatch(set, order, start, batch, this.buf);
        const r = trainStep(p, w1T, this.buf, batch, this.adam.grads);
        lossSum += r.lossSum;
        correct += r.correct;
        seen += batch;
        this.adam.step();
        w1T.dispose();
        w1T = tf.tensor2d(p.w1T, [p.units, PIXELS]);
        if (onBatch && ((step + 1) % every === 0 || step === steps - 1)) {
          onBatch({ epoch, step: step + 1, steps, loss: lossSum / seen, accuracy: correct / seen });
        }
      }
    } finally {
      w1T.dispose();
    }
    return { epoch, loss: lossSum / seen, accuracy: correct / seen, seconds: (performance.now() - started) / 1000 };
  }
}
