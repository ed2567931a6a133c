/** Section 10's arithmetic (core) and words (the site's readings) on fixed numbers: a known effect, and no effect at all. */
import { describe, expect, it } from 'vitest';
import type { FactorialSection, SeedStat } from '../../../schema/results.ts';
import { factorialEffects } from '../../../core/analysis/factorial.ts';
import { factorialReading } from '../../../src/lib/readings.ts';

const stat = (values: number[]): SeedStat => {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const std = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
  return { mean, std, n: values.length, seeds: values.map((value, seed) => ({ seed, value })) };
};

/** Four cells (units × epochs) from their seeds' test accuracies, [low-low, high-low, low-high, high-high]. */
function design(tests: [number[], number[], number[], number[]]): Pick<FactorialSection, 'factors' | 'cells' | 'effects'> {
  const levels: [number, number][] = [[128, 10], [300, 10], [128, 200], [300, 200]];
  const cells = levels.map(([units, epochs], k) => ({
    model: `m${k}`, units, epochs, levels: [units, epochs] as [number, number], seeds: tests[k].map((_, i) => i),
    test_accuracy: stat(tests[k]), train_accuracy: stat(tests[k].map((t) => t + 0.01)), train_accuracy_eval: stat(tests[k].map((t) => t + 0.015)),
    curve: [{ epoch: 1, train_accuracy: 0.9, test_accuracy: 0.9 }],
  }));
  const at = (a: 0 | 1, b: 0 | 1) => cells[a + 2 * b].test_accuracy;
  return {
    factors: [{ name: 'units', levels: [128, 300] }, { name: 'epochs', levels: [10, 200] }],
    cells,
    effects: factorialEffects(at, ['units', 'epochs']),
  };
}

const effect = (d: ReturnType<typeof design>, id: string, factor: string | null) => d.effects.find((e) => e.id === id && e.factor === factor)!;

describe('a 2 × 2 design', () => {
  it('splits a gain that comes only from width: width all of it, epochs none', () => {
    // Width adds 0.6 points at both epoch counts; epochs add nothing.
    const d = design([[0.978, 0.979, 0.977], [0.984, 0.985, 0.983], [0.978, 0.977, 0.979], [0.984, 0.983, 0.985]]);
    expect(effect(d, 'total', null).estimate).toBeCloseTo(0.006, 10);
    expect(effect(d, 'main', 'units').estimate).toBeCloseTo(0.006, 10);
    expect(effect(d, 'main', 'epochs').estimate).toBeCloseTo(0, 10);
    expect(effect(d, 'interaction', null).estimate).toBeCloseTo(0, 10);
    // Every cell's std is 0.001 over 3 seeds: SE of a main effect = ½·√(4 · 0.001²/3).
    expect(effect(d, 'main', 'units').se).toBeCloseTo(0.5 * Math.sqrt((4 * 1e-6) / 3), 12);
    const reading = factorialReading(d).join(' ');
    expect(reading).toMatch(/moves by \+0\.60 ± 0\.08 points/);
    expect(reading).toMatch(/width accounts for about 100% of it and training longer for about 0%/);
    expect(reading).toMatch(/width helps clearly, training longer has no clear effect/);
    expect(reading).toMatch(/simply add up/);
  });

  it('finds no gain to split when nothing changes beyond the seeds’ noise', () => {
    const same = [0.978, 0.98, 0.979];
    const d = design([same, [0.979, 0.978, 0.98], [0.98, 0.979, 0.978], same]);
    expect(effect(d, 'total', null).estimate).toBeCloseTo(0, 10);
    const reading = factorialReading(d).join(' ');
    expect(reading).toMatch(/no clear gain to split/);
    expect(reading).not.toMatch(/accounts for/);
  });

  it('reports an interaction when each change helps only together with the other', () => {
    const d = design([[0.97, 0.971, 0.969], [0.97, 0.969, 0.971], [0.97, 0.971, 0.969], [0.98, 0.981, 0.979]]);
    expect(effect(d, 'interaction', null).estimate).toBeCloseTo(0.01, 10);
    expect(factorialReading(d).join(' ')).toMatch(/interaction \(\+1\.00 ± [0-9.]+ points\) is clear: each change helps more when the other is made too/);
  });
});
