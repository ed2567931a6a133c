import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../training/tf/backend.ts';
import { CLASSES, PIXELS } from '../../../training/model/mlp.ts';
import { trainStep } from '../../../training/train/fast-step.ts';
import { transpose } from '../../../training/train/layout.ts';
import { createRng } from '../../../training/train/rng.ts';

beforeAll(async () => {
  await initBackend('wasm');
});

/** The stock formulation: Dense layers as tfjs-layers builds them, loss on softmax probabilities. */
function stockGrads(w1: Float32Array, b1: Float32Array, w2: Float32Array, b2: Float32Array, x: Float32Array, labels: Uint8Array, units: number, batch: number) {
  return tf.tidy(() => {
    const vars = {
      w1: tf.tensor2d(w1, [PIXELS, units]),
      b1: tf.tensor1d(b1),
      w2: tf.tensor2d(w2, [units, CLASSES]),
      b2: tf.tensor1d(b2),
    };
    const xs = tf.tensor2d(x, [batch, PIXELS]);
    const ys = tf.oneHot(tf.tensor1d(labels, 'int32'), CLASSES);
    const loss = (a: tf.Tensor2D, b: tf.Tensor1D, c: tf.Tensor2D, d: tf.Tensor1D) => {
      const h = tf.relu(tf.add(tf.matMul(xs, a), b));
      const p = tf.softmax(tf.add(tf.matMul(h, c), d));
      return tf.mean(tf.neg(tf.sum(tf.mul(ys, tf.log(tf.clipByValue(p, 1e-7, 1 - 1e-7))), -1))) as tf.Scalar;
    };
    const grads = tf.grads(loss as (...args: tf.Tensor[]) => tf.Tensor)([vars.w1, vars.b1, vars.w2, vars.b2]);
    return grads.map((g) => g.dataSync() as Float32Array);
  });
}

function maxRelDiff(a: Float32Array, b: Float32Array): number {
  let scale = 0;
  let diff = 0;
  for (let i = 0; i < a.length; i++) {
    scale = Math.max(scale, Math.abs(b[i]));
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
  }
  return diff / Math.max(scale, 1e-12);
}

describe('trainStep (hand-written backprop)', () => {
  it('matches autodiff gradients of the stock model on random shapes', () => {
    const rng = createRng(42);
    for (const [units, batch] of [[7, 1], [16, 5], [33, 32], [128, 17]]) {
      const rand = (n: number, s: number) => Float32Array.from({ length: n }, () => (rng() - 0.5) * s);
      const w1 = rand(PIXELS * units, 0.2);
      const b1 = rand(units, 0.1);
      const w2 = rand(units * CLASSES, 0.5);
      const b2 = rand(CLASSES, 0.1);
      const x = Float32Array.from({ length: batch * PIXELS }, () => (rng() < 0.3 ? rng() : 0));
      const xT = transpose(x, batch, PIXELS);
      const labels = Uint8Array.from({ length: batch }, () => Math.floor(rng() * CLASSES));
      const grads = { w1T: new Float32Array(units * PIXELS), b1: new Float32Array(units), w2: new Float32Array(units * CLASSES), b2: new Float32Array(CLASSES) };
      const w1T = tf.tensor2d(transpose(w1, PIXELS, units), [units, PIXELS]);
      trainStep({ units, w1T: transpose(w1, PIXELS, units), b1, w2, b2 }, w1T, { x, xT, labels }, batch, grads);
      w1T.dispose();
      const [gw1, gb1, gw2, gb2] = stockGrads(w1, b1, w2, b2, x, labels, units, batch);
      expect(maxRelDiff(transpose(grads.w1T, units, PIXELS), gw1)).toBeLessThan(1e-5);
      expect(maxRelDiff(grads.b1, gb1)).toBeLessThan(1e-5);
      expect(maxRelDiff(grads.w2, gw2)).toBeLessThan(1e-5);
      expect(maxRelDiff(grads.b2, gb2)).toBeLessThan(1e-5);
    }
  });
});
