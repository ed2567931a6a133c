/**
 * One training job: train a (model, seed) with trainer/run.ts (the very code the browser's "Train it
 * yourself" worker runs), evaluate it at the end, and write its weights and run.json into the job's folder in one atomic swap.
 */
import { join } from 'node:path';
import { runFile, type EpochRecord, type RunFile } from '../../schema/results.ts';
import { loadDataset } from '../data/datasets.ts';
import { saveParams } from '../model/io.ts';
import type { BatchProgress } from '../../trainer/trainer.ts';
import { trainRun } from '../../trainer/run.ts';
import { epochRecord, runMeasures } from '../../trainer/run-record.ts';
import { replaceDirAtomic, writeJsonAtomic } from '../output/atomic.ts';
import { PIXELS } from '../../core/network.ts';
import { nodeKernels } from '../tf/kernels.ts';
import type { Job } from './jobs.ts';
import { RUN_FILE } from '../../core/layout.ts';

export type JobEvent =
  | { type: 'batch'; progress: BatchProgress }
  | { type: 'epoch'; record: EpochRecord }
  | { type: 'phase'; phase: string };

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

  emit({ type: 'phase', phase: 'evaluating' });
  const measures = runMeasures(params, history, train, otherData?.test);

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
    ...measures,
    duration_s: (performance.now() - started) / 1000,
  });
  await replaceDirAtomic(job.dir, async (tmp) => {
    await saveParams(params, tmp);
    await writeJsonAtomic(join(tmp, RUN_FILE), run);
  });
  return run;
}
