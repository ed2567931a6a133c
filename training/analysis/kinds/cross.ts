/** Kind "cross": two models, each shown the other's test set, where their labels mean nothing. */
import { crossSection, type CrossPart, type CrossSection, type DatasetId, type SectionFile, type SummaryRow } from '../../../schema/results.ts';
import type { SectionOf } from '../../../schema/study.ts';
import { higherLower, pct, pm } from '../../../src/lib/format.ts';
import { CLASSES } from '../../../trainer/mlp.ts';
import { scorePredictions } from '../../../trainer/inference.ts';
import type { AnalysisContext } from '../context.ts';
import type { SectionKindModule } from '../section-kind.ts';
import { expectKind, rowStart } from '../section-kind.ts';
import { confusion, seedStat } from '../stats.ts';

/** Model `model` on the test set of `testedOn`, every seed. */
async function crossPart(ctx: AnalysisContext, model: string, testedOn: DatasetId): Promise<CrossPart> {
  const trainedOn = ctx.datasetOf(model);
  const test = ctx.tests[testedOn];
  const { predicted } = scorePredictions((await ctx.predictions(model, testedOn)).probabilities, test.labels);
  return {
    model,
    trained_on: trainedOn,
    tested_on: testedOn,
    published_seed: ctx.publishedSeed(model),
    test_accuracy: seedStat(await Promise.all(ctx.runsOf(model).map(async (r) => ({ seed: r.seed, value: await accuracyOn(ctx, model, testedOn, r.seed) })))),
    chance: 1 / CLASSES,
    model_class_names: ctx.classNames(trainedOn),
    tested_class_names: ctx.classNames(testedOn),
    counts: confusion(test.labels, predicted),
  };
}

async function accuracyOn(ctx: AnalysisContext, model: string, dataset: DatasetId, seed: number): Promise<number> {
  const test = ctx.tests[dataset];
  return scorePredictions((await ctx.predictions(model, dataset, seed)).probabilities, test.labels).accuracy;
}

/** Each model is tested on the other one's dataset. */
async function analyse(ctx: AnalysisContext, { a, b }: SectionOf<'cross'>): Promise<CrossSection> {
  return crossSection.parse({ kind: 'cross', a: await crossPart(ctx, a, ctx.datasetOf(b)), b: await crossPart(ctx, b, ctx.datasetOf(a)) });
}

function summarise(file: SectionFile, section: SectionOf<'cross'>): SummaryRow {
  const { a, b } = expectKind(file, 'cross');
  const chance = a.chance;
  return {
    ...rowStart(section),
    ours: `A ${pm(a.test_accuracy, 1)}, B ${pm(b.test_accuracy, 1)}`,
    reading: `Chance is ${pct(chance, 0)}: A is ${higherLower(a.test_accuracy.mean - chance, 1)}, B ${higherLower(b.test_accuracy.mean - chance, 1)}.`,
    figures: [
      { label: `${a.model} on ${a.tested_on}`, ours: a.test_accuracy, original: null },
      { label: `${b.model} on ${b.tested_on}`, ours: b.test_accuracy, original: null },
    ],
  };
}

export const kind: SectionKindModule<'cross'> = { analyse, summarise };

