/** Kind "cross" on disk: the figures (core/analysis/cross.ts) and the summary row. */
import { crossSection, type CrossSection, type SectionFile, type SummaryRow } from '../../../schema/results.ts';
import type { SectionOf } from '../../../schema/study.ts';
import { compute } from '../../../core/analysis/cross.ts';
import type { AnalysisContext } from '../context.ts';
import { expectKind, type SectionKindModule } from '../section-kind.ts';

const analyse = async (ctx: AnalysisContext, section: SectionOf<'cross'>): Promise<CrossSection> => crossSection.parse(await compute(ctx, section));

function summarise(file: SectionFile, section: SectionOf<'cross'>): SummaryRow {
  const { a, b } = expectKind(file, 'cross');
  return {
    section: section.id,
    figures: [
      { label: `${a.model} on ${a.tested_on}`, ours: a.test_accuracy, original: null },
      { label: `${b.model} on ${b.tested_on}`, ours: b.test_accuracy, original: null },
    ],
  };
}

export const kind: SectionKindModule<'cross'> = { analyse, summarise };
