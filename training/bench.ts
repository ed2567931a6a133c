/**
 * `npm run bench`: one epoch of 60,000 digits with every trainer this machine can load, tfjs-layers'
 * stock `fit` and the project's trainer on each backend (wasm; tensorflow when tfjs-node is installed),
 * in one process, interleaved (this host's speed drifts, so only ratios measured side by side mean
 * anything). Prints median s/epoch, the ratio to the project's trainer on wasm (the default), and what
 * a step costs (kernel calls × dispatch), and says which backends could not start and why. `--json`
 * adds one machine-readable line at the end. A benchmark, never a test.
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { loadDataset } from './data/datasets.ts';
import { compileForFit, copyParams, createMlp, readParams } from '../trainer/mlp.ts';
import { BATCH_SIZE, PIXELS } from '../core/network.ts';
import { FastTrainer } from '../trainer/fast-trainer.ts';
import { compareWithStock } from './bench/equivalence.ts';
import { dispatchMicros, stepCost, type StepCost } from './bench/step-cost.ts';
import { stockEpoch } from '../trainer/stock-trainer.ts';
import type { TrainingSet } from '../trainer/trainer.ts';
import { backendUnavailable } from './tf/backend.ts';
import { BACKENDS, isBackendName, type BackendName } from './tf/backend-name.ts';
import { nodeKernels } from './tf/kernels.ts';
import { median } from '../core/stats.ts';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    reps: { type: 'string', default: '3' },
    units: { type: 'string', default: '128,300' },
    // cpu is left out by default: stock fit takes minutes per epoch there.
    backends: { type: 'string', default: 'wasm,tensorflow' },
    // Fewer training images, for a quick check (CI).
    images: { type: 'string', default: '60000' },
    // Trains 784-128-10 for N epochs both ways from the same initial weights and batch order and
    // compares test accuracy, on every backend: the "nothing changes but speed" check.
    equivalence: { type: 'string' },
    // A count (seeds 0..n-1) or a comma-separated list, e.g. 3,4 to split the check across processes.
    'equivalence-seeds': { type: 'string', default: '2' },
  },
});
const reps = Number(values.reps);
const images = Number(values.images);
const sizes = (values.units ?? '128,300').split(',').map(Number);
const wanted = (values.backends ?? '').split(',');
if (!Number.isInteger(reps) || reps < 0 || sizes.some((u) => !Number.isInteger(u) || u < 1) || !(Number.isInteger(images) && images >= 2 * BATCH_SIZE)) {
  throw new Error(`--reps takes a whole number (0 skips the speed runs), --units a comma-separated list of layer widths (e.g. 128,300), --images a count of at least ${2 * BATCH_SIZE}.`);
}
if (!wanted.every(isBackendName)) throw new Error(`--backends ${values.backends}: a comma-separated list of ${BACKENDS.join(', ')}.`);

const seedsArg = values['equivalence-seeds'] ?? '2';
const equivalenceSeeds = seedsArg.includes(',') ? seedsArg.split(',').map(Number) : Array.from({ length: Number(seedsArg) }, (_, i) => i);
if (equivalenceSeeds.some((s) => !Number.isInteger(s) || s < 0) || (values.equivalence !== undefined && !(Number(values.equivalence) >= 1))) {
  throw new Error('--equivalence takes a number of epochs >= 1 and --equivalence-seeds a count or a comma-separated list of seeds, e.g. --equivalence 10 --equivalence-seeds 5.');
}

const backends: BackendName[] = [];
const unavailable: { backend: BackendName; reason: string }[] = [];
for (const backend of wanted as BackendName[]) {
  const reason = await backendUnavailable(backend);
  if (reason === null) backends.push(backend);
  else unavailable.push({ backend, reason });
}
for (const { backend, reason } of unavailable) console.log(`${backend}: not measured, ${reason}.`);
if (backends.length === 0) throw new Error(`None of the backends ${wanted.join(', ')} could start.`);

const data = await loadDataset('digits');
const count = Math.min(images, data.train.count);
const set: TrainingSet = { images: data.train.images.subarray(0, count * PIXELS), labels: data.train.labels.subarray(0, count), count };
console.log(`backends ${backends.join(', ')}; ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${set.count} images, batch ${BATCH_SIZE}, ${reps} repetitions, interleaved`);

interface Contender {
  backend: BackendName;
  trainer: 'stock fit' | 'project';
  /** One epoch over `rows` from fresh weights of (units, seed); its seconds. */
  epoch(units: number, seed: number, rows: TrainingSet): Promise<number>;
}

