/**
 * The α experiments' arithmetic, shared by the analysis and the α explorer: the blend
 * I(α) = α·I1 + (1 − α)·I2 and the rule that says which label a blend truly has.
 */
import { PIXELS } from './network.ts';

/** `count` evenly spaced values over [from, to), rounded to 1e-9 so 0.5 is exactly 0.5. */
export function alphaGrid(from: number, to: number, count: number): number[] {
  return Array.from({ length: count }, (_, k) => Math.round((from + (k * (to - from)) / count) * 1e9) / 1e9);
}

export interface AlphaRule {
  /** Label of I1, the truth when α ≥ threshold. */
  label1: number;
  /** Label of I2, the truth below the threshold. */
  label2: number;
  threshold: number;
}

/** Below this distance α counts as at the threshold: 0.5 from a slider (0.5000000001) and from arithmetic agree. */
const ALPHA_TOLERANCE = 1e-9;

/** The ground truth of a blend: I1's label from the threshold on, I2's below it. */
export function truthAt(alpha: number, rule: AlphaRule): number {
  return alpha >= rule.threshold - ALPHA_TOLERANCE ? rule.label1 : rule.label2;
}

/**
 * I(α) = α·I1 + (1 − α)·I2 on the training scale (pixel/255), not clipped: as in the original study,
 * α outside [0, 1] extrapolates beyond the pixel range.
 */
export function blend(i1: ArrayLike<number>, i2: ArrayLike<number>, alpha: number, out = new Float32Array(i1.length)): Float32Array {
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

/** The blends of images i1 and i2 of a flat image set (count × 784) for every α. */
export function blendImages(images: Float32Array, i1: number, i2: number, alphas: readonly number[]): Float32Array {
  return blendBatch(images.subarray(i1 * PIXELS, (i1 + 1) * PIXELS), images.subarray(i2 * PIXELS, (i2 + 1) * PIXELS), alphas);
}
