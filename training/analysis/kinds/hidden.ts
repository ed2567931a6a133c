/** Kind "hidden" on disk: the figures (core/analysis/hidden.ts) and the summary row. */
import { hiddenSection, type HiddenSection, type SectionFile, type SummaryRow } from '../../../schema/results.ts';
import type { SectionOf } from '../../../schema/study.ts';
import { compute } from '../../../core/analysis/hidden.ts';
import type { AnalysisContext } from '../context.ts';
import { expectKind, type SectionKindModule } from '../section-kind.ts';

const analyse = async (ctx: AnalysisContext, section: SectionOf<'hidden'>): Promise<HiddenSection> => hiddenSection.parse(await compute(ctx, section));

function summarise(file: SectionFile, section: SectionOf<'hidden'>): SummaryRow {
  const h = expectKind(file, 'hidden');
  return {
    section: section.id,
    figures: [
      { label: 'units never active', ours: h.dead_units, original: null },
      { label: 'PCA nearest-centre accuracy', ours: h.projection.nearest_centre_accuracy, original: null },
    ],
  };
}

export const kind: SectionKindModule<'hidden'> = { analyse, summarise };
