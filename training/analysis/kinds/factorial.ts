/**
 * Kind "factorial": a 2 × 2 design over two settings of the models (hidden units × epochs), each cell a
 * declared model with its own seeds. The test accuracy of every cell gives the effect of each setting
 * with its standard error, and the reading says in words which one explains how much of the gain.
 */
import { factorialSection, type FactorialSection, type SectionFile, type SeedStat, type SummaryRow } from '../../../schema/results.ts';
import { modelOf, type SectionOf } from '../../../schema/study.ts';
import { num, pm } from '../../../src/lib/format.ts';
import type { AnalysisContext } from '../context.ts';
import type { SectionKindModule } from '../section-kind.ts';
import { expectKind, rowStart } from '../section-kind.ts';
import { seedStat } from '../stats.ts';

type Factor = SectionOf<'factorial'>['factors'][number];
type Cell = FactorialSection['cells'][number];
type Effect = FactorialSection['effects'][number];

/** How the reading names a change of each factor. */
const FACTOR_LABELS: Record<Factor, string> = { units: 'width', epochs: 'training longer' };

const FACTOR_WORDS: Record<Factor, (level: number) => string> = {
  units: (n) => `${num(n)} hidden units`,
  epochs: (n) => `${num(n)} epoch${n === 1 ? '' : 's'}`,
};

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

/** Points with a sign and their standard error: "+0.52 ± 0.06 points". */
const pointsSe = (e: Effect) => `${e.estimate >= 0 ? '+' : '−'}${Math.abs(e.estimate * 100).toFixed(2)} ± ${(e.se * 100).toFixed(2)} points`;
/** Clear when the estimate is more than two standard errors from zero (about 95% for a normal error). */
const clear = (e: Effect) => e.se === 0 ? e.estimate !== 0 : Math.abs(e.estimate) > 2 * e.se;

/** The reading in words, computed from the cells and effects only. */
export function factorialReading(file: Pick<FactorialSection, 'factors' | 'cells' | 'effects'>): string[] {
  const [fa, fb] = file.factors;
  const find = (id: Effect['id'], factor: Factor | null) => file.effects.find((e) => e.id === id && e.factor === factor) as Effect;
  const total = find('total', null);
  const [simpleA, simpleB, mainA, mainB] = [find('simple', fa.name), find('simple', fb.name), find('main', fa.name), find('main', fb.name)];
  const interaction = find('interaction', null);
  const word = (f: typeof fa, k: 0 | 1) => FACTOR_WORDS[f.name](f.levels[k]);
  const cell = (a: 0 | 1, b: 0 | 1) => file.cells.find((c) => c.levels[0] === fa.levels[a] && c.levels[1] === fb.levels[b]) as Cell;
  const out = [
    `From ${word(fa, 0)} and ${word(fb, 0)} to ${word(fa, 1)} and ${word(fb, 1)} — both changes at once, as the original made them — test accuracy moves by ${pointsSe(total)} (difference of the means over seeds ± its standard error).`,
    `One change at a time: ${word(fa, 1)} with ${word(fb, 0)} gives ${pointsSe(simpleA)}; ${word(fb, 1)} with ${word(fa, 0)} gives ${pointsSe(simpleB)}.`,
  ];
  if (!clear(total)) {
    out.push(`The whole gain is within two standard errors of zero, so there is no clear gain to split between the two changes: averaged over the other setting, ${fa.label} changes test accuracy by ${pointsSe(mainA)} and ${fb.label} by ${pointsSe(mainB)}.`);
  } else {
    const share = (e: Effect) => Math.round((e.estimate / total.estimate) * 100);
    const verdict = (e: Effect, label: string) => (clear(e) ? `${label} ${e.estimate > 0 ? 'helps' : 'hurts'} clearly` : `${label} has no clear effect`);
    out.push(
      `Averaged over the other setting, ${fa.label} ${mainA.estimate >= 0 ? 'adds' : 'changes test accuracy by'} ${pointsSe(mainA)} and ${fb.label} ${pointsSe(mainB)}. ` +
        `These two main effects add up to the whole gain, so ${fa.label} account${fa.label.endsWith('s') ? '' : 's'} for about ${share(mainA)}% of it and ${fb.label} for about ${share(mainB)}%: ${verdict(mainA, fa.label)}, ${verdict(mainB, fb.label)}.`,
    );
  }
  out.push(
    clear(interaction)
      ? `The interaction (${pointsSe(interaction)}) is clear: each change ${interaction.estimate > 0 ? 'helps more' : 'helps less'} when the other is made too, so the split above is an average over two different situations.`
      : `The interaction (${pointsSe(interaction)}) is within two standard errors of zero: on these seeds the two changes simply add up.`,
  );
  const gaps = file.cells.map((c) => ({ c, gap: c.train_accuracy_eval.mean - c.test_accuracy.mean }));
  const widest = gaps.reduce((a, b) => (b.gap > a.gap ? b : a));
  const narrowest = gaps.reduce((a, b) => (b.gap < a.gap ? b : a));
  const label = (c: Cell) => `${FACTOR_WORDS[fa.name](c.levels[0])} and ${FACTOR_WORDS[fb.name](c.levels[1])}`;
  out.push(
    `Over-fitting: the gap between accuracy on the training set (final weights) and on the test set is widest for ${label(widest.c)} (${(widest.gap * 100).toFixed(2)} points, training ${pm(widest.c.train_accuracy_eval)}) ` +
      `and narrowest for ${label(narrowest.c)} (${(narrowest.gap * 100).toFixed(2)} points).` +
      (cell(1, 1) === widest.c || cell(0, 1) === widest.c ? ` Longer training fits the training set more closely than it improves the test set.` : ''),
  );
  return out;
}

