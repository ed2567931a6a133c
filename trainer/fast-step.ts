/**
 * One training step of the 784-U-10 MLP with hand-written backpropagation, on the tfjs wasm heap.
 * The two large matrix products go to the backend's XNNPACK matmul, untransposed:
 *   forward   hᵀ  = W1ᵀ · xᵀ      [U×784]·[784×B]
 *   backward  dW1ᵀ = dZ1ᵀ · x     [U×B]·[B×784]
 * The output layer, its gradients and the ReLU mask run in output-layer.wat on the same heap; softmax
 * and the loss (B×10 values) in JS, with an exp and a log that give the same bits in every engine
 * (exact-math.ts), so a run in any browser reproduces Node's weights. Why the split (measured on wasm;
 * see training/README.md):
 *  - wasm BatchMatMul with transposeA/B, what autodiff emits for Dense, is several times slower;
 *  - XNNPACK packs the second operand of a product and caches the packing by tensor id: W1 changes
 *    every step, so it goes first (2.3 ms → 0.85 ms per product at U = 300), and the second operands
 *    (xᵀ, x) are fresh tensors each step, so a stale packing is never used;
 *  - a tfjs kernel call, an upload or a read-back each cost more than the small layer's arithmetic.
 * The maths is the gradient of sparse categorical cross-entropy taken from the logits, p − onehot, as
 * Keras 2 computes it and as the stock reference (`compileForFit`) does.
 * Off wasm (tfjs-node), the same step runs on a heap of the trainer's own: the two products go to the
 * backend's matmul (libtensorflow), their operands copied out and results copied back, two kernel calls
 * a step where stock `fit` makes ~160 (training/README.md, "Backends").
 */
import * as tf from '@tensorflow/tfjs-core';
import { type MlpParams } from './mlp.ts';
import { CLASSES, PIXELS } from '../core/network.ts';
import type { OutputLayerKernel } from './kernels.ts';
import { exactExp, exactLog } from './exact-math.ts';
import { transpose } from './layout.ts';
import { WasmHeap, type Heap, type HeapBlock } from './wasm-heap.ts';

/** Keras's `epsilon()`: reported losses clip probabilities to [ε, 1 − ε], as Keras prints them. */
const CLIP_EPSILON = 1e-7;

/** Cross-entropy of a probability for reporting, clipped as Keras clips it (the gradient is not). */
export function clippedNll(p: number): number {
  return -exactLog(Math.min(Math.max(p, CLIP_EPSILON), 1 - CLIP_EPSILON));
}

/** A large product in the heap, valid until release(). */
interface HeapProduct {
  readonly offset: number;
  release(): void;
}

/** The step's two large products, hᵀ = W1ᵀ·xᵀ and dW1ᵀ = dZ1ᵀ·x, where the backend computes them. */
interface LargeProducts {
  hidden(ws: StepWorkspace): HeapProduct;
  weightGradient(ws: StepWorkspace): HeapProduct;
}

/** On wasm: tfjs's matmul reads the weights in place and leaves its result in the heap. */
function inHeapProducts(heap: WasmHeap): LargeProducts {
  const product = (a: HeapBlock, rows: Float32Array, shape: [number, number]): HeapProduct => {
    const b = tf.tensor2d(rows, shape);
    const out = tf.matMul(a.tensor as tf.Tensor2D, b);
    b.dispose();
    return { offset: heap.offset(out), release: () => out.dispose() };
  };
  return {
    hidden: (ws) => product(ws.params.w1T, ws.xT, [PIXELS, ws.capacity]),
    weightGradient: (ws) => product(ws.dz1T, ws.x, [ws.capacity, PIXELS]),
  };
}

/** Elsewhere: operands copied to the backend, the result copied into a block of the trainer's heap. */
function copyingProducts(heap: Heap, units: number, capacity: number): LargeProducts {
  const hT = heap.block(units * capacity);
  const gw1T = heap.block(units * PIXELS);
  const product = (a: HeapBlock, aShape: [number, number], rows: Float32Array, shape: [number, number], out: HeapBlock): HeapProduct => {
    const result = tf.tidy(() => tf.matMul(tf.tensor2d(a.view().subarray(0, aShape[0] * aShape[1]), aShape), tf.tensor2d(rows, shape)));
    out.view().set(result.dataSync());
    result.dispose();
    return { offset: out.offset, release: () => {} };
  };
  return {
    hidden: (ws) => product(ws.params.w1T, [units, PIXELS], ws.xT, [PIXELS, capacity], hT),
    weightGradient: (ws) => product(ws.dz1T, [units, capacity], ws.x, [capacity, PIXELS], gw1T),
  };
}

