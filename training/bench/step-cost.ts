/**
 * What one training step costs on the active backend, to explain a bench ratio: how many kernels a
 * step calls (counted with tf.profile over two steps minus one, so per-epoch setup cancels out) and
 * what dispatching one costs there (a scalar add, whose arithmetic is nil).
 */
import * as tf from '@tensorflow/tfjs-core';
import { BATCH_SIZE, PIXELS } from '../../core/network.ts';
import type { TrainingSet } from '../../trainer/trainer.ts';

export interface StepCost {
  kernels_per_step: number;
  dispatch_us: number;
}

const first = (set: TrainingSet, count: number): TrainingSet => ({ images: set.images.subarray(0, count * PIXELS), labels: set.labels.subarray(0, count), count });

/** Kernels one step of `epoch` (a fresh trainer's one epoch over the given rows) calls. */
async function kernelsPerStep(epoch: (rows: TrainingSet) => Promise<void>, set: TrainingSet): Promise<number> {
  const count = async (steps: number) => (await tf.profile(() => epoch(first(set, steps * BATCH_SIZE)))).kernels.length;
  return (await count(2)) - (await count(1));
}

/** Median µs of one kernel call with no arithmetic (a scalar add), over 7 runs of 400 calls after a warm-up. */
export function dispatchMicros(): number {
  const a = tf.scalar(1);
  for (let i = 0; i < 400; i++) tf.add(a, a).dispose();
  const runs: number[] = [];
  for (let run = 0; run < 7; run++) {
    const started = performance.now();
    for (let i = 0; i < 400; i++) tf.add(a, a).dispose();
    runs.push(((performance.now() - started) * 1000) / 400);
  }
  a.dispose();
  return runs.sort((x, y) => x - y)[3];
}

/** `dispatchUs` is the backend's (dispatchMicros), measured once per backend by the caller. */
export async function stepCost(epoch: (rows: TrainingSet) => Promise<void>, set: TrainingSet, dispatchUs: number): Promise<StepCost> {
  return { kernels_per_step: await kernelsPerStep(epoch, set), dispatch_us: dispatchUs };
}
