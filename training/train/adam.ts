/**
 * Adam as tfjs implements it (tf.train.adam: bias-corrected moments, epsilon added to sqrt(v̂)), applied
 * in one pass over a flat Float32Array in JS. Why: on the wasm backend the stock optimizer issues ~10
 * kernel calls per variable per step, each a full pass over memory plus per-call overhead; one fused
 * loop is several times cheaper (see training/README.md, "Why the trainer is fast").
 */
export interface AdamConfig {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

export const KERAS_ADAM: AdamConfig = { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };

export class Adam {
  private readonly m: Float32Array;
  private readonly v: Float32Array;
  private accBeta1: number;
  private accBeta2: number;

  constructor(
    readonly size: number,
    private readonly config: AdamConfig = KERAS_ADAM,
  ) {
    this.m = new Float32Array(size);
    this.v = new Float32Array(size);
    this.accBeta1 = config.beta1;
    this.accBeta2 = config.beta2;
  }

  /** Updates `params` in place with `grad`, using the moments at `offset..offset+grad.length)`. */
  apply(params: Float32Array, grad: Float32Array, offset: number): void {
    const { beta1, beta2, epsilon, learningRate } = this.config;
    // Hoisting the bias corrections out of the loop turns two divisions per weight into one.
    const stepSize = learningRate / (1 - this.accBeta1);
    const invC2 = 1 / (1 - this.accBeta2);
    const ib1 = 1 - beta1;
    const ib2 = 1 - beta2;
    const m = this.m.subarray(offset, offset + grad.length);
    const v = this.v.subarray(offset, offset + grad.length);
    for (let i = 0; i < grad.length; i++) {
      const g = grad[i];
      const mi = m[i] * beta1 + g * ib1;
      const vi = v[i] * beta2 + g * g * ib2;
      m[i] = mi;
      v[i] = vi;
      params[i] -= (stepSize * mi) / (Math.sqrt(vi * invC2) + epsilon);
    }
  }

  endStep(): void {
    this.accBeta1 *= this.config.beta1;
    this.accBeta2 *= this.config.beta2;
  }
}
