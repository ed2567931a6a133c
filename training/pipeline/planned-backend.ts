import { createRequire } from 'node:module';

/**
 * The backend training will use, decided without loading tfjs (so a no-op run stays fast): the forced
 * one, else tfjs-node when it is installed, else wasm. The worker checks it really initialises.
 */
export function plannedBackend(forced = process.env.TFJS_BACKEND): string {
  if (forced) return forced;
  try {
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-node');
    return 'tensorflow';
  } catch {
    return 'wasm';
  }
}
