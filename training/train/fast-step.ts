/**
 * One training step of the 784-U-10 MLP with hand-written backpropagation. Only the two large matrix
 * products (x·W1 forward, xᵀ·dZ1 for the W1 gradient) go to the tfjs backend, untransposed; everything
 * that touches the small 10-wide layer, the softmax/cross-entropy, ReLU mask and bias sums runs in plain
 * JS on buffers of a few thousand floats. Why (measured on wasm, see training/README.md):
 *  - wasm BatchMatMul with transposeA/B (what autodiff emits for Dense) runs ~10x slower than untransposed;
 *    building xᵀ while copying the batch rows in JS costs nothing;
 *  - each tfjs kernel call has a fixed overhead (~20-50 µs) that dominates the small ops of a batch of 32.
 * The maths is exactly the gradient of mean sparse categorical cross-entropy of softmax(logits).
 */
import * as tf from '@tensorflow/tfjs-core';
import { CLASSES, PIXELS, type MlpParams } from '../model/mlp.ts';

export interface StepBuffers {
  x: Float32Array; // B × PIXELS
  xT: Float32Array; // PIXELS × B
  labels: Uint8Array; // B
}

export interface StepGrads {
  w1: Float32Array;
  b1: Float32Array;
  w2: Float32Array;
  b2: Float32Array;
}

export interface StepResult {
  /** Sum over the batch (not the mean), so running means are exact for a short last batch. */
  lossSum: number;
  correct: number;
}

/** Cross-entropy of a probability, clipped as Keras and tfjs clip it (epsilon 1e-7). */
export function clippedNll(p: number): number {
  return -Math.log(Math.min(Math.max(p, 1e-7), 1 - 1e-7));
}

/**
 * Forward + backward for `batch` rows, writing the gradients into `grads`. `w1` is the current W1 as a tensor (kept on the backend between
 * steps by the caller); the small layer's weights are read from `params` directly.
 */
export function trainStep(params: MlpParams, w1: tf.Tensor2D, b1: tf.Tensor1D, buf: StepBuffers, batch: number, grads: StepGrads): StepResult {
  const U = params.units;
  const { w2, b2 } = params;

  const hData = tf.tidy(() => {
    const x = tf.tensor2d(buf.x.subarray(0, batch * PIXELS), [batch, PIXELS]);
    return tf.fused.matMul({ a: x, b: w1, bias: b1, activation: 'relu' });
  });
  const h = hData.dataSync() as Float32Array;
  hData.dispose();

  // Output layer, softmax, loss and dLogits = (p - onehot) / batch, all on batch×10 values.
  const dLogits = new Float32Array(batch * CLASSES);
  const logits = new Float64Array(CLASSES);
  let lossSum = 0;
  let correct = 0;
  for (let r = 0; r < batch; r++) {
    for (let c = 0; c < CLASSES; c++) logits[c] = b2[c];
    // Row-major over W2 and skipping the ~half of hidden units that ReLU zeroed.
    for (let u = 0; u < U; u++) {
      const hv = h[r * U + u];
      if (hv === 0) continue;
      const wRow = u * CLASSES;
      for (let c = 0; c < CLASSES; c++) logits[c] += hv * w2[wRow + c];
    }
    let max = -Infinity;
    let arg = 0;
    for (let c = 0; c < CLASSES; c++) {
      if (logits[c] > max) {
        max = logits[c];
        arg = c;
      }
    }
    let sum = 0;
    for (let c = 0; c < CLASSES; c++) {
      logits[c] = Math.exp(logits[c] - max);
      sum += logits[c];
    }
    const label = buf.labels[r];
    for (let c = 0; c < CLASSES; c++) {
      const p = logits[c] / sum;
      if (c === label) lossSum += clippedNll(p);
      dLogits[r * CLASSES + c] = (p - (c === label ? 1 : 0)) / batch;
    }
    if (arg === label) correct++;
  }

  // dW2 = hᵀ·dLogits, db2 = Σ dLogits, dZ1 = (dLogits·W2ᵀ) ⊙ [h > 0], db1 = Σ dZ1.
  const { w2: gw2, b2: gb2, b1: gb1 } = grads;
  gw2.fill(0);
  gb2.fill(0);
  gb1.fill(0);
  const dz1 = new Float32Array(batch * U);
  for (let r = 0; r < batch; r++) {
    const dl = r * CLASSES;
    for (let c = 0; c < CLASSES; c++) gb2[c] += dLogits[dl + c];
    for (let u = 0; u < U; u++) {
      const hv = h[r * U + u];
      if (hv > 0) {
        let d = 0;
        const wRow = u * CLASSES;
        for (let c = 0; c < CLASSES; c++) {
          d += dLogits[dl + c] * w2[wRow + c];
          gw2[wRow + c] += hv * dLogits[dl + c];
        }
        dz1[r * U + u] = d;
        gb1[u] += d;
      }
    }
  }

  const gw1Tensor = tf.tidy(() => {
    const xT = tf.tensor2d(buf.xT.subarray(0, PIXELS * batch), [PIXELS, batch]);
    return tf.matMul(xT, tf.tensor2d(dz1, [batch, U]));
  });
  grads.w1.set(gw1Tensor.dataSync() as Float32Array);
  gw1Tensor.dispose();

  return { lossSum, correct };
}
