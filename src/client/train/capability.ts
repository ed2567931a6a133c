/** What the browser trainer needs of the browser: workers, wasm SIMD, gzip streams, SubtleCrypto. */

/** The smallest wasm module with a SIMD instruction (as wasm-feature-detect probes it). */
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);

/** Why this browser cannot train, or null. */
export function missingCapability(): string | null {
  if (typeof Worker === 'undefined') return 'This browser has no Web Workers, which the trainer needs to run without freezing the page.';
  if (typeof WebAssembly === 'undefined' || !WebAssembly.validate(SIMD_PROBE)) return 'This browser’s WebAssembly lacks SIMD, which the trainer’s kernels need (any current Chrome, Edge, Firefox or Safari has it).';
  if (typeof DecompressionStream === 'undefined') return 'This browser cannot unpack gzip (DecompressionStream), which the data download needs.';
  if (!globalThis.crypto?.subtle) return 'This page is not in a secure context (https), so the data cannot be checked with SHA-256.';
  return null;
}
