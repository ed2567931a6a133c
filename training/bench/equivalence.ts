/**
 * "Nothing changes but speed", at full scale: 784-128-10 trained for N epochs by stock `fit` and by the
 * project's trainer (fast on wasm, lean elsewhere) on the active backend, from the same initial weights
 * and batch order, then their test accuracies compared.
 * Float32 sums in a different order round differently, and Adam, which divides by √v, turns a
 * near-zero gradient's rounding into a step of the full learning rate, so two correct trainings drift
 * apart. Each seed therefore gets a control: stock `fit` again with the rows of every batch in reverse
 * order, mathematically the same gradient summed in another order. The project trainer's differences
 * should be of the control's size.
 */
import * as tf from '@tensorflow/tfjs-core';
import { copyParams, createMlp, readParams, type MlpParams } from '../../trainer/mlp.ts';
import { BATCH_SIZE, PIXELS } from '../../core/network.ts';
import { FastTrainer } from '../../trainer/fast-trainer.ts';
import { evaluate } from '../../trainer/inference.ts';
import { epochRng, permutation } from '../../core/rng.ts';
import { StockTrainer } from '../../trainer/stock-trainer.ts';
import type { TrainingSet } from '../../trainer/trainer.ts';
import { nodeKernels } from '../tf/kernels.ts';
import { pct } from '../../core/format.ts';
import { mean } from '../../core/stats.ts';

export interface EquivalenceRow {
  backend: string;
  units: number;
  seed: number;
  epochs: number;
  stock_test_accuracy: number;
  fast_test_accuracy: number;
  /** Stock `fit` with every batch's rows reversed. */
  control_test_accuracy: number;
  difference_pp: number;
  control_difference_pp: number;
}

const UNITS = 128;

/** The rows arranged so that `stockEpoch`'s seeded order for `epoch` yields every batch reversed. */
function batchReversed(set: TrainingSet, seed: number, epoch: number): TrainingSet {
  const order = permutation(set.count, epochRng(seed, epoch));
  const images = new Uint8Array(set.images.length);
  const labels = new Uint8Array(set.count);
  for (let i = 0; i < set.count; i++) {
    const start = i - (i % BATCH_SIZE);
    const end = Math.min(start + BATCH_SIZE, set.count);
    const src = order[start + end - 1 - i];
    images.set(set.images.subarray(src * PIXELS, (src + 1) * PIXELS), order[i] * PIXELS);
    labels[order[i]] = set.labels[src];
  }
  return { images, labels, count: set.count };
}

async function stockRun(initial: MlpParams, seed: number, epochs: number, set: TrainingSet, reverse = false): Promise<MlpParams> {
  const trainer = await StockTrainer.create(initial, seed);
  for (let epoch = 1; epoch <= epochs; epoch++) await trainer.trainEpoch(reverse ? batchReversed(set, seed, epoch) : set);
  const params = trainer.params;
  trainer.dispose();
  return params;
}

export async function compareWithStock(
  set: TrainingSet,
  test: { images: Uint8Array; labels: Uint8Array },
  seeds: number[],
  epochs: number,
  log: (line: string) => void,
): Promise<EquivalenceRow[]> {
  const pp = (d: number) => `${d >= 0 ? '+' : ''}${d.toFixed(2)} pp`;
  const rows: EquivalenceRow[] = [];
  for (const seed of seeds) {
    const initial = copyParams(readParams(createMlp({ units: UNITS, seed })));
    const accuracy = (p: MlpParams) => evaluate(p, test.images, test.labels).accuracy;
    const stock = accuracy(await stockRun(initial, seed, epochs, set));
    const control = accuracy(await stockRun(initial, seed, epochs, set, true));
    const trainer = await FastTrainer.create(initial, seed, await nodeKernels(), BATCH_SIZE);
    for (let epoch = 1; epoch <= epochs; epoch++) trainer.trainEpoch(set);
    const fast = accuracy(trainer.params);
    trainer.dispose();
    const row = {
      backend: tf.getBackend(),
      units: UNITS,
      seed,
      epochs,
      stock_test_accuracy: stock,
      fast_test_accuracy: fast,
      control_test_accuracy: control,
      difference_pp: (fast - stock) * 100,
      control_difference_pp: (control - stock) * 100,
    };
    rows.push(row);
    log(`${row.backend}, 784-${UNITS}-10 seed ${seed}, ${epochs} epochs: test accuracy stock ${pct(stock)}, project's trainer ${pct(fast)} (${pp(row.difference_pp)}); control, stock with batches reversed: ${pct(control)} (${pp(row.control_difference_pp)})`);
  }
  if (rows.length > 1) {
    const meanAbs = (xs: number[]) => mean(xs.map(Math.abs));
    log(
      `${tf.getBackend()}, mean over ${rows.length} seeds: stock ${pct(mean(rows.map((r) => r.stock_test_accuracy)))}, project's trainer ${pct(mean(rows.map((r) => r.fast_test_accuracy)))}, control ${pct(mean(rows.map((r) => r.control_test_accuracy)))}; ` +
        `mean |difference| project's trainer ${meanAbs(rows.map((r) => r.difference_pp)).toFixed(2)} pp, control ${meanAbs(rows.map((r) => r.control_difference_pp)).toFixed(2)} pp`,
    );
  }
  return rows;
}
