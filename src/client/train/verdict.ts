/** The plain-words parts of a finished run: verdict against the published weights, placement, ETA. */
import { pct, points } from '../../../core/format.ts';
import { mean, std } from '../../../core/stats.ts';

/** Largest |a[i] − b[i]|, or null when the two do not have the same length (a different shape). */
export function maxAbsDiff(a: Float32Array, b: Float32Array): number | null {
  if (a.length !== b.length) return null;
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (d > max || Number.isNaN(d)) max = Number.isNaN(d) ? Infinity : d;
  }
  return max;
}

export interface Comparison {
  /** Where the run trained, as the reader should read it ("WebKit (the engine of Safari)"). */
  engine: string;
  sha256: string;
  publishedSha256: string;
  maxDiff: number | null;
  testAccuracy: number;
  publishedTestAccuracy: number;
  /** The backend the published weights were trained on (run.json); this page trains on wasm. */
  publishedBackend?: string;
}

/** Why weights trained off wasm (npm run train -- --backend tensorflow) are not reproduced bit for bit in a browser. */
export const offWasmReason = (backend: string) =>
  `TensorFlow.js’s ${backend} backend${backend === 'tensorflow' ? ' (tfjs-node, libtensorflow)' : ''} rounds its matrix products in another order than the WebAssembly a browser trains with`;

/** "identical to the published weights", or by how much they differ. */
export function verdict(c: Comparison): { identical: boolean; text: string } {
  if (c.sha256 === c.publishedSha256) {
    return { identical: true, text: `Trained in ${c.engine}: identical to the published weights, bit for bit (the same SHA-256, max |Δw| = 0).` };
  }
  const dw = c.maxDiff === null ? 'the weights have a different shape' : `max |Δw| = ${c.maxDiff.toExponential(2)}`;
  const dt = c.testAccuracy - c.publishedTestAccuracy;
  const why = c.publishedBackend && c.publishedBackend !== 'wasm' ? ` The published weights were trained on ${offWasmReason(c.publishedBackend)}: expect close, not bit-identical.` : '';
  return { identical: false, text: `Trained in ${c.engine}: not identical to the published weights: ${dw}; test accuracy ${pct(c.testAccuracy)}, ${points(dt)} against the published ${pct(c.publishedTestAccuracy)}.${why}` };
}

/** Where a test accuracy falls among the published seeds' accuracies. */
export function placeAmong(accuracy: number, seeds: readonly number[]): string {
  if (seeds.length === 0) return '';
  const m = mean(seeds);
  const sd = std(seeds);
  const lo = Math.min(...seeds);
  const hi = Math.max(...seeds);
  const where = accuracy < lo ? 'below all' : accuracy > hi ? 'above all' : 'within the range';
  const rank = seeds.filter((s) => s < accuracy).length;
  return `Test accuracy ${pct(accuracy)}: ${where} of the ${seeds.length} published seeds (${pct(lo)}–${pct(hi)}, mean ${pct(m)} ± ${(sd * 100).toFixed(2)}), better than ${rank} of them.`;
}

/** "about 12 s left" from the elapsed time and the fraction done. */
export function eta(elapsedMs: number, done: number, total: number): string {
  if (done <= 0 || total <= 0) return '';
  const left = (elapsedMs / done) * (total - done) / 1000;
  if (left < 1) return 'less than a second left';
  if (left < 90) return `about ${Math.round(left)} s left`;
  return `about ${Math.round(left / 60)} min left`;
}

/**
 * 60000 → "60,000". Not toLocaleString: its first call loads the locale data, a 50 ms block of the
 * page at the moment the reader clicks.
 */
export const count = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Megabytes for reading: "11.2 MB". */
export const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)}\u00a0MB`;
