/**
 * Kind "factorial", numbers only: a 2 × 2 design over two settings of the models (hidden units × epochs),
 * each cell a declared model with its own seeds. The test accuracy of every cell gives the effect of each
 * setting with its standard error; src/lib/readings.ts says in words which one explains how much of the gain.
 */
import type { FactorialSection, SeedStat } from '../../schema/results.ts';
import { modelOf, type SectionOf } from '../../schema/study.ts';
import { seedStat } from '../stats.ts';
import { perSeed, type AnalysisInputs } from './inputs.ts';

type Factor = SectionOf<'factorial'>['factors'][number];
type Cell = FactorialSection['cells'][number];
type Effect = FactorialSection['effects'][number];

/** Mean over seeds at each epoch; runs of one model share their epoch count. */
function meanCurve(runs: { history: { train_accuracy: number; test_accuracy: number }[] }[]): Cell['curve'] {
  const epochs = Math.min(...runs.map((r) => r.history.length));
  return Array.from({ length: epochs }, (_, e) => ({
    epoch: e + 1,
    train_accuracy: runs.reduce((s, r) => s + r.history[e].train_accuracy, 0) / runs.length,
    test_accuracy: runs.reduce((s, r) => s + r.history[e].test_accuracy, 0) / runs.length,
  }));
}

/** Variance of a cell's mean: std² / n (0 for a single seed, whose spread is unknown). */
const meanVariance = (s: SeedStat) => (s.n > 1 ? s.std ** 2 / s.n : 0);

/**
 * The effects of a 2 × 2 design on test accuracy. `at(a, b)` is the cell with factor A at level a and
 * factor B at level b (0 low, 1 high). The two main effects add up to the whole gain (high, high) −
 * (low, low) exactly, which is what lets the gain be split between them.
 */
export function factorialEffects(at: (a: 0 | 1, b: 0 | 1) => SeedStat, factors: [Factor, Factor]): Effect[] {
  const m = (a: 0 | 1, b: 0 | 1) => at(a, b).mean;
  const v = (a: 0 | 1, b: 0 | 1) => meanVariance(at(a, b));
  const all = v(0, 0) + v(0, 1) + v(1, 0) + v(1, 1);
  const [fa, fb] = factors;
  return [
    { id: 'total', factor: null, estimate: m(1, 1) - m(0, 0), se: Math.sqrt(v(1, 1) + v(0, 0)) },
    { id: 'simple', factor: fa, estimate: m(1, 0) - m(0, 0), se: Math.sqrt(v(1, 0) + v(0, 0)) },
    { id: 'simple', factor: fb, estimate: m(0, 1) - m(0, 0), se: Math.sqrt(v(0, 1) + v(0, 0)) },
    { id: 'main', factor: fa, estimate: (m(1, 0) - m(0, 0) + m(1, 1) - m(0, 1)) / 2, se: Math.sqrt(all) / 2 },
    { id: 'main', factor: fb, estimate: (m(0, 1) - m(0, 0) + m(1, 1) - m(1, 0)) / 2, se: Math.sqrt(all) / 2 },
    { id: 'interaction', factor: null, estimate: m(1, 1) - m(1, 0) - m(0, 1) + m(0, 0), se: Math.sqrt(all) },
  ];
}

export async function compute(inputs: AnalysisInputs, section: SectionOf<'factorial'>): Promise<FactorialSection> {
  const [fa, fb] = section.factors;
  const specs = section.models.map((id) => modelOf(inputs.study, id));
  const levels = (f: Factor) => [...new Set(specs.map((m) => m[f]))].sort((a, b) => a - b) as [number, number];
  const factor = (f: Factor) => ({ name: f, levels: levels(f) });
  const factors: FactorialSection['factors'] = [factor(fa), factor(fb)];
  const cells: Cell[] = specs.map((spec) => {
    const runs = inputs.runsOf(spec.id);
    const per = (pick: (r: (typeof runs)[number]) => number) => seedStat(perSeed(runs, pick));
    return {
      model: spec.id,
      units: spec.units,
      epochs: runs[0]?.epochs ?? spec.epochs,
      levels: [spec[fa], spec[fb]] as [number, number],
      seeds: runs.map((r) => r.seed),
      test_accuracy: per((r) => r.test_accuracy),
      train_accuracy: per((r) => r.train_accuracy),
      train_accuracy_eval: per((r) => r.train_accuracy_eval),
      curve: meanCurve(runs),
    };
  });
  const at = (a: 0 | 1, b: 0 | 1) => {
    const c = cells.find((x) => x.levels[0] === factors[0].levels[a] && x.levels[1] === factors[1].levels[b]);
    if (!c) throw new Error(`Section ${section.id}: no model with ${fa} ${factors[0].levels[a]} and ${fb} ${factors[1].levels[b]}.`);
    return c.test_accuracy;
  };
  return { kind: 'factorial', dataset: specs[0].dataset, factors, cells, effects: factorialEffects(at, section.factors) };
}