/** Everything a step reads and writes. Weights and gradients live in the heap. */
export interface StepWorkspace {
  readonly heap: Heap;
  readonly products: LargeProducts;
  readonly kernel: OutputLayerKernel;
  readonly units: number;
  /** Rows per step, a multiple of 4 (the SIMD width); a shorter batch is zero-padded. */
  readonly capacity: number;
  /** W1 transposed (units × 784), b1, W2 (units × 10, tfjs's layout), b2. */
  readonly params: { readonly w1T: HeapBlock; readonly b1: HeapBlock; readonly w2: HeapBlock; readonly b2: HeapBlock };
  /** Gradients of the small parameters; each step returns dW1ᵀ. */
  readonly grads: { readonly b1: HeapBlock; readonly w2: HeapBlock; readonly b2: HeapBlock };
  readonly dz1T: HeapBlock;
  /** The logits, then ∂loss/∂logits, transposed (10 × capacity). */
  readonly logitsT: HeapBlock;
  /** The batch, filled by the caller: rows (capacity × 784), columns (784 × capacity), labels. */
  readonly x: Float32Array;
  readonly xT: Float32Array;
  readonly labels: Uint8Array;
}

/** On tfjs's wasm heap the products run in place; on a LocalHeap they are copied (see above). */
export function createWorkspace(heap: Heap, kernel: OutputLayerKernel, initial: MlpParams, batchSize: number): StepWorkspace {
  const units = initial.units;
  const capacity = Math.ceil(batchSize / 4) * 4;
  const params = {
    w1T: heap.block(units * PIXELS, [units, PIXELS]),
    b1: heap.block(units),
    w2: heap.block(units * CLASSES),
    b2: heap.block(CLASSES),
  };
  params.w1T.view().set(transpose(initial.w1, PIXELS, units));
  params.b1.view().set(initial.b1);
  params.w2.view().set(initial.w2);
  params.b2.view().set(initial.b2);
  return {
    heap,
    products: heap instanceof WasmHeap ? inHeapProducts(heap) : copyingProducts(heap, units, capacity),
    kernel,
    units,
    capacity,
    params,
    grads: { b1: heap.block(units), w2: heap.block(units * CLASSES), b2: heap.block(CLASSES) },
    dz1T: heap.block(units * capacity, [units, capacity]),
    logitsT: heap.block(CLASSES * capacity),
    x: new Float32Array(capacity * PIXELS),
    xT: new Float32Array(PIXELS * capacity),
    labels: new Uint8Array(capacity),
  };
}

/** A copy of the workspace's weights in tfjs's layout. */
export function readWorkspaceParams(ws: StepWorkspace): MlpParams {
  const { w1T, b1, w2, b2 } = ws.params;
  const U = ws.units;
  return {
    units: U,
    w1: transpose(w1T.view(), U, PIXELS),
    b1: b1.view().slice(0, U),
    w2: w2.view().slice(0, U * CLASSES),
    b2: b2.view().slice(0, CLASSES),
  };
}

export function disposeWorkspace(ws: StepWorkspace): void {
  for (const block of [...Object.values(ws.params), ...Object.values(ws.grads), ws.dz1T, ws.logitsT]) block.dispose();
}

export interface StepResult {
  /** Sum over the batch (not the mean), so running means are exact for a short last batch. */
  lossSum: number;
  correct: number;
  /** dW1ᵀ (units × 784) in the heap; the caller releases it after the optimizer has used it. */
  gw1T: HeapProduct;
}

/**
 * Forward and backward for the first `batch` rows of the workspace's batch (rows past `batch` must be
 * zero). Leaves the small gradients in `ws.grads` and returns dW1ᵀ.
 */
export function trainStep(ws: StepWorkspace, batch: number): StepResult {
  const { heap, kernel, units, capacity: B, params, grads } = ws;
  const hT = ws.products.hidden(ws);
  let lossSum = 0;
  let correct = 0;
  try {
    const hOffset = hT.offset;
    kernel.forward(hOffset, params.b1.offset, params.w2.offset, params.b2.offset, ws.logitsT.offset, units, B);

    // Softmax, loss and ∂loss/∂logits = (p − onehot) / batch, written over the logits.
    const l = heap.f32();
    const base = ws.logitsT.offset >> 2;
    const gb2 = new Float64Array(CLASSES);
    const e = new Float64Array(CLASSES);
    for (let r = 0; r < B; r++) {
      if (r >= batch) {
        for (let c = 0; c < CLASSES; c++) l[base + c * B + r] = 0;
        continue;
      }
      let max = -Infinity;
      let arg = 0;
      for (let c = 0; c < CLASSES; c++) {
        const v = l[base + c * B + r];
        if (v > max) {
          max = v;
          arg = c;
        }
      }
      let sum = 0;
      for (let c = 0; c < CLASSES; c++) {
        e[c] = exactExp(l[base + c * B + r] - max);
        sum += e[c];
      }
      const label = ws.labels[r];
      const pLabel = e[label] / sum;
      lossSum += clippedNll(pLabel);
      if (arg === label) correct++;
      for (let c = 0; c < CLASSES; c++) {
        const d = (e[c] / sum - (c === label ? 1 : 0)) / batch;
        l[base + c * B + r] = d;
        gb2[c] += d;
      }
    }
    grads.b2.view().set(gb2);
    kernel.backward(hOffset, params.w2.offset, ws.logitsT.offset, ws.dz1T.offset, grads.b1.offset, grads.w2.offset, units, B);
  } finally {
    hT.release();
  }
  return { lossSum, correct, gw1T: ws.products.weightGradient(ws) };
}
