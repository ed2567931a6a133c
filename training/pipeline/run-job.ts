/**
 * One training job: train a (model, seed) with trainer/run.ts (the very code the browser's "Train it
 * yourself" worker runs), evaluate it at the end, and write its weights and run.json into the job's folder in one atomic swap.
 */
import { join } from 'node:path';
import { runFile, type EpochRecord, type RunFile } from '../../schema/results.ts';
import { loadDataset } from '../data/datasets.ts';
import { saveParams } from '../model/io.ts';
import type { BatchProgress } from '../../trainer/trainer.ts';
import { trainRun, type EpochResult } from '../../trainer/run.ts';
import { evaluate } from '../../trainer/inference.ts';
import { replaceDirAtomic, writeJsonAtomic } from '../output/atomic.ts';
import { PIXELS } from '../../core/network.ts';
import { nodeKernels } from '../tf/kernels.ts';
import type { Job } from './jobs.ts';

export type JobEvent =
  | { type: 'batch'; progress: BatchProgress }
  | { type: 'epoch'; record: EpochRecord }
  | { type: 'phase'; phase: string };

function epochRecord(r: EpochResult): EpochRecord {
  return { epoch: r.epoch, train_loss: r.loss, train_accuracy: r.accuracy, test_loss: r.testLoss, test_accuracy: r.testAccuracy, seconds: r.seconds };
}

export async function runJob(job: Job, backend: string, emit: (event: JobEvent) => void): Promise<RunFile> {
  const started = performance.now();
  emit({ type: 'phase', phase: 'loading data' });
  const [data, otherData] = await Promise.all([loadDataset(job.sources.dataset), job.sources.other ? loadDataset(job.sources.other) : undefined]);
  const trainCount = Math.min(job.trainCount ?? data.train.count, data.train.count);
  const train = { images: data.train.images.subarray(0, trainCount * PIXELS), labels: data.train.labels.subarray(0, trainCount), count: trainCount };

  const { params, trainer, history } = await trainRun(job, train, { images: data.test.images, labels: data.test.labels }, nodeKernels, {
    onBatch: (progress) => emit({ type: 'batch', progress }),
    onEpoch: (r) => emit({ type: 'epoch', record: epochRecord(r) }),
  });
  const records = history.map(epochRecord);

  emit({ type: 'phase', phase: 'evaluating' });
  const last = records[records.length - 1];
  const trainEval = evaluate(params, train.images, train.labels, trainCount);
  const crossEval = otherData && evaluate(params, otherData.test.images, otherData.test.labels);

  const run: RunFile = runFile.parse({
    model: job.model,
    dataset: job.dataset,
    units: job.units,
    epochs: job.epochs,
    seed: job.seed,
    train_count: trainCount,
    hash: job.hash,
    backend,
    trainer,
    created: new Date().toISOString(),
    history: records,
    train_accuracy: last.train_accuracy,
    train_accuracy_eval: trainEval.accuracy,
    test_accuracy: last.test_accuracy,
    test_loss: last.test_loss,
    cross_accuracy: crossEval?.accuracy ?? null,
    duration_s: (performance.now() - started) / 1000,
  });
  await replaceDirAtomic(job.dir, async (tmp) => {
    await saveParams(params, tmp);
    await writeJsonAtomic(join(tmp, 'run.json'), run);
  });
  return run;
}
