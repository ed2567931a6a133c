/**
 * One training run from settings to weights: the Keras-equivalent initial weights of (units, seed), the
 * backend's trainer, the test set evaluated after every epoch. `npm run train` (training/pipeline/run-job.ts)
 * and the browser's "Train it yourself" worker both call this, so a published configuration retrained in
 * a reader's browser goes through exactly the code that produced it.
 */
import { KERAS_ADAM } from './adam.ts';
import type { TrainerCheckpoint } from './checkpoint.ts';
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
   * stopped run still has its last complete epoch), `checkpoint()` the whole state to resume from (the
   * fast trainer only). Awaited before the next epoch starts.
   */
  onEpoch?: (result: EpochResult, weights: () => MlpParams, checkpoint: () => RunCheckpoint) => void | Promise<void>;
}

/** A run stopped between two epochs: the trainer's state and the epochs it has done. */
export interface RunCheckpoint {
  trainer: TrainerCheckpoint;
  history: EpochResult[];
}

export async function trainRun(
  settings: RunSettings,
  train: TrainingSet,
  test: { images: Uint8Array; labels: Uint8Array },
  kernels: () => Promise<KernelBinaries>,
  hooks: RunHooks = {},
  /** Continue a run of the same settings from here (bit-identical to an uninterrupted run). */
  resume?: RunCheckpoint,
): Promise<RunResult> {
  if (resume && resume.history.length !== resume.trainer.epoch) {
    throw new Error(`The checkpoint is inconsistent: ${resume.trainer.epoch} epochs trained but ${resume.history.length} in its history. Start the run again from epoch 1.`);
  }
  if (resume && resume.trainer.params.units !== settings.units) {
    throw new Error(`The checkpoint is of a 784-${resume.trainer.params.units}-10 network, the run is 784-${settings.units}-10: it belongs to another run.`);
  }
  const model = createMlp({ units: settings.units, seed: settings.seed });
  const initial = readParams(model);
  model.dispose();
  const options = {
    batchSize: settings.batchSize ?? BATCH_SIZE,
    adam: { ...KERAS_ADAM, learningRate: settings.learningRate ?? KERAS_ADAM.learningRate },
    resume: resume?.trainer,
  };
  const trainer = await createTrainer(initial, settings.seed, kernels, options);
  try {
    const history: EpochResult[] = [...(resume?.history ?? [])];
    const checkpoint = (): RunCheckpoint => {
      if (!trainer.checkpoint) throw new Error(`The trainer '${trainer.name}' cannot checkpoint a run; only the fast trainer on wasm can.`);
      return { trainer: trainer.checkpoint(), history: [...history] };
    };
    for (let epoch = history.length + 1; epoch <= settings.epochs; epoch++) {
      const stats = await trainer.trainEpoch(train, hooks.onBatch);
      const t = evaluate(trainer.params, test.images, test.labels);
      const result = { ...stats, testLoss: t.loss, testAccuracy: t.accuracy };
      history.push(result);
      await hooks.onEpoch?.(result, () => trainer.params, checkpoint);
    }
    return { params: trainer.params, trainer: trainer.name, history };
  } finally {
    trainer.dispose();
  }
}
