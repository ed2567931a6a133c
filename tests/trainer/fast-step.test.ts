import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../training/tf/backend.ts';
import { compileForFit, createMlp } from '../../trainer/mlp.ts';
import { CLASSES, PIXELS } from '../../core/network.ts';
import { createWorkspace, disposeWorkspace, trainStep } from '../../trainer/fast-step.ts';
import { loadKernels, type Kernels } from '../../trainer/kernels.ts';
import { nodeKernels } from '../../training/tf/kernels.ts';
import { LocalHeap, WasmHeap, type Heap } from '../../trainer/wasm-heap.ts';
import { transpose } from '../../trainer/layout.ts';
import { createRng } from '../../core/rng.ts';

type LossFn = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;
let stockLoss: LossFn;
let heap: WasmHeap;
let kernels: Kernels;
/** A heap of the trainer's own, as off wasm (tfjs-node): the two products are copied in and out. */
let local: { heap: LocalHeap; kernels: Kernels };

beforeAll(async () => {
  await initBackend('wasm');
  heap = WasmHeap.ofActiveBackend();
  kernels = await loadKernels(heap.memory, await nodeKernels());
  const localHeap = new LocalHeap();
  local = { heap: localHeap, kernels: await loadKernels(localHeap.memory, await nodeKernels()) };
  // The very loss function the stock reference's `fit` applies: cross-entropy from the logits.
  // A functional copy, because Sequential keeps its compiled inner model private.
  const mlp = createMlp({ units: 4, seed: 0 }, 'linear');
  const model = tfl.model({ inputs: mlp.inputs, outputs: mlp.outputs });
  compileForFit(model);
  stockLoss = model.lossFunctions[0];
});

/** The stock formulation: Dense layers as tfjs-layers builds them, the reference's loss on the logits. */
function stockGrads(w1: Float32Array, b1: Float32Array, w2: Float32Array, b2: Float32Array, x: Float32Array, labels: Uint8Array, units: number, batch: number) {
  return tf.tidy(() => {
    const vars = {
      w1: tf.tensor2d(w1, [PIXELS, units]),
      b1: tf.tensor1d(b1),
      w2: tf.tensor2d(w2, [units, CLASSES]),
      b2: tf.tensor1d(b2),
    };
    const xs = tf.tensor2d(x, [batch, PIXELS]);
    const ys = tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), CLASSES), 'float32');
    const loss = (a: tf.Tensor2D, b: tf.Tensor1D, c: tf.Tensor2D, d: tf.Tensor1D) => {
      const h = tf.relu(tf.add(tf.matMul(xs, a), b));
      return tf.mean(stockLoss(ys, tf.add(tf.matMul(h, c), d))) as tf.Scalar;
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

function checkAgainstStock(units: number, batch: number, rng: () => number, b2Scale = 0.1, on: { heap: Heap; kernels: Kernels } = { heap, kernels }) {
  const rand = (n: number, s: number) => Float32Array.from({ length: n }, () => (rng() - 0.5) * s);
  const w1 = rand(PIXELS * units, 0.2);
  const b1 = rand(units, 0.1);
  const w2 = rand(units * CLASSES, 0.5);
  const b2 = rand(CLASSES, b2Scale);
  const x = Float32Array.from({ length: batch * PIXELS }, () => (rng() < 0.3 ? rng() : 0));
  const labels = Uint8Array.from({ length: batch }, (_, i) => i % CLASSES);
  // The batch as the trainer lays it out: rows and columns, padded with zero rows to a multiple of 4.
  const ws = createWorkspace(on.heap, on.kernels.outputLayer, { units, w1, b1, w2, b2 }, batch);
  ws.x.set(x);
  ws.xT.set(transpose(ws.x, ws.capacity, PIXELS));
  ws.labels.set(labels);
  const step = trainStep(ws, batch);
  const grads = {
    w1: transpose(on.heap.f32().slice(step.gw1T.offset >> 2, (step.gw1T.offset >> 2) + units * PIXELS), units, PIXELS),
    b1: ws.grads.b1.view().slice(0, units),
    w2: ws.grads.w2.view().slice(0, units * CLASSES),
    b2: ws.grads.b2.view().slice(0, CLASSES),
  };
  step.gw1T.release();
  disposeWorkspace(ws);
  const [gw1, gb1, gw2, gb2] = stockGrads(w1, b1, w2, b2, x, labels, units, batch);
  expect(maxRelDiff(grads.w1, gw1)).toBeLessThan(1e-5);
  expect(maxRelDiff(grads.b1, gb1)).toBeLessThan(1e-5);
  expect(maxRelDiff(grads.w2, gw2)).toBeLessThan(1e-5);
  expect(maxRelDiff(grads.b2, gb2)).toBeLessThan(1e-5);
  return grads;
}

describe('trainStep (hand-written backprop)', () => {
  it('matches autodiff gradients of the stock model on random shapes', () => {
    const rng = createRng(42);
    for (const [units, batch] of [[7, 1], [16, 5], [33, 32], [128, 17]]) checkAgainstStock(units, batch, rng);
  });

  it('gives the same gradients on a heap of its own, the products copied as off wasm (tfjs-node)', () => {
    const rng = createRng(43);
    for (const [units, batch] of [[7, 1], [33, 32], [128, 17]]) checkAgainstStock(units, batch, rng, 0.1, local);
  });

  it('gives confidently wrong samples (p < 1e-7) their full gradient, as Keras does', () => {
    // Output biases of ±40 push most samples' label probability below 1e-7 or above 1 − 1e-7, where
    // tfjs-layers' own loss on probabilities clips and its gradient vanishes.
    const grads = checkAgainstStock(24, 32, createRng(7), 80);
    const largest = Math.max(...grads.b2.map(Math.abs));
    expect(largest).toBeGreaterThan(0.05);
  });
});
