/** Kind "alpha" on disk: the figures (core/analysis/alpha.ts), the montage of the chosen pair's blends, and the summary row. */
import { alphaSection, type AlphaSection, type SectionFile, type SummaryRow } from '../../../schema/results.ts';
import type { SectionOf } from '../../../schema/study.ts';
import { blendImages } from '../../../core/alpha.ts';
import { alphaSteps, compute } from '../../../core/analysis/alpha.ts';
import { num } from '../../../core/format.ts';
import type { AnalysisContext } from '../context.ts';
import { writePredictionMontage } from '../montages.ts';
import { expectKind, type SectionKindModule } from '../section-kind.ts';

async function analyse(ctx: AnalysisContext, spec: SectionOf<'alpha'>): Promise<AlphaSection> {
  const figures = await compute(ctx, spec);
  const dataset = ctx.datasetOf(spec.model);
  const { alphas, truths } = alphaSteps(spec);
  const tiles = blendImages(ctx.test(dataset).images, spec.i1.index, spec.i2.index, alphas);
  const montage = await writePredictionMontage(ctx, `section-${spec.id}-alpha`, {
    model: spec.model,
    dataset,
    tiles,
    probabilities: (await ctx.predict(spec.model, tiles, alphas.length)).probabilities,
    cells: alphas.map((alpha, k) => ({ index: null, alpha, trueLabel: truths[k], row: k })),
    columns: 10,
    alt: `The ${alphas.length} blends of test image ${spec.i1.index} (a '${spec.i1.label}') and test image ${spec.i2.index} (a '${spec.i2.label}') for α from ${spec.from} to ${alphas[alphas.length - 1]}`,
  });
  return alphaSection.parse({ ...figures, montage });
}

function summarise(file: SectionFile, section: SectionOf<'alpha'>): SummaryRow {
  const a = expectKind(file, 'alpha');
  const o = section.original[0];
  return {
    section: section.id,
    figures: [
      { label: 'blends, published seed', ours: a.accuracy, original: o?.value ?? null },
      { label: 'blends, every seed', ours: a.accuracy_by_seed, original: o?.value ?? null },
      { label: `${num(a.random_pairs.count)} random pairs`, ours: a.random_pairs.mean, original: null },
    ],
  };
}

export const kind: SectionKindModule<'alpha'> = { analyse, summarise };
