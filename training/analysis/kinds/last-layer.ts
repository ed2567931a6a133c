/** Kind "last-layer" on disk: the figures (core/analysis/last-layer.ts) and the summary row. */
import { lastLayerSection, type LastLayerSection, type SectionFile, type SummaryRow } from '../../../schema/results.ts';
import type { SectionOf } from '../../../schema/study.ts';
import { compute } from '../../../core/analysis/last-layer.ts';
import type { AnalysisContext } from '../context.ts';
import { expectKind, type SectionKindModule } from '../section-kind.ts';

const analyse = async (ctx: AnalysisContext, section: SectionOf<'last-layer'>): Promise<LastLayerSection> => lastLayerSection.parse(await compute(ctx, section));

function summarise(file: SectionFile, section: SectionOf<'last-layer'>): SummaryRow {
  const s = expectKind(file, 'last-layer');
  return {
    section: section.id,
    figures: [
      { label: 'argmax of the last layer', ours: s.argmax_accuracy, original: null },
      { label: 'evaluate', ours: s.evaluate_accuracy, original: null },
    ],
  };
}

export const kind: SectionKindModule<'last-layer'> = { analyse, summarise };
