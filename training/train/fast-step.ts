/**
 * One training step of the 784-U-10 MLP with hand-written backpropagation. Only the two large matrix
 * products go to the tfjs backend, both untransposed and both with the small operand second:
 *   forward   hᵀ  = W1ᵀ · xᵀ      [U×784]·[784×B]
 *   backward  dW1ᵀ = dZ1ᵀ · x     [U×B]·[B×784]
 * so W1 is kept transposed. Everything else (bias, ReLU, the 10-wide output layer, softmax,
 * cross-entropy and their gradients) runs in plain JS on a few thousand floats. Why (measured on wasm,
 * CPU time per step for U = 300; see training/README.md):
 *  - wasm BatchMatMul with transposeA/B, what autodiff emits for Dense, is several times slower;
 *  - XNNPACK repacks the second operand of every product: x·W1 with a fresh W1 each step costs 2.3 ms,
 *    W1ᵀ·xᵀ 0.85 ms;
 *  - each tfjs kernel call has a fixed overhead that dominates the small ops of a batch of 32.
 * The maths is exactly the gradient of mean sparse categorical cross-entropy of softmax(logits).
 */
import * as tf from '@tensorflow/tfjs-core';
import { CLASSES, PIXELS } from '../model/mlp.ts';

export interface StepBuffers {
  x: Float32Array; // B × PIXELS
  xT: Float32Array; // PIXELS × B
  labels: Uint8Array; // B
}

/** Weights in the trainer's layout: W1 transposed (units × 784); the rest as tfjs stores them. */
export interface StepParams {
  units: number;
  w1T: Float32Array;
  b1: Float32Array;
  w2: Float32Array; // units × CLASSES
  b2: Float32Array;
}

export type StepGrads = Omit<StepParams, 'units'>;

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
 * Forward + backward for `batch` rows, writing the gradients into `grads`. `w1T` is the current W1ᵀ as a
 * tensor, uploaded once per step by the caller.
 */
export function trainStep(params: StepParams, w1T: tf.Tensor2D, buf: StepBuffers, batch: number, grads: StepGrads): StepResult {
  const U = params.units;
  const { b1, b2 } = params;
  // float64 working copies: V8 runs these small inner loops markedly faster on Float64Array.
  const w2 = Float64Array.from(params.w2);

  const hTTensor = tf.tidy(() => tf.matMul(w1T, tf.tensor2d(buf.xT.subarray(0, PIXELS * batch), [PIXELS, batch])));
  const hT = hTTensor.dataSync() as Float32Array;
  hTTensor.dispose();
  const h = new Float64Array(batch * U);
  for (let u = 0; u < U; u++) {
    for (let r = 0; r < batch; r++) {
      const z = hT[u * batch + r] + b1[u];
      h[r * U + u] = z > 0 ? z : 0;
    }
  }

  // Output layer, softmax, loss and dLogits = (p - onehot) / batch, all on batch×10 values.
  const dLogits = new Float64Array(batch * CLASSES);
  const logits = new Float64Array(CLASSES);
  let lossSum = 0;
  let correct = 0;
  for (let r = 0; r < batch; r++) {
    for (let c = 0; c < CLASSES; c++) logits[c] = b2[c];
    // Row-major over W2, skipping the ~half of hidden units that ReLU zeroed.
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

  // dW2 = hᵀ·dLogits, db2 = Σ dLogits, dZ1 = (dLogits·W2ᵀ) ⊙ [h > 0] (stored transposed), db1 = Σ dZ1.
  const gw2 = new Float64Array(U * CLASSES);
  const gb2 = new Float64Array(CLASSES);
  const gb1 = new Float64Array(U);
  const dz1T = new Float32Array(U * batch);
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
        dz1T[u * batch + r] = d;
        gb1[u] += d;
      }
    }
  }

  grads.w2.set(gw2);
  grads.b2.set(gb2);
  grads.b1.set(gb1);

  const gw1T = tf.tidy(() => tf.matMul(tf.tensor2d(dz1T, [U, batch]), tf.tensor2d(buf.x.subarray(0, batch * PIXELS), [batch, PIXELS])));
  grads.w1T.set(gw1T.dataSync() as Float32Array);
  gw1T.dispose();

  return { lossSum, correct };
}
