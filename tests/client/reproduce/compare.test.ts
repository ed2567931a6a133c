import { describe, expect, it } from 'vitest';
import { compareFigures, identical } from '../../../src/client/reproduce/compare.ts';

const stat = (seeds: [number, number][]) => {
  const values = seeds.map(([, v]) => v);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return { mean, std: 0.5, n: seeds.length, seeds: seeds.map(([seed, value]) => ({ seed, value })) };
};

const published = {
  kind: 'training',
  seeds: [0, 1, 2],
  test_accuracy: stat([[0, 0.98], [1, 0.97], [2, 0.99]]),
  runs: [{ seed: 0, test_accuracy: 0.98, duration_s: 12 }, { seed: 1, test_accuracy: 0.97, duration_s: 11 }, { seed: 2, test_accuracy: 0.99, duration_s: 13 }],
  confusion: [[5, 1], [0, 4]],
  montages: { samples: 'x.png' },
};

describe('comparing a section’s figures', () => {
  it('finds the published seed’s figures identical and says which ones need every seed', () => {
    const yours = { kind: 'training', seeds: [0], test_accuracy: stat([[0, 0.98]]), runs: [{ seed: 0, test_accuracy: 0.98, duration_s: 99 }], confusion: [[5, 1], [0, 4]] };
    const groups = compareFigures(published, yours, 'training', true);
    expect(identical(groups)).toBe(true);
    const byKey = Object.fromEntries(groups.map((g) => [g.key, g]));
    expect(byKey.test_accuracy).toMatchObject({ compared: 1, needsAllSeeds: 3 });
    // Its seed and test accuracy; the run's time is not a figure.
    expect(byKey.runs.compared).toBe(2);
    expect(byKey.confusion.compared).toBe(4);
    expect(byKey.seeds.needsAllSeeds).toBe(1);
  });

  it('names every number that differs, by path, with both values', () => {
    const yours = { kind: 'training', seeds: [0, 1, 2], test_accuracy: stat([[0, 0.98], [1, 0.96], [2, 0.99]]), runs: published.runs, confusion: [[5, 1], [1, 3]] };
    const groups = compareFigures(published, yours, 'training', false);
    expect(identical(groups)).toBe(false);
    const diffs = groups.flatMap((g) => g.differences.map((d) => `${d.path}: ${String(d.published)} → ${String(d.yours)}`));
    expect(diffs).toEqual(expect.arrayContaining(['test_accuracy[seed 1]: 0.97 → 0.96', 'confusion[1][0]: 0 → 1', 'confusion[1][1]: 4 → 3']));
    expect(diffs.some((d) => d.startsWith('test_accuracy.mean'))).toBe(true);
  });

  it('leaves the factorial effects out when only the published seeds were reproduced', () => {
    const pub = { kind: 'factorial', effects: [{ id: 'total', estimate: 0.01 }], cells: [{ model: 'a', curve: [{ epoch: 1, test_accuracy: 0.5 }] }] };
    const yours = { kind: 'factorial', effects: [{ id: 'total', estimate: 0.02 }], cells: [{ model: 'a', curve: [{ epoch: 1, test_accuracy: 0.6 }] }] };
    expect(identical(compareFigures(pub, yours, 'factorial', true))).toBe(true);
    expect(identical(compareFigures(pub, yours, 'factorial', false))).toBe(false);
  });
});
