/**
 * `npm run bench`: one epoch of 60,000 digits with tfjs-layers' stock `fit` and with the project's
 * trainer, same backend, same process, interleaved (this host's speed drifts, so only ratios measured
 * side by side mean anything). Prints the median s/epoch of each over `--reps` repetitions and their
 * ratio; `--json` adds one machine-readable line at the end. A benchmark, never a test.
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { loadDataset } from './data/datasets.ts';
import { compileForFit, copyParams, createMlp, readParams } from '../trainer/mlp.ts';
import { FastTrainer } from '../trainer/fast-trainer.ts';
import { compareWithStock } from './bench/equivalence.ts';
import { stockEpoch } from '../trainer/stock-trainer.ts';
import { initBackend } from './tf/backend.ts';
import { nodeKernels } from './tf/kernels.ts';
import { median } from '../core/stats.ts';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    reps: { type: 'string', default: '3' },
    units: { type: 'string', default: '128,300' },
    // Trains 784-128-10 for N epochs both ways from the same initial weights and batch order and
    // compares test accuracy: the "nothing changes but speed" check at full scale.
    equivalence: { type: 'string' },
    // A count (seeds 0..n-1) or a comma-separated list, e.g. 3,4 to split the check across processes.
    'equivalence-seeds': { type: 'string', default: '2' },
  },
});
const reps = Number(values.reps);
const sizes = (values.units ?? '128,300').split(',').map(Number);
if (!Number.isInteger(reps) || reps < 0 || sizes.some((u) => !Number.isInteger(u) || u < 1)) {
  throw new Error('--reps takes a whole number (0 skips the speed runs) and --units a comma-separated list of layer widths, e.g. --units 128,300.');
}

const seedsArg = values['equivalence-seeds'] ?? '2';
const equivalenceSeeds = seedsArg.includes(',') ? seedsArg.split(',').map(Number) : Array.from({ length: Number(seedsArg) }, (_, i) => i);
if (equivalenceSeeds.some((s) => !Number.isInteger(s) || s < 0) || (values.equivalence !== undefined && !(Number(values.equivalence) >= 1))) {
  throw new Error('--equivalence takes a number of epochs >= 1 and --equivalence-seeds a count or a comma-separated list of seeds, e.g. --equivalence 10 --equivalence-seeds 5.');
}

const backend = await initBackend();
const data = await loadDataset('digits');
const set = { images: data.train.images, labels: data.train.labels, count: data.train.count };
console.log(`backend ${backend.name}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${set.count} images, batch 32, ${reps} repetitions`);

const results = [];
for (const units of reps > 0 ? sizes : []) {
  const stock: number[] = [];
  const fast: number[] = [];
  for (let rep = 0; rep < reps; rep++) {
    const model = createMlp({ units, seed: rep }, 'linear');
    const initial = copyParams(readParams(model));
    compileForFit(model);
    stock.push((await stockEpoch(model, set)).seconds);
    model.dispose();
    const trainer = await FastTrainer.create(initial, rep, await nodeKernels());
    fast.push(trainer.trainEpoch(set).seconds);
    trainer.dispose();
    console.log(`  784-${units}-10 rep ${rep + 1}: stock fit ${stock[rep].toFixed(2)} s/epoch, fast ${fast[rep].toFixed(2)} s/epoch`);
  }
  const row = { units, stock_s_per_epoch: median(stock), fast_s_per_epoch: median(fast), ratio: median(stock) / median(fast) };
  results.push(row);
  console.log(`784-${units}-10: stock ${row.stock_s_per_epoch.toFixed(2)} s/epoch, fast ${row.fast_s_per_epoch.toFixed(2)} s/epoch, ${row.ratio.toFixed(2)}x faster (medians)`);
}
const equivalence =
  values.equivalence === undefined
    ? []
    : await compareWithStock(set, { images: data.test.images, labels: data.test.labels }, equivalenceSeeds, Number(values.equivalence), console.log);
if (values.json) console.log(JSON.stringify({ cores: cpus().length, backend: backend.name, results, ...(equivalence.length ? { equivalence } : {}) }));
