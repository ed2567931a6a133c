/**
 * The project's WebAssembly kernels (adam.wat, output-layer.wat), assembled from their text with wabt
 * once per process and linked to the tfjs wasm heap. Text, not binaries, is committed: it is what a
 * reviewer reads, and assembling takes a few milliseconds.
 */
import { readFileSync } from 'node:fs';
import wabtInit from 'wabt';

export interface AdamKernel {
  adam(p: number, g: number, m: number, v: number, n: number, b1: number, oneMinusB1: number, b2: number, oneMinusB2: number, stepSize: number, invC2: number, eps: number): void;
}

export interface OutputLayerKernel {
  forward(hT: number, b1: number, w2: number, b2: number, lT: number, units: number, batch: number): void;
  backward(hT: number, w2: number, lT: number, dz1T: number, gb1: number, gw2: number, units: number, batch: number): void;
}

const compiled = new Map<string, Promise<WebAssembly.Module>>();

function compile(file: string): Promise<WebAssembly.Module> {
  let module = compiled.get(file);
  if (!module) {
    module = (async () => {
      const wabt = await wabtInit();
      const parsed = wabt.parseWat(file, readFileSync(new URL(`./${file}`, import.meta.url), 'utf8'), { simd: true });
      try {
        return new WebAssembly.Module(parsed.toBinary({}).buffer as Uint8Array<ArrayBuffer>);
      } finally {
        parsed.destroy();
      }
    })();
    compiled.set(file, module);
  }
  return module;
}

async function instantiate<T>(file: string, memory: WebAssembly.Memory): Promise<T> {
  const instance = await WebAssembly.instantiate(await compile(file), { env: { memory } });
  return instance.exports as unknown as T;
}

export interface Kernels {
  adam: AdamKernel;
  outputLayer: OutputLayerKernel;
}

export async function loadKernels(memory: WebAssembly.Memory): Promise<Kernels> {
  const [adam, outputLayer] = await Promise.all([instantiate<AdamKernel>('adam.wat', memory), instantiate<OutputLayerKernel>('output-layer.wat', memory)]);
  return { adam, outputLayer };
}
