/** Kind "histogram" on disk: the figures (core/analysis/histogram.ts) and the summary row. */
import { histogramSection, type HistogramSection, type SectionFile, type SummaryRow } from '../../../schema/results.ts';
import type { SectionOf } from '../../../schema/study.ts';
import { compute } from '../../../core/analysis/histogram.ts';
import type { AnalysisContext } from '../context.ts';
import { expectKind, type SectionKindModule } from '../section-kind.ts';

const analyse = async (ctx: AnalysisContext, section: SectionOf<'histogram'>): Promise<HistogramSection> => histogramSection.parse(await compute(ctx, section));

function summarise(file: SectionFile, section: SectionOf<'histogram'>): SummaryRow {
  const s = expectKind(file, 'histogram');
  const [oCorrect, oIncorrect] = section.original;
  return {
    section: section.id,
    figures: [
      { label: 'correct (published seed)', ours: s.correct_fraction, original: oCorrect?.value ?? null },
      { label: 'incorrect (published seed)', ours: s.incorrect_fraction, original: oIncorrect?.value ?? null },
    ],
  };
}

export const kind: SectionKindModule<'histogram'> = { analyse, summarise };
