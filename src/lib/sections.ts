/**
 * What the pages say about sections and models, from the study's declaration (results/study.json):
 * titles, summaries and the original's words and figures are declared once, in
 * training/config/experiments.ts, and only read here.
 */
import { datasetEntry } from '../../core/datasets';
import { datasetOf, modelOf, trainedIn, type SectionKind, type SectionOf, type SectionSpec, type StudySpec } from '../../schema/study';
import type { DatasetId } from '../../schema/results';
import type { Results } from './results';

/** "Fashion-MNIST, 128 hidden units, 10 epochs", from a model's training section. */
export function modelLabel(study: StudySpec, t: { dataset: DatasetId; units: number; epochs: number }): string {
  return `${datasetOf(study, t.dataset).name}, ${t.units} hidden units, ${t.epochs} epoch${t.epochs === 1 ? '' : 's'}`;
}

/** The id of the section that trains `model`, where pages that reuse it link to. */
export function trainedInId(r: Results, model: string): string | undefined {
  return trainedIn(r.study, model)?.id;
}

/** "nine", "ten": the number of sections in words, for prose (digits past twelve). */
export function countWord(n: number): string {
  return ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'][n] ?? String(n);
}

/** "a, b and c". */
export const listWords = (xs: readonly string[]) => (xs.length < 2 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);

/** "1–3", "6 and 9", "4": section ids with runs of three or more consecutive numbers collapsed. */
export function idRanges(ids: readonly string[]): string {
  const parts: string[] = [];
  for (let i = 0; i < ids.length; ) {
    let j = i;
    while (j + 1 < ids.length && Number(ids[j + 1]) === Number(ids[j]) + 1) j++;
    if (j - i >= 2) parts.push(`${ids[i]}–${ids[j]}`);
    else parts.push(...ids.slice(i, j + 1));
    i = j + 1;
  }
  return listWords(parts);
}

/**
 * What a section of each kind asks of the trained networks, as a clause for the home page ("how accurate
 * they are"); a new kind adds its clause here (the type demands one).
 */
const QUESTIONS: { [K in SectionKind]: (r: Results, s: SectionOf<K>) => string } = {
  training: () => 'how accurate they are',
  histogram: () => 'how the errors are distributed',
  cross: () => 'what a model does with the other dataset',
  alpha: (r, s) => {
    const result = r.sections.get(s.id);
    const names = datasetEntry(modelOf(r.study, s.model).dataset, r.study).classNames;
    return result?.kind === 'alpha' ? `what happens on images blended from a ${names[result.source_labels.i1]} and a ${names[result.source_labels.i2]}` : 'what happens on blended images';
  },
  hidden: () => 'what the hidden layer computes',
  'last-layer': () => 'whether reading the last layer gives the accuracy Keras reports',
  factorial: () => 'which of two changes made a model better',
};

/** The questions `sections` ask, in order of first appearance, each with the ids of the sections asking it. */
export function questionsOf(r: Results, sections: readonly SectionSpec[]): { question: string; ids: string[] }[] {
  const out: { question: string; ids: string[] }[] = [];
  for (const s of sections) {
    const question = (QUESTIONS[s.kind] as (r: Results, s: SectionSpec) => string)(r, s);
    const same = out.find((q) => q.question === question);
    if (same) same.ids.push(s.id);
    else out.push({ question, ids: [s.id] });
  }
  return out;
}
