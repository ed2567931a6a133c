/**
 * "Nothing changes but speed", at full scale: 784-128-10 trained for N epochs by stock `fit` and by the
 * fast trainer from the same initial weights and batch order, then their test accuracies compared.
 * Two float32 trainings that differ only in rounding drift apart over thousands of steps, so each seed
 * also gets a control: stock `fit` again on pixels computed as p × (1/255) instead of p / 255, which
 * moves some inputs by one ulp on every step, as the fast trainer's different summation orders do.
 * The fast trainer's differences should be of the control's size.
 */
import { BATCH_SIZE, compileForFit, copyParams, createMlp, readParams, writeParams, type MlpParams } from '../model/mlp.ts';
import { FastTrainer } from '../train/fast-trainer.ts';
import { evaluate } from '../train/inference.ts';
import { stockEpoch } from '../train/stock-trainer.ts';
import type { TrainingSet } from '../train/trainer.ts';

export interface EquivalenceRow {
  units: number;
  seed: number;
  epochs: number;
  stock_test_accuracy: number;
  fast_test_accuracy: number;
  /** Stock `fit` on the re-rounded pixels. */
  control_test_accuracy: number;
  difference_pp: number;
  control_difference_pp: number;
}

const UNITS = 128;

/** The same pixels rounded differently: in float32, p × (1/255) is one ulp off p / 255 for 126 of 256 p. */
function reroundedPixels(set: TrainingSet): TrainingSet {
  const inv = Math.fround(1 / 255);
  return { ...set, images: set.images.map((v) => Math.fround(Math.round(v * 255) * inv)) };
}

async function stockRun(initial: MlpParams, seed: number, epochs: number, set: TrainingSet): Promise<MlpParams> {
  const model = createMlp({ units: UNITS, seed }, 'linear');
  writeParams(model, initial);
  compileForFit(model);
  for (let epoch = 1; epoch <= epochs; epoch++) await stockEpoch(model, set, { seed, epoch });
  const params = readParams(model);
  model.dispose();
  return params;
}

export async function compareWithStock(
  set: TrainingSet,
  test: { images: Float32Array; labels: Uint8Array },
  seeds: number[],
  epochs: number,
  log: (line: string) => void,
): Promise<EquivalenceRow[]> {
  const pct = (a: number) => `${(a * 100).toFixed(2)} %`;
  const pp = (d: number) => `${d >= 0 ? '+' : ''}${d.toFixed(2)} pp`;
  const rows: EquivalenceRow[] = [];
  const rerounded = reroundedPixels(set);
  let changed = 0;
  for (let i = 0; i < set.images.length; i++) if (rerounded.images[i] !== set.images[i]) changed++;
  log(`control: ${changed} of ${set.images.length} pixel values differ by rounding alone (${((100 * changed) / set.images.length).toFixed(2)} %)`);
  for (const seed of seeds) {
    const initial = copyParams(readParams(createMlp({ units: UNITS, seed })));
    const accuracy = (p: MlpParams) => evaluate(p, test.images, test.labels).accuracy;
    const stock = accuracy(await stockRun(initial, seed, epochs, set));
    const control = accuracy(await stockRun(initial, seed, epochs, rerounded));
    const trainer = await FastTrainer.create(initial, seed, BATCH_SIZE);
    for (let epoch = 1; epoch <= epochs; epoch++) trainer.trainEpoch(set);
    const fast = accuracy(trainer.params);
    trainer.dispose();
    const row = {
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
    log(`784-${UNITS}-10 seed ${seed}, ${epochs} epochs: test accuracy stock ${pct(stock)}, fast ${pct(fast)} (${pp(row.difference_pp)}); control, stock on re-rounded pixels: ${pct(control)} (${pp(row.control_difference_pp)})`);
  }
  if (rows.length > 1) {
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const meanAbs = (xs: number[]) => mean(xs.map(Math.abs));
    log(
      `mean over ${rows.length} seeds: stock ${pct(mean(rows.map((r) => r.stock_test_accuracy)))}, fast ${pct(mean(rows.map((r) => r.fast_test_accuracy)))}, control ${pct(mean(rows.map((r) => r.control_test_accuracy)))}; ` +
        `mean |difference| fast ${meanAbs(rows.map((r) => r.difference_pp)).toFixed(2)} pp, control ${meanAbs(rows.map((r) => r.control_difference_pp)).toFixed(2)} pp`,
    );
  }
  return rows;
}
