import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../training/data/datasets.ts';
import { compileForFit, copyParams, createMlp, readParams } from '../../trainer/mlp.ts';
import { PIXELS } from '../../core/network.ts';
import { initBackend } from '../../training/tf/backend.ts';
import { FastTrainer } from '../../trainer/fast-trainer.ts';
import type { TrainingSet } from '../../trainer/trainer.ts';
import { evaluate } from '../../trainer/inference.ts';
import { stockEpoch } from '../../trainer/stock-trainer.ts';
import { nodeKernels } from '../../training/tf/kernels.ts';

let set: TrainingSet;
let test: { images: Uint8Array; labels: Uint8Array };

beforeAll(async () => {
  await initBackend('wasm');
  const digits = await loadDataset('digits');
  const n = 3000;
  set = { images: digits.train.images.subarray(0, n * PIXELS), labels: digits.train.labels.slice(0, n), count: n };
  test = { images: digits.test.images.subarray(0, 2000 * PIXELS), labels: digits.test.labels.slice(0, 2000) };
});

async function train(seed: number, units: number, epochs: number) {
  const trainer = await FastTrainer.create(readParams(createMlp({ units, seed })), seed, await nodeKernels());
  const stats = [];
  for (let e = 0; e < epochs; e++) stats.push(trainer.trainEpoch(set));
  return { params: trainer.params, stats };
}

describe('FastTrainer', () => {
  it('gives identical weights and metrics for the same seed, different ones for another seed', async () => {
    const a = await train(3, 32, 2);
    const b = await train(3, 32, 2);
    const c = await train(4, 32, 2);
    expect(Buffer.from(a.params.w1.buffer).equals(Buffer.from(b.params.w1.buffer))).toBe(true);
    expect(Buffer.from(a.params.w2.buffer).equals(Buffer.from(b.params.w2.buffer))).toBe(true);
    expect(a.stats.map((s) => [s.loss, s.accuracy])).toEqual(b.stats.map((s) => [s.loss, s.accuracy]));
    expect(Buffer.from(a.params.w1.buffer).equals(Buffer.from(c.params.w1.buffer))).toBe(false);
  });

  it('learns what stock fit learns from the same initial weights and batch order', async () => {
    const model = createMlp({ units: 64, seed: 1 }, 'linear');
    const initial = copyParams(readParams(model));
    compileForFit(model);
    const stock = await stockEpoch(model, set, { seed: 1, epoch: 1 });
    const stockAcc = evaluate(readParams(model), test.images, test.labels).accuracy;
    model.dispose();
    const trainer = await FastTrainer.create(initial, 1, await nodeKernels());
    const fast = trainer.trainEpoch(set);
    const fastAcc = evaluate(trainer.params, test.images, test.labels).accuracy;
    expect(Math.abs(fast.loss - stock.loss)).toBeLessThan(1e-3);
    expect(Math.abs(fast.accuracy - stock.accuracy)).toBeLessThan(2e-3);
    expect(Math.abs(fastAcc - stockAcc)).toBeLessThan(2e-3);
    expect(fastAcc).toBeGreaterThan(0.8);
  });
});
