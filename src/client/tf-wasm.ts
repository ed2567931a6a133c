/**
 * Registers the wasm backend with its .wasm binaries served from the site itself (Vite emits them as
 * assets under the base path; the CSP allows 'wasm-unsafe-eval' but no foreign origin).
 */
import { env } from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import plainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';

// The threaded build needs cross-origin isolation (SharedArrayBuffer), which a static host does not give.
env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
setWasmPaths({
  'tfjs-backend-wasm.wasm': plainUrl,
  'tfjs-backend-wasm-simd.wasm': simdUrl,
  // setWasmPaths insists on an entry for all three builds. With threads off the threaded one is never
  // fetched, so it points at the SIMD build instead of shipping a 435 kB binary nobody loads.
  'tfjs-backend-wasm-threaded-simd.wasm': simdUrl,
});
