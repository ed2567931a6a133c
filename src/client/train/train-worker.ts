/**
 * The training worker: the same trainer as `npm run train` (trainer/run.ts on tfjs's wasm backend, the
 * kernels assembled from the same .wat at build time), fed by the site's copy of the data. One run per
 * worker; progress is posted from inside the synchronous epoch loop, so the page stays responsive, and
 * every epoch's weights are posted too, so a stopped run keeps its last complete epoch. The images stay
 * bytes (the trainer scales each batch): 55 MB for digits, where floats would take 220 MB more.
 */
import { ready, setBackend } from '@tensorflow/tfjs-core';
import '../tf-wasm.ts';
import adamWasm from '../../../trainer/adam.wat';
import outputLayerWasm from '../../../trainer/output-layer.wat';
import { paramsFiles, type LayersFiles } from '../../../trainer/artifacts.ts';
import { PIXELS } from '../../../core/network.ts';
import type { KernelBinaries } from '../../../trainer/kernels.ts';
import { trainRun } from '../../../trainer/run.ts';
import { loadBrowserDataset } from './data.ts';
import { sha256Hex } from '../../../core/sha256.ts';
import type { FromWorker, ToWorker } from './messages.ts';

const KERNELS: KernelBinaries = { 'adam.wat': adamWasm, 'output-layer.wat': outputLayerWasm };

const post = (msg: FromWorker, transfer: Transferable[] = []) => self.postMessage(msg, { transfer });

async function run({ settings, files }: Extract<ToWorker, { type: 'start' }>): Promise<void> {
  post({ type: 'phase', text: 'Starting TensorFlow.js on WebAssembly…' });
  if (!(await setBackend('wasm'))) throw new Error('TensorFlow.js could not start its WebAssembly backend in this browser.');
  await ready();
  const data = await loadBrowserDataset(settings.dataset, files, (loaded, total) => post({ type: 'download', dataset: settings.dataset, loaded, total }));
  const count = Math.min(settings.trainCount, data.train.count);
  const train = { images: data.train.images.subarray(0, count * PIXELS), labels: data.train.labels.subarray(0, count), count };
  const started = performance.now();
  // The latest epoch's files: after the last epoch they are the run's result.
  let saved: LayersFiles | undefined;
  // The trainer reports every 50 steps: ~20 messages a second at 784-128-10; the page draws at most a few.
  const result = await trainRun(settings, train, data.test, async () => KERNELS, {
    onBatch: (progress) => post({ type: 'batch', progress }),
    onEpoch: async (r, weights) => {
      saved = await paramsFiles(weights());
      const bytes = saved.weights.slice().buffer;
      post({ type: 'epoch', result: r, modelJson: saved.modelJson, weights: bytes }, [bytes]);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  if (!saved) throw new Error('The run ended without an epoch (a run has at least one).');
  const last = result.history[result.history.length - 1];
  const weights = saved.weights.slice().buffer;
  post(
    { type: 'done', modelJson: saved.modelJson, weights, sha256: await sha256Hex(saved.weights), trainer: result.trainer, testAccuracy: last.testAccuracy, testLoss: last.testLoss, seconds },
    [weights],
  );
}

self.onmessage = (e: MessageEvent<ToWorker>) => {
  if (e.data.type !== 'start') return;
  run(e.data).catch((err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    post({ type: 'error', message: /memory|allocation|RangeError/i.test(message) ? `The browser ran out of memory for this run (${message}). Try fewer hidden units or training images, or close other tabs.` : message });
  });
};
