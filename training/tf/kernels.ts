/**
 * The trainer's wasm kernels for Node: trainer/*.wat assembled with wabt once per process (a few
 * milliseconds). The site build assembles the same files with the same function (astro.config.mjs).
 */
import { readFile } from 'node:fs/promises';
import wabtInit from 'wabt';
import { KERNEL_FILES, type KernelBinaries } from '../../trainer/kernels.ts';

/** Assembles one WebAssembly text file (SIMD enabled) to its binary. */
export async function assembleWat(path: string): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const parsed = wabt.parseWat(path, await readFile(path, 'utf8'), { simd: true });
  try {
    return parsed.toBinary({}).buffer;
  } finally {
    parsed.destroy();
  }
}

let assembled: Promise<KernelBinaries> | undefined;

/** trainer/'s kernels, assembled once per process. */
export function nodeKernels(): Promise<KernelBinaries> {
  assembled ??= (async () => {
    const entries = await Promise.all(
      KERNEL_FILES.map(async (file) => [file, await assembleWat(new URL(`../../trainer/${file}`, import.meta.url).pathname)] as const),
    );
    return Object.fromEntries(entries) as Record<(typeof KERNEL_FILES)[number], Uint8Array>;
  })();
  return assembled;
}
