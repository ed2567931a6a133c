/**
 * What a section kind is on the training side: one module in training/analysis/kinds/, named after the
 * kind ("alpha" → kinds/alpha.ts), that turns the runs into the section's results file (its numbers come
 * from core/analysis/<kind>.ts, which a browser can run too) and its row of the summary. The pages find
 * the kind's component the same way (src/components/kinds/<kind>.astro), so a new kind is these modules
 * and a component, and nothing else names it.
 */
import type { SectionFile, SummaryRow } from '../../schema/results.ts';
import type { SectionKind, SectionOf, StudySpec } from '../../schema/study.ts';
import type { AnalysisContext } from './context.ts';

export interface SectionKindModule<K extends SectionKind = SectionKind> {
  analyse(ctx: AnalysisContext, section: SectionOf<K>): Promise<SectionFile>;
  /** The section's row of summary.json, from its results file. */
  summarise(file: SectionFile, section: SectionOf<K>, study: StudySpec): SummaryRow;
}

const loaded = new Map<string, SectionKindModule>();

/** The module of a section's kind, loaded by its file name. */
export async function kindModule(kind: SectionKind): Promise<SectionKindModule> {
  let module = loaded.get(kind);
  if (!module) {
    const imported = (await import(`./kinds/${kind}.ts`)) as { kind?: SectionKindModule };
    if (!imported.kind) throw new Error(`training/analysis/kinds/${kind}.ts exports no \`kind\`: export const kind: SectionKindModule<'${kind}'> = { analyse, summarise }.`);
    module = imported.kind;
    loaded.set(kind, module);
  }
  return module;
}

/** A section's results file must be of its kind; this narrows it for the kind's own code. */
export function expectKind<K extends SectionFile['kind']>(file: SectionFile, kind: K): Extract<SectionFile, { kind: K }> {
  if (file.kind !== kind) throw new Error(`Expected a results file of kind "${kind}", got "${file.kind}".`);
  return file as Extract<SectionFile, { kind: K }>;
}
