/**
 * `npm run bench`: one epoch of 60,000 digits with tfjs-layers' stock `fit` and with the project's
 * trainer, same backend, same process, interleaved (this host's speed drifts, so only ratios measured
 * side by side mean anything). Prints the median s/epoch of each over `--reps` repetitions and their
 * ratio; `--json` adds one machine-readable line at the end. A benchmark, never a test.
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { loadDataset } from './data/datasets.ts';
import { compileLikeKeras, copyParams, createMlp, readParams } from './model/mlp.ts';
import { toFloatImages } from './pipeline/images.ts';
import { FastTrainer } from './train/fast-trainer.ts';
import { evaluate } from './train/inference.ts';
import { stockEpoch } from './train/stock-trainer.ts';
import { initBackend } from './tf/backend.ts';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    reps: { type: 'string', default: '3' },
    units: { type: 'string', default: '128,300' },
    // Trains 784-128-10 for N epochs both ways from the same initial weights and batch order and
    // compares test accuracy: the "nothing changes but speed" check at full scale.
    equivalence: { type: 'string' },
    'equivalence-seeds': { type: 'string', default: '2' },
  },
});
const reps = Number(values.reps);
const sizes = (values.units ?? '128,300').split(',').map(Number);
if (!Number.isInteger(reps) || reps < 1 || sizes.some((u) => !Number.isInteger(u) || u < 1)) {
  throw new Error('--reps takes a whole number >= 1 and --units a comma-separated list of layer widths, e.g. --units 128,300.');
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const backend = await initBackend();
const data = await loadDataset('digits');
const set = { images: toFloatImages(data.train.images, data.train.count), labels: data.train.labels, count: data.train.count };
console.log(`backend ${backend.name}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${set.count} images, batch 32, ${reps} repetitions`);

const results = [];
for (const units of sizes) {
  const stock: number[] = [];
  const fast: number[] = [];
  for (let rep = 0; rep < reps; rep++) {
    const model = createMlp({ units, seed: rep });
    const initial = copyParams(readParams(model));
    compileLikeKeras(model);
    stock.push((await stockEpoch(model, set)).seconds);
    model.dispose();
    fast.push((await FastTrainer.create(initial, rep)).trainEpoch(set).seconds);
    console.log(`  784-${units}-10 rep ${rep + 1}: stock fit ${stock[rep].toFixed(2)} s/epoch, fast ${fast[rep].toFixed(2)} s/epoch`);
  }
  const row = { units, stock_s_per_epoch: median(stock), fast_s_per_epoch: median(fast), ratio: median(stock) / median(fast) };
  results.push(row);
  console.log(`784-${units}-10: stock ${row.stock_s_per_epoch.toFixed(2)} s/epoch, fast ${row.fast_s_per_epoch.toFixed(2)} s/epoch, ${row.ratio.toFixed(2)}x faster (medians)`);
}
const equivalence = [];
if (values.equivalence !== undefined) {
  const epochs = Number(values.equivalence);
  const test = await loadDataset('digits');
  const testImages = toFloatImages(test.test.images, test.test.count);
  const seeds = Number(values['equivalence-seeds']);
  for (let seed = 0; seed < seeds; seed++) {
    const model = createMlp({ units: 128, seed });
    const initial = copyParams(readParams(model));
    compileLikeKeras(model);
    const trainer = await FastTrainer.create(initial, seed);
    for (let epoch = 1; epoch <= epochs; epoch++) {
      await stockEpoch(model, set, { seed, epoch });
      trainer.trainEpoch(set);
    }
    const stockAcc = evaluate(readParams(model), testImages, test.test.labels).accuracy;
    const fastAcc = evaluate(trainer.params, testImages, test.test.labels).accuracy;
    model.dispose();
    equivalence.push({ units: 128, seed, epochs, stock_test_accuracy: stockAcc, fast_test_accuracy: fastAcc, difference_pp: (fastAcc - stockAcc) * 100 });
    console.log(`784-128-10 seed ${seed}, ${epochs} epochs, same initial weights and batch order: test accuracy stock ${(stockAcc * 100).toFixed(2)} %, fast ${(fastAcc * 100).toFixed(2)} % (${((fastAcc - stockAcc) * 100).toFixed(2)} pp)`);
  }
}
if (equivalence.length > 1) {
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const stockMean = mean(equivalence.map((e) => e.stock_test_accuracy));
  const fastMean = mean(equivalence.map((e) => e.fast_test_accuracy));
  console.log(`mean over ${equivalence.length} seeds: stock ${(stockMean * 100).toFixed(2)} %, fast ${(fastMean * 100).toFixed(2)} % (${((fastMean - stockMean) * 100).toFixed(2)} pp)`);
}
if (values.json) console.log(JSON.stringify({ cores: cpus().length, backend: backend.name, results, ...(equivalence.length ? { equivalence } : {}) }));