const contenders: Contender[] = backends.flatMap((backend): Contender[] => [
  {
    backend,
    trainer: 'stock fit',
    async epoch(units, seed, rows) {
      await tf.setBackend(backend);
      const model = createMlp({ units, seed }, 'linear');
      compileForFit(model);
      const seconds = (await stockEpoch(model, rows)).seconds;
      model.dispose();
      return seconds;
    },
  },
  {
    backend,
    trainer: 'project',
    async epoch(units, seed, rows) {
      await tf.setBackend(backend);
      const model = createMlp({ units, seed }, 'linear');
      const trainer = await FastTrainer.create(copyParams(readParams(model)), seed, await nodeKernels());
      model.dispose();
      const seconds = trainer.trainEpoch(rows).seconds;
      trainer.dispose();
      return seconds;
    },
  },
]);
const label = (c: Contender) => `${c.backend} ${c.trainer === 'project' ? (c.backend === 'wasm' ? 'fast' : 'lean') : 'stock fit'}`;

const dispatch = new Map<BackendName, number>();
for (const backend of backends) {
  await tf.setBackend(backend);
  dispatch.set(backend, dispatchMicros());
}
const costs = new Map<Contender, StepCost>();
for (const c of contenders) {
  await tf.setBackend(c.backend);
  costs.set(c, await stepCost(async (rows) => void (await c.epoch(sizes[0] ?? 128, 0, rows)), set, dispatch.get(c.backend) ?? NaN));
}

const results = [];
for (const units of reps > 0 ? sizes : []) {
  const seconds = new Map<Contender, number[]>(contenders.map((c) => [c, []]));
  for (let rep = 0; rep < reps; rep++) {
    const line = [];
    for (const c of contenders) {
      const s = await c.epoch(units, rep, set);
      seconds.get(c)?.push(s);
      line.push(`${label(c)} ${s.toFixed(2)}`);
    }
    console.log(`  784-${units}-10 rep ${rep + 1} (s/epoch): ${line.join(', ')}`);
  }
  const reference = contenders.find((c) => c.backend === 'wasm' && c.trainer === 'project');
  const refMedian = reference ? median(seconds.get(reference) ?? []) : undefined;
  const steps = Math.ceil(set.count / BATCH_SIZE);
  console.log(`784-${units}-10, medians of ${reps}:`);
  console.log(`  ${'trainer'.padEnd(20)} ${'s/epoch'.padStart(8)} ${'× wasm fast'.padStart(12)} ${'ms/step'.padStart(8)} ${'kernels/step'.padStart(13)} ${'µs/dispatch'.padStart(12)} ${'dispatch share'.padStart(15)}`);
  for (const c of contenders) {
    const s = median(seconds.get(c) ?? []);
    const cost = costs.get(c) as StepCost;
    const stepMs = (s / steps) * 1000;
    const share = (cost.kernels_per_step * cost.dispatch_us) / 1000 / stepMs;
    const row = { units, backend: c.backend, trainer: label(c), s_per_epoch: s, vs_wasm_fast: refMedian ? s / refMedian : null, ms_per_step: stepMs, ...cost, dispatch_share: share };
    results.push(row);
    const ratio = row.vs_wasm_fast === null ? '–' : `${row.vs_wasm_fast.toFixed(2)}×`;
    console.log(`  ${label(c).padEnd(20)} ${s.toFixed(2).padStart(8)} ${ratio.padStart(12)} ${stepMs.toFixed(2).padStart(8)} ${String(cost.kernels_per_step).padStart(13)} ${cost.dispatch_us.toFixed(1).padStart(12)} ${`${(share * 100).toFixed(0)} %`.padStart(15)}`);
  }
}

const equivalence = [];
if (values.equivalence !== undefined) {
  for (const backend of backends) {
    await tf.setBackend(backend);
    equivalence.push(...(await compareWithStock(set, { images: data.test.images, labels: data.test.labels }, equivalenceSeeds, Number(values.equivalence), console.log)));
  }
}
if (values.json) console.log(JSON.stringify({ cores: cpus().length, images: set.count, backends, unavailable, results, ...(equivalence.length ? { equivalence } : {}) }));
