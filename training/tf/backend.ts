/**
 * Starts a TensorFlow.js backend: the requested one (backend-name.ts), else wasm (SIMD), falling back to
 * the pure-JS cpu backend with a loud warning. tfjs-node (native libtensorflow) only on request.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { BACKENDS, DEFAULT_BACKEND, type BackendName } from './backend-name.ts';

export type { BackendName } from './backend-name.ts';

const require = createRequire(import.meta.url);

async function tryTensorflow(): Promise<boolean> {
  // libtensorflow reads these once, when it loads. The log level hides cpu_feature_guard's INFO lines
  // (warnings and errors still show); port.cc's "oneDNN custom operations are on" notice is printed
  // before any log level applies and only when TF_ENABLE_ONEDNN_OPTS is unset or 1. oneDNN's custom
  // ops are fused kernels tfjs never calls; this workload's matmuls time the same without them.
  process.env.TF_CPP_MIN_LOG_LEVEL ??= '1';
  process.env.TF_ENABLE_ONEDNN_OPTS ??= '0';
  try {
    // An optional dependency: its install script downloads libtensorflow, so on offline machines npm
    // drops it and the import throws MODULE_NOT_FOUND (scripts/tfjs-node-from-wheel.sh builds it).
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

const HOW_TO: Record<BackendName, string> = {
  tensorflow: "@tensorflow/tfjs-node is not installed or its native binding did not load (offline, npm drops it: scripts/tfjs-node-from-wheel.sh builds it from the pip wheel tensorflow_cpu)",
  wasm: '@tensorflow/tfjs-backend-wasm did not start (run npm ci)',
  cpu: '@tensorflow/tfjs-backend-cpu did not start (run npm ci)',
};

export interface BackendChoice {
  name: BackendName;
  warning?: string;
}

/**
 * Initialises tfjs on `requested` (backend-name.ts: --backend, TFJS_BACKEND) or, when nothing is
 * requested, on wasm, else cpu. A requested backend that cannot start is an error saying why.
 */
export async function initBackend(requested?: BackendName): Promise<BackendChoice> {
  if (requested !== undefined) {
    if (!(await attempts[requested]())) throw new Error(`The ${requested} backend was requested but could not start: ${HOW_TO[requested]}.`);
    await tf.ready();
    return { name: requested };
  }
  for (const name of [DEFAULT_BACKEND, 'cpu'] as const) {
    if (await attempts[name]()) {
      await tf.ready();
      const warning = name === 'cpu' ? `The ${DEFAULT_BACKEND} backend could not start: training on the pure-JS cpu backend, 10-50x slower.` : undefined;
      return { name, warning };
    }
  }
  throw new Error(`No TensorFlow.js backend could be initialised (tried ${DEFAULT_BACKEND}, cpu; ${BACKENDS.join(', ')} are known).`);
}

/** Why `name` cannot start on this machine, or null if it starts (the bench lists what it skipped). */
export async function backendUnavailable(name: BackendName): Promise<string | null> {
  return (await attempts[name]()) ? null : HOW_TO[name];
}
