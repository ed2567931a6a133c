/**
 * The project's WebAssembly kernels (adam.wat, output-layer.wat), linked to the tfjs wasm heap. Text,
 * not binaries, is committed: it is what a reviewer reads. Who assembles it depends on where the trainer
 * runs, so the binaries are passed in: Node assembles the .wat with wabt at run time
 * (training/tf/kernels.ts), the site at build time (a Vite plugin), so readers never download wabt.
 */

export const KERNEL_FILES = ['adam.wat', 'output-layer.wat'] as const;
type KernelFile = (typeof KERNEL_FILES)[number];
/** Each kernel's assembled wasm binary. */
export type KernelBinaries = Readonly<Record<KernelFile, Uint8Array>>;

export interface AdamKernel {
  adam(p: number, g: number, m: number, v: number, n: number, b1: number, oneMinusB1: number, b2: number, oneMinusB2: number, stepSize: number, invC2: number, eps: number): void;
}

export interface OutputLayerKernel {
  forward(hT: number, b1: number, w2: number, b2: number, lT: number, units: number, batch: number): void;
  backward(hT: number, w2: number, lT: number, dz1T: number, gb1: number, gw2: number, units: number, batch: number): void;
}

export interface Kernels {
  adam: AdamKernel;
  outputLayer: OutputLayerKernel;
}

const compiled = new WeakMap<Uint8Array, Promise<WebAssembly.Module>>();

function compile(binary: Uint8Array): Promise<WebAssembly.Module> {
  let module = compiled.get(binary);
  if (!module) {
    module = WebAssembly.compile(binary as Uint8Array<ArrayBuffer>);
    compiled.set(binary, module);
  }
  return module;
}

async function instantiate<T>(binary: Uint8Array, memory: WebAssembly.Memory): Promise<T> {
  const instance = await WebAssembly.instantiate(await compile(binary), { env: { memory } });
  return instance.exports as unknown as T;
}

export async function loadKernels(memory: WebAssembly.Memory, binaries: KernelBinaries): Promise<Kernels> {
  const [adam, outputLayer] = await Promise.all([
    instantiate<AdamKernel>(binaries['adam.wat'], memory),
    instantiate<OutputLayerKernel>(binaries['output-layer.wat'], memory),
  ]);
  return { adam, outputLayer };
}
