/**
 * The reference path: tfjs-layers `model.fit` on the study's network, with Keras 2's gradient
 * (`compileForFit`). `npm run bench` and the equivalence tests compare the fast trainer against it;
 * `npm run train` uses it on backends other than wasm.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { compileForFit, createMlp, readParams, writeParams, type MlpParams } from './mlp.ts';
import { BATCH_SIZE } from '../core/network.ts';
import { CLASSES, IMAGE_SIZE, PIXELS } from '../core/network.ts';
import { toFloatImages } from './images.ts';
import { epochRng, permutation } from '../core/rng.ts';
import type { BatchProgress, EpochStats, Trainer, TrainingSet } from './trainer.ts';

const STOCK_TRAINER_NAME = 'stock: tfjs-layers model.fit, cross-entropy from logits';

/** The accuracy metric's key in fit's logs (tfjs-layers names a function metric after the function). */
const ACCURACY = 'categoricalAccuracy';

export interface StockEpoch {
  loss: number;
  accuracy: number;
  seconds: number;
}

/**
 * One epoch of `fit`. With `seed`, the rows are put in the same seeded order the fast trainer uses and
 * fit's own (Math.random) shuffle is off, so both paths see identical batches.
 */
export async function stockEpoch(
  model: tfl.LayersModel,
  set: TrainingSet,
  options: { seed?: number; epoch?: number; onBatch?: (step: number, loss: number, accuracy: number) => void } = {},
): Promise<StockEpoch> {
  let pixels = set.images;
  let labels = set.labels;
  if (options.seed !== undefined) {
    const order = permutation(set.count, epochRng(options.seed, options.epoch ?? 1));
    pixels = new Uint8Array(set.count * PIXELS);
    labels = new Uint8Array(set.count);
    for (let i = 0; i < set.count; i++) {
      pixels.set(set.images.subarray(order[i] * PIXELS, (order[i] + 1) * PIXELS), i * PIXELS);
      labels[i] = set.labels[order[i]];
    }
  }
  const xs = tf.tensor3d(toFloatImages(pixels, set.count), [set.count, IMAGE_SIZE, IMAGE_SIZE]);
  const ys = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), CLASSES), 'float32'));
  const onBatch = options.onBatch;
  try {
    const started = performance.now();
    const history = await model.fit(xs, ys, {
      batchSize: BATCH_SIZE,
      epochs: 1,
      shuffle: options.seed === undefined,
      verbose: 0,
      callbacks: onBatch ? { onBatchEnd: (step, logs) => onBatch(step, logs?.loss ?? NaN, logs?.[ACCURACY] ?? NaN) } : undefined,
    });
    const seconds = (performance.now() - started) / 1000;
    return { loss: history.history.loss[0] as number, accuracy: history.history[ACCURACY][0] as number, seconds };
  } finally {
    tf.dispose([xs, ys]);
  }
}

export class StockTrainer implements Trainer {
  readonly name = STOCK_TRAINER_NAME;
  private epochsDone = 0;

  private constructor(
    private readonly model: tfl.LayersModel,
    private readonly seed: number,
  ) {}

  static async create(initial: MlpParams, seed: number): Promise<StockTrainer> {
    const model = createMlp({ units: initial.units, seed }, 'linear');
    writeParams(model, initial);
    compileForFit(model);
    return new StockTrainer(model, seed);
  }

  get params(): MlpParams {
    return readParams(this.model);
  }

  async trainEpoch(set: TrainingSet, onBatch?: (p: BatchProgress) => void, every = 50): Promise<EpochStats> {
    const epoch = ++this.epochsDone;
    const steps = Math.ceil(set.count / BATCH_SIZE);
    // fit reports each batch's own loss and accuracy; progress shows running means, as Keras prints.
    // Accuracy is kept as a count: fit's own epoch mean is a float32 sum (0.62450003 for 1,249 / 2,000).
    let lossSum = 0;
    let correct = 0;
    const report = (step: number, loss: number, accuracy: number) => {
      const rows = Math.min(BATCH_SIZE, set.count - step * BATCH_SIZE);
      lossSum += loss * rows;
      correct += Math.round(accuracy * rows);
      const seen = Math.min((step + 1) * BATCH_SIZE, set.count);
      if (onBatch && ((step + 1) % every === 0 || step === steps - 1)) onBatch({ epoch, step: step + 1, steps, loss: lossSum / seen, accuracy: correct / seen });
    };
    const r = await stockEpoch(this.model, set, { seed: this.seed, epoch, onBatch: report });
    return { epoch, loss: r.loss, accuracy: correct / set.count, seconds: r.seconds };
  }

  dispose(): void {
    this.model.dispose();
  }
}
