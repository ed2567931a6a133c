/**
 * The model a reader trained on this page ("Train it yourself"), offered to the page's other widgets as
 * "your model" beside the published one. One registry per page: the trainer offers, widgets subscribe
 * and are told at once if a model is already there.
 */
import type { DatasetId } from '../../schema/results.ts';
import type { ModelFiles } from './tf.ts';

export interface YourModel {
  /** Unique per trained model, so the runtime's model cache never confuses two runs. */
  key: string;
  /** "your model (784-256-10, 5 epochs, seed 3)". */
  label: string;
  dataset: DatasetId;
  files: ModelFiles;
}

const EVENT = 'digits-fashion:your-model';
let current: YourModel | null = null;

export function offerModel(model: YourModel): void {
  current = model;
  document.dispatchEvent(new CustomEvent<YourModel>(EVENT, { detail: model }));
}

/** Calls `use` with the current model (if any) and with every later one. */
export function onYourModel(use: (model: YourModel) => void): void {
  if (current) use(current);
  document.addEventListener(EVENT, (e) => use((e as CustomEvent<YourModel>).detail));
}
