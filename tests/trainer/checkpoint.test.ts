import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../training/data/datasets.ts';
import { initBackend } from '../../training/tf/backend.ts';
import { nodeKernels } from '../../training/tf/kernels.ts';
import { paramsFiles } from '../../trainer/artifacts.ts';
import { PIXELS } from '../../core/network.ts';
import { trainRun, type RunCheckpoint, type RunSettings } from '../../trainer/run.ts';
import type { TrainingSet } from '../../trainer/trainer.ts';

let set: TrainingSet;
let test: { images: Uint8Array; labels: Uint8Array };
// 2,990 images in batches of 30: 99 full batches and a short one of 20, 100 steps an epoch.
const SETTINGS: RunSettings = { units: 20, epochs: 4, seed: 5, batchSize: 30 };

beforeAll(async () => {
  await initBackend('wasm');
  const digits = await loadDataset('digits');
  const n = 2990;
  set = { images: digits.train.images.subarray(0, n * PIXELS), labels: digits.train.labels.slice(0, n), count: n };
  test = { images: digits.test.images.subarray(0, 1000 * PIXELS), labels: digits.test.labels.slice(0, 1000) };
});

const sha256 = async (params: Parameters<typeof paramsFiles>[0]) => createHash('sha256').update((await paramsFiles(params)).weights).digest('hex');

/** A run stopped after `k` epochs: its checkpoint as a browser store would give it back (structured clone). */
async function stoppedAfter(k: number): Promise<RunCheckpoint> {
  let kept: RunCheckpoint | undefined;
  await trainRun({ ...SETTINGS, epochs: k }, set, test, nodeKernels, { onEpoch: (_r, _w, checkpoint) => void (kept = structuredClone(checkpoint())) });
  if (!kept) throw new Error('no epoch ran');
  return kept;
}

describe('a resumed run', () => {
  it('ends with the weights, SHA-256 and history of an uninterrupted run, whichever epoch it stopped after', async () => {
    const straight = await trainRun(SETTINGS, set, test, nodeKernels);
    const straightSha = await sha256(straight.params);
    for (const k of [1, 3]) {
      const checkpoint = await stoppedAfter(k);
      expect(checkpoint.trainer.epoch).toBe(k);
      expect(checkpoint.trainer.adamSteps).toBe(k * 100);
      const epochsRun: number[] = [];
      const resumed = await trainRun(SETTINGS, set, test, nodeKernels, { onEpoch: (r) => void epochsRun.push(r.epoch) }, checkpoint);
      expect(epochsRun).toEqual(Array.from({ length: SETTINGS.epochs - k }, (_, i) => k + 1 + i));
      expect(await sha256(resumed.params)).toBe(straightSha);
      const metrics = (h: typeof straight.history) => h.map((e) => [e.epoch, e.loss, e.accuracy, e.testLoss, e.testAccuracy]);
      expect(metrics(resumed.history)).toEqual(metrics(straight.history));
    }
  });

  it('differs from the uninterrupted run when the optimizer state is dropped (the checkpoint needs it)', async () => {
    const straight = await trainRun(SETTINGS, set, test, nodeKernels);
    const checkpoint = await stoppedAfter(2);
    const zeroed = structuredClone(checkpoint);
    for (const moments of [zeroed.trainer.m, zeroed.trainer.v]) for (const k of ['w1', 'b1', 'w2', 'b2'] as const) moments[k].fill(0);
    const resumed = await trainRun(SETTINGS, set, test, nodeKernels, {}, zeroed);
    expect(await sha256(resumed.params)).not.toBe(await sha256(straight.params));
  });

  it('refuses a checkpoint of another network or with a damaged part, naming what is wrong', async () => {
    const checkpoint = await stoppedAfter(1);
    await expect(trainRun({ ...SETTINGS, units: 21 }, set, test, nodeKernels, {}, checkpoint)).rejects.toThrow(/784-20-10 network, the run is 784-21-10/);
    const damaged = structuredClone(checkpoint);
    damaged.trainer.v.w2 = damaged.trainer.v.w2.subarray(1);
    await expect(trainRun(SETTINGS, set, test, nodeKernels, {}, damaged)).rejects.toThrow(/second moments' w2 should be 200 float32 values/);
  });
});
