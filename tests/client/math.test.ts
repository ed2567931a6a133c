import { describe, expect, it } from 'vitest';
import { compareWithBuild, linspace, roundAlpha } from '../../src/client/math.ts';
import { blend, blendBatch, truthAt } from '../../core/alpha.ts';
import { argmax, median } from '../../core/stats.ts';

describe('argmax and agreement', () => {
  it('picks the first largest value of a row', () => {
    const p = [0, 0.1, 0.7, 0.1, 0, 0, 0, 0, 0, 0.1, 0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0.5];
    expect(argmax(p, 0)).toBe(2);
    expect(argmax(p, 1)).toBe(0);
  });

  it('counts agreement, accuracy and the largest probability difference', () => {
    const one = (c: number) => Array.from({ length: 10 }, (_, k) => (k === c ? 1 : 0));
    const live = [...one(3), ...one(5).map((v, k) => (k === 4 ? 0.0004 : v))];
    const built = [
      { label: 3, predicted: 3, probabilities: one(3) },
      { label: 4, predicted: 5, probabilities: one(5) },
    ];
    const r = compareWithBuild(live, built);
    expect(r).toMatchObject({ count: 2, agree: 2, correct: 1 });
    expect(r.maxDiff).toBeCloseTo(0.0004, 8);
  });
});

describe('alpha blends', () => {
  it('blends linearly without clipping', () => {
    const i1 = new Float32Array([1, 0, 0.5]);
    const i2 = new Float32Array([0, 1, 0.5]);
    expect(Array.from(blend(i1, i2, 0.25))).toEqual([0.25, 0.75, 0.5]);
    expect(Array.from(blend(i1, i2, 2))).toEqual([2, -1, 0.5]);
    const batch = blendBatch(i1, i2, [0, 1]);
    expect(Array.from(batch)).toEqual([0, 1, 0.5, 1, 0, 0.5]);
  });

  it('follows the section rule at the threshold', () => {
    const rule = { label1: 2, label2: 1, threshold: 0.5 };
    expect(truthAt(0.49, rule)).toBe(1);
    expect(truthAt(0.5, rule)).toBe(2);
    expect(truthAt(0.1 + 0.4, rule)).toBe(2);
    expect(truthAt(-1, rule)).toBe(1);
  });

  it('spaces alphas evenly with both ends and rounds to the slider step', () => {
    const a = linspace(-1, 2, 100);
    expect(a).toHaveLength(100);
    expect(a[0]).toBe(-1);
    expect(a[99]).toBe(2);
    expect(roundAlpha(0.30000000000000004)).toBe(0.3);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });
});
