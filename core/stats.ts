/** Small, dependency-free statistics over per-seed values and predictions. */
import type { SeedStat } from '../schema/results.ts';
import { CLASSES } from './network.ts';

/** Mean and sample standard deviation (n − 1; 0 for a single seed). */
export function seedStat(values: { seed: number; value: number }[]): SeedStat {
  const numbers = values.map((v) => v.value);
  return { mean: mean(numbers), std: std(numbers), n: values.length, seeds: values };
}

/** Arithmetic mean (NaN when empty). */
export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}

/** Sample standard deviation (n − 1); 0 for fewer than two values. */
export function std(values: ArrayLike<number>): number {
  const m = mean(values);
  let s = 0;
  for (let i = 0; i < values.length; i++) s += (values[i] - m) ** 2;
  return values.length > 1 ? Math.sqrt(s / (values.length - 1)) : 0;
}

/** Median: the middle value, or the mean of the two middle ones for an even count (NaN when empty). */
export function median(values: readonly number[]): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Index of the largest of the `width` values of row `row` in a flat row-major array (first on ties). */
export function argmax(values: ArrayLike<number>, row = 0, width = CLASSES): number {
  let best = 0;
  for (let c = 1; c < width; c++) if (values[row * width + c] > values[row * width + best]) best = c;
  return best;
}

/** counts[true][predicted]. */
export function confusion(labels: ArrayLike<number>, predicted: ArrayLike<number>): number[][] {
  const m = Array.from({ length: CLASSES }, () => new Array<number>(CLASSES).fill(0));
  for (let i = 0; i < labels.length; i++) m[labels[i]][predicted[i]]++;
  return m;
}

export function perClassAccuracy(matrix: number[][]): number[] {
  return matrix.map((row, c) => {
    const total = row.reduce((a, b) => a + b, 0);
    return total === 0 ? 0 : row[c] / total;
  });
}

/** One image's ten probabilities, rounded to 6 decimals for the results files. */
export function probabilityRow(probabilities: Float32Array, row: number): number[] {
  return Array.from(probabilities.subarray(row * CLASSES, (row + 1) * CLASSES), (p) => Number(p.toFixed(6)));
}

/** Fraction of values strictly below x. */
export function shareBelow(values: readonly number[], x: number): number {
  return values.filter((v) => v < x).length / Math.max(1, values.length);
}
