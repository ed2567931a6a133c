/** Kind "factorial" on disk: the figures (core/analysis/factorial.ts) and the summary row. */
import { factorialSection, type FactorialSection, type SectionFile, type SummaryRow } from '../../../schema/results.ts';
import type { SectionOf } from '../../../schema/study.ts';
import { compute } from '../../../core/analysis/factorial.ts';
import type { AnalysisContext } from '../context.ts';
import { expectKind, type SectionKindModule } from '../section-kind.ts';

type Effect = FactorialSection['effects'][number];

const analyse = async (ctx: AnalysisContext, section: SectionOf<'factorial'>): Promise<FactorialSection> => factorialSection.parse(await compute(ctx, section));

/** The CLI's labels for each effect on test accuracy. */
const FIGURE_LABELS: Record<Effect['id'], (factor: string) => string> = {
  total: () => 'test gain, both changes',
  simple: (f) => `test gain, ${f} alone`,
  main: (f) => `test gain, ${f} (main effect)`,
  interaction: () => 'interaction',
};

function summarise(file: SectionFile, section: SectionOf<'factorial'>): SummaryRow {
  const s = expectKind(file, 'factorial');
  return { section: section.id, figures: s.effects.map((e) => ({ label: FIGURE_LABELS[e.id](e.factor ?? ''), ours: e.estimate, original: null })) };
}

export const kind: SectionKindModule<'factorial'> = { analyse, summarise };
