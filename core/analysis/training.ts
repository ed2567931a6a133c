/** Kind "training", numbers only: a configuration over its seeds, and its published model on the test set. */
import type { TrainingSection } from '../../schema/results.ts';
import { modelOf, type SectionOf } from '../../schema/study.ts';
import { BATCH_SIZE, LEARNING_RATE } from '../network.ts';
import { argmax, confusion, perClassAccuracy, seedStat } from '../stats.ts';
import { perSeed, type AnalysisInputs } from './inputs.ts';

const SAMPLE_COUNT = 30;
const MISCLASSIFIED_COUNT = 30;

/** The section's figures, and which test images its two montages show. */
export interface TrainingFigures {
  figures: Omit<TrainingSection, 'montages'>;
  /** The first test images, and the first ones the published model gets wrong. */
  montages: { samples: number[]; misclassified: number[] };
}

export async function compute(inputs: AnalysisInputs, section: SectionOf<'training'>): Promise<TrainingFigures> {
  const { model } = section;
  const spec = modelOf(inputs.study, model);
  const runs = inputs.runsOf(model);
  const test = inputs.test(spec.dataset);
  const { probabilities } = await inputs.predictions(model, spec.dataset);
  const predicted = Array.from({ length: test.count }, (_, i) => argmax(probabilities, i));
  const matrix = confusion(test.labels, predicted);
  const samples = Array.from({ length: Math.min(SAMPLE_COUNT, test.count) }, (_, i) => i);
  const misclassified: number[] = [];
  for (let i = 0; i < test.count && misclassified.length < MISCLASSIFIED_COUNT; i++) if (predicted[i] !== test.labels[i]) misclassified.push(i);

  const per = (pick: (r: (typeof runs)[number]) => number) => seedStat(perSeed(runs, pick));
  return {
    figures: {
      kind: 'training',
      model,
      dataset: spec.dataset,
      units: spec.units,
      epochs: runs[0].epochs,
      batch_size: BATCH_SIZE,
      learning_rate: LEARNING_RATE,
      seeds: runs.map((r) => r.seed),
      published_seed: inputs.publishedSeed(model),
      class_names: [...test.classNames],
      train_accuracy: per((r) => r.train_accuracy),
      train_accuracy_eval: per((r) => r.train_accuracy_eval),
      test_accuracy: per((r) => r.test_accuracy),
      test_loss: per((r) => r.test_loss),
      runs: runs.map(({ seed, history, train_accuracy, train_accuracy_eval, test_accuracy, test_loss, cross_accuracy, duration_s }) => ({
        seed, history, train_accuracy, train_accuracy_eval, test_accuracy, test_loss, cross_accuracy, duration_s,
      })),
      confusion: matrix,
      per_class_accuracy: perClassAccuracy(matrix),
    },
    montages: { samples, misclassified },
  };
}
