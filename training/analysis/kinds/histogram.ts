/** Kind "histogram": the published model's test predictions split into right and wrong, per class. */
import { histogramSection, type HistogramSection, type SectionFile, type SeedStat, type SummaryRow } from '../../../schema/results.ts';
import type { SectionOf } from '../../../schema/study.ts';
import { compareSentence, pm } from '../../../src/lib/format.ts';
import { scorePredictions } from '../../../trainer/inference.ts';
import type { AnalysisContext } from '../context.ts';
import type { SectionKindModule } from '../section-kind.ts';
import { expectKind, rowStart } from '../section-kind.ts';
import { seedStat } from '../stats.ts';

async function analyse(ctx: AnalysisContext, { model }: SectionOf<'histogram'>): Promise<HistogramSection> {
  const dataset = ctx.datasetOf(model);
  const test = ctx.tests[dataset];
  const { predicted } = scorePredictions((await ctx.predictions(model, dataset)).probabilities, test.labels);
  const names = ctx.classNames(dataset);
  const perClass = names.map((name, label) => ({ label, name, correct: 0, incorrect: 0 }));
  for (let i = 0; i < test.count; i++) perClass[test.labels[i]][predicted[i] === test.labels[i] ? 'correct' : 'incorrect']++;
  const correct = perClass.reduce((s, c) => s + c.correct, 0);
  return histogramSection.parse({
    kind: 'histogram',
    model,
    published_seed: ctx.publishedSeed(model),
    test_count: test.count,
    correct_count: correct,
    incorrect_count: test.count - correct,
    correct_fraction: correct / test.count,
    incorrect_fraction: (test.count - correct) / test.count,
    per_class: perClass,
    incorrect_fraction_by_seed: seedStat(ctx.runsOf(model).map((r) => ({ seed: r.seed, value: 1 - r.test_accuracy }))),
  });
}

/** A seed statistic of 1 − x (the correct share from the incorrect share). */
function complement(s: SeedStat): SeedStat {
  return { ...s, mean: 1 - s.mean, seeds: s.seeds.map((x) => ({ seed: x.seed, value: 1 - x.value })) };
}

function summarise(file: SectionFile, section: SectionOf<'histogram'>): SummaryRow {
  const s = expectKind(file, 'histogram');
  const correct = complement(s.incorrect_fraction_by_seed);
  const [oCorrect, oIncorrect] = section.original;
  return {
    ...rowStart(section),
    original: oCorrect && oIncorrect ? `${oCorrect.printed} correct, ${oIncorrect.printed} incorrect` : (section.originalWords ?? '–'),
    ours: `${pm(correct)} correct`,
    reading: oCorrect ? compareSentence(oCorrect.value, oCorrect.printed, correct) : `${pm(correct)} of test images are classified correctly.`,
    figures: [
      { label: 'correct (published seed)', ours: s.correct_fraction, original: oCorrect?.value ?? null },
      { label: 'incorrect (published seed)', ours: s.incorrect_fraction, original: oIncorrect?.value ?? null },
    ],
  };
}

export const kind: SectionKindModule<'histogram'> = { analyse, summarise };
