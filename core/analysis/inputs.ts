/**
 * What the numeric part of a section's analysis reads: the study, the test sets, every run's record, and
 * the models' outputs. The build (training/analysis/context.ts) answers from the trained runs on disk with
 * the trainer's inference; a browser can answer the same questions from the published models. Each kind's
 * `compute(inputs, section)` in this folder turns them into the section's figures, with no file access.
 */
import type { DatasetId } from '../datasets.ts';
import type { ModelId, RunFile } from '../../schema/results.ts';
import type { StudySpec } from '../../schema/study.ts';

export interface TestSet {
  /** count × 784 pixels on the training scale (pixel / 255). */
  images: Float32Array;
  labels: Uint8Array;
  count: number;
  /** One name per label. */
  classNames: readonly string[];
}

export interface Prediction {
  /** count × 10 softmax probabilities. */
  probabilities: Float32Array;
  /** count × units post-ReLU hidden activations, when asked for. */
  hidden?: Float32Array;
}

export interface AnalysisInputs {
  readonly study: StudySpec;
  /** Overrides each α section's configured number of random pairs (quick runs). */
  readonly randomPairs?: number;
  test(dataset: DatasetId): TestSet;
  /** Every trained run of a model, by seed. */
  runsOf(model: ModelId): RunFile[];
  /** The seed whose weights are published (and probed by the sections). */
  publishedSeed(model: ModelId): number;
  /** The model's outputs on `count` images (count × 784, pixel / 255), published seed unless given. */
  predict(model: ModelId, images: Float32Array, count: number, seed?: number): Promise<Prediction>;
  /** The model's outputs, with hidden activations, on a dataset's whole test set (published seed unless given). */
  predictions(model: ModelId, dataset: DatasetId, seed?: number): Promise<Prediction>;
  /** Test accuracy and loss as tfjs-layers' own `evaluate` reports them for the published weights. */
  evaluate(model: ModelId): Promise<{ accuracy: number; loss: number }>;
}

/** A metric of every run of a model, as mean ± std over seeds. */
export function perSeed(runs: readonly RunFile[], pick: (run: RunFile) => number) {
  return runs.map((r) => ({ seed: r.seed, value: pick(r) }));
}
