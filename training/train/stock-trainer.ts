/**
 * The reference path: tfjs-layers `model.fit`, exactly as a user would write the original in tfjs.
 * Used by `npm run bench` and by the equivalence tests, never by `npm run train`.
 */
import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import { BATCH_SIZE, IMAGE_SIZE, PIXELS } from '../model/mlp.ts';
import type { TrainingSet } from './fast-trainer.ts';
import { epochRng, permutation } from './rng.ts';

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
  options: { seed?: number; epoch?: number } = {},
): Promise<StockEpoch> {
  let images = set.images;
  let labels = set.labels;
  if (options.seed !== undefined) {
    const order = permutation(set.count, epochRng(options.seed, options.epoch ?? 1));
    images = new Float32Array(set.count * PIXELS);
    labels = new Uint8Array(set.count);
    for (let i = 0; i < set.count; i++) {
      images.set(set.images.subarray(order[i] * PIXELS, (order[i] + 1) * PIXELS), i * PIXELS);
      labels[i] = set.labels[order[i]];
    }
  }
  const xs = tf.tensor3d(images, [set.count, IMAGE_SIZE, IMAGE_SIZE]);
  const ys = tf.tensor1d(labels, 'float32');
  try {
    const started = performance.now();
    const history = await model.fit(xs, ys, {
      batchSize: BATCH_SIZE,
      epochs: 1,
      shuffle: options.seed === undefined,
      verbose: 0,
    });
    const seconds = (performance.now() - started) / 1000;
    return { loss: history.history.loss[0] as number, accuracy: history.history.acc[0] as number, seconds };
  } finally {
    tf.dispose([xs, ys]);
  }
}
