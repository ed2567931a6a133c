/**
 * What a run covers. Without --only: every section and model. With `--only S`: section S and the models
 * it needs are trained, and every other section that reads one of those models is analysed again too,
 * so that no section shows figures of runs the generation no longer holds. Such a section is analysed
 * only when its other models are up to date (no --only run trains more than it was asked to); otherwise
 * it keeps its previous file and the run says so.
 */
import type { ModelId } from '../../schema/results.ts';
import { modelsOf, sectionOf, type StudySpec } from '../../schema/study.ts';

export interface RunScope {
  /** Sections to analyse, in the declaration's order. */
  sections: string[];
  /** Models whose jobs the run plans: those to train and those the analysed sections read. */
  models: ModelId[];
  /** Sections that read a retrained model but keep their previous file: their other models are stale. */
  kept: { section: string; stale: ModelId[] }[];
}

export function runScope(study: StudySpec, only: string | undefined, upToDate: (model: ModelId) => boolean): RunScope {
  if (only === undefined) {
    return { sections: study.sections.map((s) => s.id), models: [...new Set(study.sections.flatMap(modelsOf))], kept: [] };
  }
  const trained = modelsOf(sectionOf(study, only));
  const sections: string[] = [];
  const models = new Set<ModelId>(trained);
  const kept: RunScope['kept'] = [];
  for (const section of study.sections) {
    const reads = modelsOf(section);
    if (section.id !== only && !reads.some((m) => trained.includes(m))) continue;
    const stale = reads.filter((m) => !trained.includes(m) && !upToDate(m));
    if (stale.length > 0) {
      kept.push({ section: section.id, stale });
      continue;
    }
    sections.push(section.id);
    for (const m of reads) models.add(m);
  }
  return { sections, models: [...models], kept };
}
