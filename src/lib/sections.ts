/**
 * What the pages say about sections and models, from the study's declaration (results/study.json):
 * titles, summaries and the original's words and figures are declared once, in
 * training/config/experiments.ts, and only read here.
 */
import { datasetOf, trainedIn, type StudySpec } from '../../schema/study';
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
