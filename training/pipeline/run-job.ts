/**
 * One training job: train a (model, seed) with the backend's trainer (train/trainer.ts), evaluate it after every epoch and at
 * the end, and write its weights and run.json into the job's folder in one atomic swap.
 */
import { join } from 'node:path';
import { runFile, type EpochRecord, type RunFile } from '../../schema/results.ts';
import { loadDataset } from '../data/datasets.ts';
import { createMlp, readParams } from '../model/mlp.ts';
import { saveParams } from '../model/io.ts';
import { createTrainer, type BatchProgress } from '../train/trainer.ts';
import { evaluate } from '../train/inference.ts';
import { replaceDirAtomic, writeJsonAtomic } from '../output/atomic.ts';
import { toFloatImages } from './images.ts';
import type { Job } from './jobs.ts';

export type JobEvent =
  | { type: 'batch'; progress: BatchProgress }
  | { type: 'epoch'; record: EpochRecord }
  | { type: 'phase'; phase: string };

export async function runJob(job: Job, backend: string, emit: (event: JobEvent) => void): Promise<RunFile> {
  const started = performance.now();
  emit({ type: 'phase', phase: 'loading data' });
  const other = job.dataset === 'digits' ? 'fashion' : 'digits';
  const [data, otherData] = await Promise.all([loadDataset(job.dataset), loadDataset(other)]);
  const trainCount = Math.min(job.trainCount ?? data.train.count, data.train.count);
  const train = { images: toFloatImages(data.train.images, trainCount), labels: data.train.labels.subarray(0, trainCount), count: trainCount };
  const test = toFloatImages(data.test.images, data.test.count);

  const model = createMlp({ units: job.units, seed: job.seed });
  const trainer = await createTrainer(readParams(model), job.seed);
  model.dispose();
  try {
    const history: EpochRecord[] = [];
    for (let epoch = 1; epoch <= job.epochs; epoch++) {
      const stats = await trainer.trainEpoch(train, (progress) => emit({ type: 'batch', progress }));
      const testEval = evaluate(trainer.params, test, data.test.labels);
      const record: EpochRecord = {
        epoch,
        train_loss: stats.loss,
        train_accuracy: stats.accuracy,
        test_loss: testEval.loss,
        test_accuracy: testEval.accuracy,
        seconds: stats.seconds,
      };
      history.push(record);
      emit({ type: 'epoch', record });
    }

    emit({ type: 'phase', phase: 'evaluating' });
    const last = history[history.length - 1];
    const params = trainer.params;
    const trainEval = evaluate(params, train.images, train.labels, trainCount);
    const crossEval = evaluate(params, toFloatImages(otherData.test.images, otherData.test.count), otherData.test.labels);

    const run: RunFile = runFile.parse({
      model: job.model,
      dataset: job.dataset,
      units: job.units,
      epochs: job.epochs,
      seed: job.seed,
      train_count: trainCount,
      hash: job.hash,
      backend,
      trainer: trainer.name,
      created: new Date().toISOString(),
      history,
      train_accuracy: last.train_accuracy,
      train_accuracy_eval: trainEval.accuracy,
      test_accuracy: last.test_accuracy,
      test_loss: last.test_loss,
      cross_accuracy: crossEval.accuracy,
      duration_s: (performance.now() - started) / 1000,
    });
    await replaceDirAtomic(job.dir, async (tmp) => {
      await saveParams(params, tmp);
      await writeJsonAtomic(join(tmp, 'run.json'), run);
    });
    return run;
  } finally {
    trainer.dispose();
  }
}
