/** Small pure helpers shared by the widgets: argmax, agreement with the build, α blends. */

export const CLASSES = 10;

/** Index of the largest of `CLASSES` values starting at row·CLASSES. */
export function argmax(values: ArrayLike<number>, row = 0, width = CLASSES): number {
  let best = 0;
  for (let c = 1; c < width; c++) if (values[row * width + c] > values[row * width + best]) best = c;
  return best;
}

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

/**
 * I(α) = α·I1 + (1 − α)·I2 on the training scale (pixel/255), not clipped: as in the original study,
 * α outside [0, 1] extrapolates beyond the pixel range.
 */
export function blend(i1: Float32Array, i2: Float32Array, alpha: number, out = new Float32Array(i1.length)): Float32Array {
  for (let p = 0; p < i1.length; p++) out[p] = alpha * i1[p] + (1 - alpha) * i2[p];
  return out;
}

/** All blends for the given alphas, one after another (alphas.length × pixels). */
export function blendBatch(i1: Float32Array, i2: Float32Array, alphas: readonly number[]): Float32Array {
  const size = i1.length;
  const out = new Float32Array(alphas.length * size);
  alphas.forEach((a, k) => blend(i1, i2, a, out.subarray(k * size, (k + 1) * size)));
  return out;
}

export interface AlphaRule {
  /** Label of I1, the truth when α ≥ threshold. */
  label1: number;
  /** Label of I2, the truth below the threshold. */
  label2: number;
  threshold: number;
}

/** The section's ground truth for a blend: I1's label from the threshold on, I2's below it. */
export function truthAt(alpha: number, rule: AlphaRule): number {
  // Compare on a 1e-9 grid so that 0.5 from a slider (0.5000000001) and from arithmetic agree.
  return alpha >= rule.threshold - 1e-9 ? rule.label1 : rule.label2;
}

/** The slider's α rounded to its 0.01 step, for display and comparisons. */
export function roundAlpha(alpha: number): number {
  return Math.round(alpha * 100) / 100;
}

/** Median of a list of numbers (NaN when empty). */
export function median(values: readonly number[]): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