async function analyse(ctx: AnalysisContext, section: SectionOf<'factorial'>): Promise<FactorialSection> {
  const [fa, fb] = section.factors;
  const specs = section.models.map((id) => modelOf(ctx.study, id));
  const levels = (f: Factor) => [...new Set(specs.map((m) => m[f]))].sort((a, b) => a - b) as [number, number];
  const factor = (f: Factor) => ({ name: f, label: FACTOR_LABELS[f], levels: levels(f) });
  const factors: FactorialSection['factors'] = [factor(fa), factor(fb)];
  const cells: Cell[] = specs.map((spec) => {
    const runs = ctx.runsOf(spec.id);
    const per = (pick: (r: (typeof runs)[number]) => number) => seedStat(runs.map((r) => ({ seed: r.seed, value: pick(r) })));
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
  const effects = factorialEffects(at, section.factors);
  const body = { factors, cells, effects };
  return factorialSection.parse({ kind: 'factorial', dataset: specs[0].dataset, ...body, reading: factorialReading(body) });
}

/** The CLI's labels for each effect on test accuracy. */
const FIGURE_LABELS: Record<Effect['id'], (factor: string) => string> = {
  total: () => 'test gain, both changes',
  simple: (f) => `test gain, ${f} alone`,
  main: (f) => `test gain, ${f} (main effect)`,
  interaction: () => 'interaction',
};

function summarise(file: SectionFile, section: SectionOf<'factorial'>): SummaryRow {
  const s = expectKind(file, 'factorial');
  const [fa, fb] = s.factors;
  const effect = (id: Effect['id'], factor: Factor | null) => s.effects.find((e) => e.id === id && e.factor === factor) as Effect;
  const [total, mainA, mainB] = [effect('total', null), effect('main', fa.name), effect('main', fb.name)];
  return {
    ...rowStart(section),
    ours: `gain ${pointsSe(total)}: ${fa.label} ${pointsSe(mainA)}, ${fb.label} ${pointsSe(mainB)}`,
    reading: s.reading[2] ?? s.reading[0],
    figures: s.effects.map((e) => ({ label: FIGURE_LABELS[e.id](e.factor ?? ''), ours: e.estimate, original: null })),
  };
}

export const kind: SectionKindModule<'factorial'> = { analyse, summarise };
