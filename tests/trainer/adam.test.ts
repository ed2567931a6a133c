import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../training/tf/backend.ts';
import { HeapAdam, KERAS_ADAM } from '../../trainer/adam.ts';
import { loadKernels } from '../../trainer/kernels.ts';
import { nodeKernels } from '../../training/tf/kernels.ts';
import { WasmHeap } from '../../trainer/wasm-heap.ts';
import { createRng } from '../../core/rng.ts';

beforeAll(async () => {
  await initBackend('wasm');
});

describe('HeapAdam (wasm SIMD kernel on the tfjs heap)', () => {
  // 200 steps at 2e-7: 1 − float32(β2) instead of tfjs's float32(1 − β2), 1.3e-5 apart, fails this.

  it('follows tf.train.adam step for step on blocks of odd sizes', async () => {
    const rng = createRng(7);
    const sizes = { a: 1, b: 13, c: 1000 };
    const init = Object.fromEntries(Object.entries(sizes).map(([k, n]) => [k, Float32Array.from({ length: n }, () => rng() - 0.5)])) as Record<'a' | 'b' | 'c', Float32Array>;
    const heap = WasmHeap.ofActiveBackend();
    const { adam } = await loadKernels(heap.memory, await nodeKernels());
    const keys = Object.keys(sizes) as ('a' | 'b' | 'c')[];
    const params = keys.map((k) => heap.block(sizes[k]));
    const gradBlocks = keys.map((k) => heap.block(sizes[k]));
    keys.forEach((k, i) => params[i].view().set(init[k]));
    const flat = new HeapAdam(heap, adam, params, KERAS_ADAM);
    const vars = Object.fromEntries(Object.entries(init).map(([k, v]) => [k, tf.variable(tf.tensor1d(v), true, k)]));
    const stock = tf.train.adam(KERAS_ADAM.learningRate, KERAS_ADAM.beta1, KERAS_ADAM.beta2, KERAS_ADAM.epsilon);
    for (let step = 0; step < 200; step++) {
      const grads: Record<string, tf.Tensor> = {};
      for (const [k, n] of Object.entries(sizes) as ['a' | 'b' | 'c', number][]) {
        const g = Float32Array.from({ length: n }, () => (rng() - 0.3) * 0.1); // a drift, so every weight moves
        gradBlocks[keys.indexOf(k)].view().set(g);
        grads[k] = tf.tensor1d(g);
      }
      flat.step(gradBlocks.map((b) => b.offset));
      stock.applyGradients(Object.entries(grads).map(([name, tensor]) => ({ name, tensor })));
      tf.dispose(Object.values(grads));
    }
    for (const k of Object.keys(sizes) as ('a' | 'b' | 'c')[]) {
      const expected = vars[k].dataSync();
      const moved = Math.max(...expected.map((v, i) => Math.abs(v - init[k][i])));
      const scale = Math.max(...expected.map(Math.abs));
      const diff = Math.max(...expected.map((v, i) => Math.abs(v - params[keys.indexOf(k)].view()[i])));
      // The weights really moved, and both paths agree to float32 rounding (relative to the weights).
      expect(moved).toBeGreaterThan(1e-3);
      expect(diff / scale).toBeLessThan(2e-7);
    }
  });
});
