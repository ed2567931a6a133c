/**
 * Picks the fastest TensorFlow.js backend that works on this machine, in the design's order:
 * tfjs-node (native libtensorflow) → wasm (SIMD) → pure-JS cpu (with a loud warning).
 * `TFJS_BACKEND=wasm|cpu|tensorflow` forces one, for benchmarks and tests.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';
const ORDER: readonly BackendName[] = ['tensorflow', 'wasm', 'cpu'];

const require = createRequire(import.meta.url);

async function tryTensorflow(): Promise<boolean> {
  try {
    // An optional dependency: its install script downloads libtensorflow, so on offline machines npm
    // drops it and the import throws MODULE_NOT_FOUND.
    await import('@tensorflow/tfjs-node' as string);
    return await tf.setBackend('tensorflow');
  } catch {
    return false;
  }
}

async function tryWasm(): Promise<boolean> {
  try {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    // setWasmPaths wants a directory prefix with its trailing slash, else it looks for ".../disttfjs-...".
    const dir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm'));
    wasm.setWasmPaths(`${dir}/`);
    return await tf.setBackend('wasm');
  } catch {
    return false;
  }
}

async function tryCpu(): Promise<boolean> {
  await import('@tensorflow/tfjs-backend-cpu');
  return tf.setBackend('cpu');
}

const attempts: Record<BackendName, () => Promise<boolean>> = { tensorflow: tryTensorflow, wasm: tryWasm, cpu: tryCpu };

export interface BackendChoice {
  name: BackendName;
  warning?: string;
}

/** Initialises tfjs on the best available backend (or the forced one) and returns its name. */
export async function initBackend(forced = process.env.TFJS_BACKEND): Promise<BackendChoice> {
  if (forced !== undefined && forced !== '') {
    if (!ORDER.includes(forced as BackendName)) {
      throw new Error(`TFJS_BACKEND=${forced} is not a backend this project knows; use one of ${ORDER.join(', ')} or unset it.`);
    }
    const name = forced as BackendName;
    if (!(await attempts[name]())) {
      throw new Error(`TFJS_BACKEND=${name} was requested but that backend failed to initialise; unset TFJS_BACKEND to pick one automatically.`);
    }
    await tf.ready();
    return { name };
  }
  for (const name of ORDER) {
    if (await attempts[name]()) {
      await tf.ready();
      const warning =
        name === 'cpu'
          ? 'Neither tfjs-node nor the wasm backend could start: training on the pure-JS cpu backend, 10-50x slower.'
          : undefined;
      return { name, warning };
    }
  }
  throw new Error('No TensorFlow.js backend could be initialised (tried tensorflow, wasm, cpu).');
}
