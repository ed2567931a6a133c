/**
 * Adam as tfjs implements it (tf.train.adam: bias-corrected moments, epsilon added to sqrt(v̂)), run as
 * one SIMD pass over all weights by a 40-line WebAssembly kernel (adam.wat, assembled at start-up with
 * wabt). Why: the stock optimizer issues ~13 kernel calls per variable per step on the wasm backend, and
 * a plain JS loop costs ~5 ns per weight; the SIMD loop ~0.4 ns (training/README.md, "Why it is fast").
 *
 * The weights, gradients and moments live in the kernel's memory; `FlatParams` hands out views on it.
 */
import { readFileSync } from 'node:fs';
import wabtInit from 'wabt';

export interface AdamConfig {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

export const KERAS_ADAM: AdamConfig = { learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };

interface AdamExports {
  memory: WebAssembly.Memory;
  adam(p: number, g: number, m: number, v: number, n: number, b1: number, b2: number, stepSize: number, invC2: number, eps: number): void;
}

let compiled: WebAssembly.Module | undefined;

async function adamModule(): Promise<WebAssembly.Module> {
  if (!compiled) {
    const wabt = await wabtInit();
    const source = readFileSync(new URL('./adam.wat', import.meta.url), 'utf8');
    const parsed = wabt.parseWat('adam.wat', source, { simd: true });
    try {
      compiled = new WebAssembly.Module(parsed.toBinary({}).buffer as Uint8Array<ArrayBuffer>);
    } finally {
      parsed.destroy();
    }
  }
  return compiled;
}

const align4 = (n: number) => Math.ceil(n / 4) * 4;

/**
 * Named float32 parameter blocks (each padded to 16 bytes) with same-shaped gradient and moment blocks,
 * all in one WebAssembly memory, updated together by `step`.
 */
export class FlatAdam<K extends string> {
  readonly params: Record<K, Float32Array>;
  readonly grads: Record<K, Float32Array>;
  private accBeta1: number;
  private accBeta2: number;

  private constructor(
    private readonly kernel: AdamExports,
    private readonly total: number,
    private readonly config: AdamConfig,
    sizes: Record<K, number>,
  ) {
    const views = (base: number) => {
      const out = {} as Record<K, Float32Array>;
      let offset = base;
      for (const key of Object.keys(sizes) as K[]) {
        out[key] = new Float32Array(kernel.memory.buffer, offset * 4, sizes[key]);
        offset += align4(sizes[key]);
      }
      return out;
    };
    this.params = views(0);
    this.grads = views(total);
    this.accBeta1 = config.beta1;
    this.accBeta2 = config.beta2;
  }

  static async create<K extends string>(initial: Record<K, Float32Array>, config: AdamConfig = KERAS_ADAM): Promise<FlatAdam<K>> {
    const sizes = {} as Record<K, number>;
    for (const key of Object.keys(initial) as K[]) sizes[key] = initial[key].length;
    const total = Object.values<number>(sizes).reduce((s, n) => s + align4(n), 0);
    const instance = await WebAssembly.instantiate(await adamModule());
    const kernel = instance.exports as unknown as AdamExports;
    // Params, grads, m, v: grown once up front, because growing later would detach every view.
    const pages = Math.ceil((total * 4 * 4) / 65536);
    kernel.memory.grow(Math.max(0, pages - kernel.memory.buffer.byteLength / 65536));
    const adam = new FlatAdam(kernel, total, config, sizes);
    for (const key of Object.keys(initial) as K[]) adam.params[key].set(initial[key]);
    return adam;
  }

  /** Applies one Adam step with the gradients currently in `grads`. */
  step(): void {
    const { beta1, beta2, epsilon, learningRate } = this.config;
    const bytes = this.total * 4;
    this.kernel.adam(0, bytes, 2 * bytes, 3 * bytes, this.total, beta1, beta2, learningRate / (1 - this.accBeta1), 1 / (1 - this.accBeta2), epsilon);
    this.accBeta1 *= beta1;
    this.accBeta2 *= beta2;
  }
}
