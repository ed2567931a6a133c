/** Small, dependency-free statistics over per-seed values and predictions. */
import type { SeedStat } from '../../schema/results.ts';
import { CLASSES } from '../../trainer/mlp.ts';

/** Mean and sample standard deviation (n − 1; 0 for a single seed). */
export function seedStat(values: { seed: number; value: number }[]): SeedStat {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v.value, 0) / n;
  const variance = n > 1 ? values.reduce((s, v) => s + (v.value - mean) ** 2, 0) / (n - 1) : 0;
  return { mean, std: Math.sqrt(variance), n, seeds: values };
}

export function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}

export function std(values: ArrayLike<number>): number {
  const m = mean(values);
  let s = 0;
  for (let i = 0; i < values.length; i++) s += (values[i] - m) ** 2;
  return values.length > 1 ? Math.sqrt(s / (values.length - 1)) : 0;
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

export function probabilityRow(probabilities: Float32Array, row: number): number[] {
  return Array.from(probabilities.subarray(row * CLASSES, (row + 1) * CLASSES), (p) => Number(p.toFixed(6)));
}
