/**
 * What a finished run measures beyond its history: the per-epoch records as run.json keeps them, the
 * accuracy on the whole training set, and the accuracy on the other dataset's test set. `npm run train`
 * (training/pipeline/run-job.ts) and the browser's "Reproduce this section" both call this, so a run
 * reproduced in a browser is recorded with the figures the build's run.json holds, by the same code.
 */
import type { EpochRecord, RunFile } from '../schema/results.ts';
import { evaluate } from './inference.ts';
import type { MlpParams } from './mlp.ts';
import type { EpochResult } from './run.ts';

export function epochRecord(r: EpochResult): EpochRecord {
  return { epoch: r.epoch, train_loss: r.loss, train_accuracy: r.accuracy, test_loss: r.testLoss, test_accuracy: r.testAccuracy, seconds: r.seconds };
}

interface LabelledImages {
  images: Uint8Array;
  labels: Uint8Array;
}

/** The measured fields of run.json (everything but its identity: model, seed, hash, backend, dates). */
export type RunMeasures = Pick<RunFile, 'history' | 'train_accuracy' | 'train_accuracy_eval' | 'test_accuracy' | 'test_loss' | 'cross_accuracy'>;

/**
 * `history` is the run's, `train` the images it trained on (`count` of them), `otherTest` the other
 * dataset's test set when the model declares one.
 */
export function runMeasures(params: MlpParams, history: readonly EpochResult[], train: LabelledImages & { count: number }, otherTest?: LabelledImages): RunMeasures {
  const records = history.map(epochRecord);
  const last = records[records.length - 1];
  if (!last) throw new Error('A run has at least one epoch; this one has none, so there is nothing to record.');
  return {
    history: records,
    train_accuracy: last.train_accuracy,
    train_accuracy_eval: evaluate(params, train.images, train.labels, train.count).accuracy,
    test_accuracy: last.test_accuracy,
    test_loss: last.test_loss,
    cross_accuracy: otherTest ? evaluate(params, otherTest.images, otherTest.labels).accuracy : null,
  };
}
