import { describe, expect, it } from 'vitest';
import { exactExp, exactLog } from '../../trainer/exact-math.ts';
import { createRng } from '../../core/rng.ts';

const f64 = new Float64Array(2);
const i64 = new BigInt64Array(f64.buffer);

/** Distance in units in the last place between two finite doubles of the same sign. */
function ulpDistance(a: number, b: number): number {
  f64[0] = a;
  f64[1] = b;
  const d = i64[0] - i64[1];
  return Number(d < 0n ? -d : d);
}

/** The largest ulp distance between `ours` and `reference` over `count` inputs drawn by `draw`. */
function worstUlps(count: number, draw: () => number, ours: (x: number) => number, reference: (x: number) => number): number {
  let worst = 0;
  for (let i = 0; i < count; i++) {
    const x = draw();
    worst = Math.max(worst, ulpDistance(ours(x), reference(x)));
  }
  return worst;
}

// Both functions are within ~1 ulp of the true value and so is the engine's, so they agree within 2.
describe('exactExp', () => {
  it('agrees with Math.exp within 2 ulp where the softmax uses it (logit − max, float32 logits)', () => {
    const rng = createRng(1);
    const near = () => Math.fround(8 * rng()) - Math.fround(8 + 30 * rng());
    const far = () => Math.fround(-745 * rng());
    expect(worstUlps(200_000, near, exactExp, Math.exp)).toBeLessThanOrEqual(2);
    expect(worstUlps(50_000, far, exactExp, Math.exp)).toBeLessThanOrEqual(2);
  });

  it('agrees with Math.exp within 2 ulp on the whole finite range', () => {
    const rng = createRng(2);
    expect(worstUlps(50_000, () => 1400 * rng() - 700, exactExp, Math.exp)).toBeLessThanOrEqual(2);
    expect(worstUlps(20_000, () => 1e-6 * (rng() - 0.5), exactExp, Math.exp)).toBeLessThanOrEqual(2);
  });

  it('is exact where the answer is, and overflows and underflows as Math.exp does', () => {
    expect(exactExp(0)).toBe(1);
    expect(exactExp(-0)).toBe(1);
    expect(exactExp(-Infinity)).toBe(0);
    expect(exactExp(Infinity)).toBe(Infinity);
    expect(exactExp(710)).toBe(Infinity);
    expect(exactExp(-746)).toBe(0);
    expect(exactExp(NaN)).toBeNaN();
    for (const x of [-709, -720, -740, -745]) expect(ulpDistance(exactExp(x), Math.exp(x))).toBeLessThanOrEqual(2); // subnormal results
  });

  it('is monotonic over a fine sweep of the softmax range', () => {
    const drops: number[] = [];
    for (let x = -50 + 1 / 1024; x <= 0; x += 1 / 1024) if (exactExp(x) < exactExp(x - 1 / 1024)) drops.push(x);
    expect(drops).toEqual([]);
  });
});

describe('exactLog', () => {
  it("agrees with Math.log within 2 ulp on the loss's inputs (clipped probabilities in [1e-7, 1 − 1e-7])", () => {
    const rng = createRng(3);
    const probability = () => Math.min(Math.max(rng(), 1e-7), 1 - 1e-7);
    const nearOne = () => 1 - 1e-4 * rng();
    expect(worstUlps(200_000, probability, exactLog, Math.log)).toBeLessThanOrEqual(2);
    expect(worstUlps(50_000, nearOne, exactLog, Math.log)).toBeLessThanOrEqual(2);
  });

  it('agrees with Math.log within 2 ulp from subnormals to the largest double', () => {
    const rng = createRng(4);
    const anyPositive = () => 2 ** (2098 * rng() - 1074) * (1 + rng());
    expect(worstUlps(50_000, anyPositive, exactLog, Math.log)).toBeLessThanOrEqual(2);
  });

  it('handles the special values as Math.log does', () => {
    expect(exactLog(1)).toBe(0);
    expect(exactLog(0)).toBe(-Infinity);
    expect(exactLog(Infinity)).toBe(Infinity);
    expect(exactLog(-1)).toBeNaN();
    expect(exactLog(NaN)).toBeNaN();
    expect(ulpDistance(exactLog(Number.MIN_VALUE), Math.log(Number.MIN_VALUE))).toBeLessThanOrEqual(2);
    expect(ulpDistance(exactLog(2 ** 40), 40 * Math.LN2)).toBeLessThanOrEqual(1);
  });
});
