/**
 * `npm run bench:browser [-- --engine chromium|firefox|webkit] [--reps N] [--site <dist>]`: one epoch of
 * 60,000 digits at 784-128-10 and 784-300-10 with the browser trainer (the "Train it yourself" worker,
 * headless Chromium by default) and with the Node trainer in this
 * process, interleaved (the host's speed drifts, so only side-by-side ratios mean anything). Prints the
 * median s/epoch of each and browser / Node. A benchmark, never a test.
 */
import { createMlp, readParams } from '../trainer/mlp.ts';
import { BATCH_SIZE } from '../core/network.ts';
import { FastTrainer } from '../trainer/fast-trainer.ts';
import { loadDataset } from '../training/data/datasets.ts';
import { initBackend } from '../training/tf/backend.ts';
import { nodeKernels } from '../training/tf/kernels.ts';
import { parseEngines } from './lib/browsers/engine.ts';
import { argValue, openHarness, runWidget } from './browser-run.ts';
import { median } from '../core/stats.ts';

const reps = Number(argValue(process.argv, '--reps')) || 2;
const [engine] = parseEngines(argValue(process.argv, '--engine'));

await initBackend('wasm');
const digits = await loadDataset('digits', { log: () => {} });
const set = { images: digits.train.images, labels: digits.train.labels, count: digits.train.count };
const h = await openHarness(engine, argValue(process.argv, '--site'));
if ('skipped' in h) throw new Error(h.skipped);
try {
  for (const units of [128, 300]) {
    const browser: number[] = [];
    const node: number[] = [];
    for (let rep = 0; rep < reps; rep++) {
      const r = await runWidget(h, `sections/2/?train.units=${units}&train.epochs=1&train.seed=${rep}`, 'own');
      if (r.state !== 'done') throw new Error(`the browser run failed: ${r.error}`);
      browser.push(Number(r.data.epochSeconds));
      const trainer = await FastTrainer.create(readParams(createMlp({ units, seed: rep })), rep, await nodeKernels(), BATCH_SIZE);
      node.push(trainer.trainEpoch(set).seconds);
      trainer.dispose();
      console.log(`  784-${units}-10 rep ${rep + 1}: browser ${browser[rep].toFixed(2)} s/epoch, node ${node[rep].toFixed(2)} s/epoch`);
    }
    const b = median(browser);
    const n = median(node);
    console.log(`784-${units}-10: ${engine} ${b.toFixed(2)} s/epoch, node ${n.toFixed(2)} s/epoch, browser/node ${(b / n).toFixed(2)}×`);
  }
} finally {
  await h.close();
}
