/** Small pure helpers of the widgets: agreement with the build, the α slider's grid. */
import { CLASSES } from '../../core/network.ts';
import { argmax } from '../../core/stats.ts';

export interface Agreement {
  count: number;
  /** Images whose live argmax equals the build-time prediction. */
  agree: number;
  /** Images whose live argmax equals the true label. */
  correct: number;
  /** Largest absolute difference of any class probability. */
  maxDiff: number;
}

/** Compares live probabilities (count × 10, flat) with the build-time ones. */
export function compareWithBuild(
  live: ArrayLike<number>,
  built: ReadonlyArray<{ label: number; predicted: number; probabilities: readonly number[] }>,
): Agreement {
  let agree = 0;
  let correct = 0;
  let maxDiff = 0;
  built.forEach((item, i) => {
    const p = argmax(live, i);
    if (p === item.predicted) agree++;
    if (p === item.label) correct++;
    for (let c = 0; c < CLASSES; c++) maxDiff = Math.max(maxDiff, Math.abs(live[i * CLASSES + c] - item.probabilities[c]));
  });
  return { count: built.length, agree, correct, maxDiff };
}

/** `n` evenly spaced values from `lo` to `hi`, both included. */
export function linspace(lo: number, hi: number, n: number): number[] {
  if (n === 1) return [lo];
  return Array.from({ length: n }, (_, k) => lo + ((hi - lo) * k) / (n - 1));
}

/** The slider's α rounded to its 0.01 step, for display and comparisons. */
export function roundAlpha(alpha: number): number {
  return Math.round(alpha * 100) / 100;
}
