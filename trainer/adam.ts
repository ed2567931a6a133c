/**
 * Adam as tfjs implements it (tf.train.adam: bias-corrected moments, epsilon added to sqrt(v̂)), run by
 * a 40-line SIMD kernel (adam.wat) directly on the weights in the tfjs heap. Why: the stock optimizer
 * issues ~13 kernel calls per variable per step on the wasm backend, and a plain JS loop costs ~5 ns per
 * weight; the SIMD loop ~0.4 ns (training/README.md, "Why the trainer is fast").
 */
import { adamPower } from './checkpoint.ts';
import type { AdamKernel } from './kernels.ts';
import type { Heap, HeapBlock } from './wasm-heap.ts';

export interface AdamConfig {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

export const KERAS_ADAM: AdamConfig = { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };

export class HeapAdam {
  private readonly moments: { m: HeapBlock; v: HeapBlock }[];
  private accBeta1: number;
  private accBeta2: number;
  /** Steps taken (Adam's t). */
  private steps = 0;

  /** Updates `params` in place; their first and second moments start at zero. */
  constructor(
    heap: Heap,
    private readonly kernel: AdamKernel,
    private readonly params: readonly HeapBlock[],
    private readonly config: AdamConfig = KERAS_ADAM,
  ) {
    this.moments = params.map((p) => ({ m: heap.block(p.length), v: heap.block(p.length) }));
    this.accBeta1 = Math.fround(config.beta1);
    this.accBeta2 = Math.fround(config.beta2);
  }

  /** One step; `gradOffsets[i]` is the heap byte offset of the gradient of `params[i]`, same length. */
  step(gradOffsets: readonly number[]): void {
    const { beta1, beta2, epsilon, learningRate } = this.config;
    const f = Math.fround;
    // The constants as tfjs forms them: 1 − β in float64, then float32 (not 1 − float32(β), which for
    // β2 is 1.3e-5 off), and β^t as a float32 running product.
    const stepSize = learningRate / f(1 - this.accBeta1);
    const invC2 = 1 / f(1 - this.accBeta2);
    this.params.forEach((p, i) => {
      const { m, v } = this.moments[i];
      this.kernel.adam(p.offset, gradOffsets[i], m.offset, v.offset, p.length, beta1, 1 - beta1, beta2, 1 - beta2, stepSize, invC2, epsilon);
    });
    this.accBeta1 = f(this.accBeta1 * f(beta1));
    this.accBeta2 = f(this.accBeta2 * f(beta2));
    this.steps++;
  }

  /** The steps taken and a copy of each parameter's moments (its first `lengths[i]` values; the rest is padding). */
  state(lengths: readonly number[]): { steps: number; m: Float32Array[]; v: Float32Array[] } {
    return {
      steps: this.steps,
      m: this.moments.map(({ m }, i) => m.view().slice(0, lengths[i])),
      v: this.moments.map(({ v }, i) => v.view().slice(0, lengths[i])),
    };
  }

  /** Continues from a saved `state()`: the moments are copied in, β^t recomputed from the step count. */
  restore(steps: number, m: readonly Float32Array[], v: readonly Float32Array[]): void {
    this.moments.forEach((block, i) => {
      block.m.view().set(m[i]);
      block.v.view().set(v[i]);
    });
    this.steps = steps;
    this.accBeta1 = adamPower(this.config.beta1, steps);
    this.accBeta2 = adamPower(this.config.beta2, steps);
  }

  dispose(): void {
    for (const { m, v } of this.moments) {
      m.dispose();
      v.dispose();
    }
  }
}
