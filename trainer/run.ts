/**
 * One training run from settings to weights: the Keras-equivalent initial weights of (units, seed), the
 * backend's trainer, the test set evaluated after every epoch. `npm run train` (training/pipeline/run-job.ts)
 * and the browser's "Train it yourself" worker both call this, so a published configuration retrained in
 * a reader's browser goes through exactly the code that produced it.
 */
import { KERAS_ADAM } from './adam.ts';
import { evaluate } from './inference.ts';
import type { KernelBinaries } from './kernels.ts';
import { createMlp, readParams, type MlpParams } from './mlp.ts';
import { BATCH_SIZE } from '../core/network.ts';
import { createTrainer, type BatchProgress, type EpochStats, type TrainingSet } from './trainer.ts';

export interface RunSettings {
  units: number;
  epochs: number;
  seed: number;
  /** Default 32, the study's. */
  batchSize?: number;
  /** Adam's step size; default 1e-3, the study's. */
  learningRate?: number;
}

export interface EpochResult extends EpochStats {
  testLoss: number;
  testAccuracy: number;
}

export interface RunResult {
  params: MlpParams;
  /** The trainer's name, recorded in run.json. */
  trainer: string;
  history: EpochResult[];
}

export interface RunHooks {
  onBatch?: (progress: BatchProgress) => void;
  /**
   * After each epoch's test; `weights()` copies the weights at that point (the browser keeps them, so a
   * stopped run still has its last complete epoch). Awaited before the next epoch starts.
   */
  onEpoch?: (result: EpochResult, weights: () => MlpParams) => void | Promise<void>;
}

export async function trainRun(
  settings: RunSettings,
  train: TrainingSet,
  test: { images: Uint8Array; labels: Uint8Array },
  kernels: () => Promise<KernelBinaries>,
  hooks: RunHooks = {},
): Promise<RunResult> {
  const model = createMlp({ units: settings.units, seed: settings.seed });
  const initial = readParams(model);
  model.dispose();
  const options = { batchSize: settings.batchSize ?? BATCH_SIZE, adam: { ...KERAS_ADAM, learningRate: settings.learningRate ?? KERAS_ADAM.learningRate } };
  const trainer = await createTrainer(initial, settings.seed, kernels, options);
  try {
    const history: EpochResult[] = [];
    for (let epoch = 1; epoch <= settings.epochs; epoch++) {
      const stats = await trainer.trainEpoch(train, hooks.onBatch);
      const t = evaluate(trainer.params, test.images, test.labels);
      const result = { ...stats, testLoss: t.loss, testAccuracy: t.accuracy };
      history.push(result);
      await hooks.onEpoch?.(result, () => trainer.params);
    }
    return { params: trainer.params, trainer: trainer.name, history };
  } finally {
    trainer.dispose();
  }
}
