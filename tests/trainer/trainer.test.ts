import { beforeAll, describe, expect, it } from 'vitest';
import { loadDataset } from '../../training/data/datasets.ts';
import { createMlp, readParams } from '../../trainer/mlp.ts';
import { PIXELS } from '../../core/network.ts';
import { initBackend } from '../../training/tf/backend.ts';
import { leanTrainerName } from '../../trainer/fast-trainer.ts';
import { StockTrainer } from '../../trainer/stock-trainer.ts';
import { createTrainer, type TrainingSet } from '../../trainer/trainer.ts';
import { WasmHeap } from '../../trainer/wasm-heap.ts';
import { nodeKernels } from '../../training/tf/kernels.ts';

let set: TrainingSet;

beforeAll(async () => {
  // Any backend but wasm takes the path tfjs-node takes (tests/training/tensorflow/ runs tfjs-node itself).
  await initBackend('cpu');
  const digits = await loadDataset('digits');
  const n = 640;
  set = { images: digits.train.images.subarray(0, n * PIXELS), labels: digits.train.labels.slice(0, n), count: n };
});

describe('createTrainer off the wasm backend', () => {
  it('trains with the lean loop (products on the backend), reproducibly for one seed, with progress', async () => {
    const run = async () => {
      const trainer = await createTrainer(readParams(createMlp({ units: 16, seed: 2 })), 2, nodeKernels);
      const steps: number[] = [];
      const first = await trainer.trainEpoch(set, (p) => steps.push(p.step));
      const stats = await trainer.trainEpoch(set);
      const w1 = trainer.params.w1;
      trainer.dispose();
      return { name: trainer.name, first, stats, w1, steps };
    };
    const a = await run();
    const b = await run();
    expect(a.name).toBe(leanTrainerName('cpu'));
    expect(a.steps).toEqual([20]);
    expect(a.stats.epoch).toBe(2);
    expect(a.stats.accuracy).toBeGreaterThan(a.first.accuracy + 0.1);
    expect(Buffer.from(a.w1.buffer).equals(Buffer.from(b.w1.buffer))).toBe(true);
  });

  it("reports stock fit's epoch accuracy as a ratio of counts, not fit's float32 mean", async () => {
    const trainer = await StockTrainer.create(readParams(createMlp({ units: 16, seed: 3 })), 3);
    const stats = await trainer.trainEpoch(set);
    trainer.dispose();
    // A float32 mean such as 0.62450003 is no count divided by the set's size.
    expect(Math.round(stats.accuracy * set.count) / set.count).toBe(stats.accuracy);
    expect(stats.accuracy).toBeGreaterThan(0.3);
  });

  it('refuses the fast trainer with a message that says which backend it needs', () => {
    expect(() => WasmHeap.ofActiveBackend()).toThrow(/runs on tfjs's wasm backend, but the active backend is 'cpu'/);
  });
});
