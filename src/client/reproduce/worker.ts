/**
 * A reproduce worker: trains published models with the trainer that made them (trainer/run.ts on
 * tfjs's wasm backend), one at a time, resuming each from its last checkpoint in the store and writing a
 * new one after every epoch, so a stop, a closed tab or a reload loses at most the epoch under way. A
 * finished model goes into the store with its SHA-256 and run.json's measures (trainer/run-record.ts).
 * The dataset of the last job stays loaded for the next one; test sets of other datasets are kept too.
 */
import { ready, setBackend } from '@tensorflow/tfjs-core';
import '../tf-wasm.ts';
import adamWasm from '../../../trainer/adam.wat';
import outputLayerWasm from '../../../trainer/output-layer.wat';
import { paramsFiles } from '../../../trainer/artifacts.ts';
import type { KernelBinaries } from '../../../trainer/kernels.ts';
import { PIXELS } from '../../../core/network.ts';
import { sha256Hex } from '../../../core/sha256.ts';
import { runMeasures } from '../../../trainer/run-record.ts';
import { trainRun } from '../../../trainer/run.ts';
import type { DatasetId } from '../../../schema/results.ts';
import { loadBrowserDataset, loadBrowserTestSet, type BrowserDataset, type BrowserSplit } from '../train/data.ts';
import type { DataFileRef } from '../train/messages.ts';
import type { TestSet } from '../../../core/analysis/inputs.ts';
import { datasetEntry } from '../../../core/datasets.ts';
import { parseStudy, sectionOf, type StudySpec } from '../../../schema/study.ts';
import { toFloatImages } from '../../../trainer/images.ts';
import type { AnalysisRequest, FromReproWorker, ReproJob, ToReproWorker } from './messages.ts';
import { StoredModelInputs } from './stored-inputs.ts';
import { getCheckpoint, getModel, putCheckpoint, putModel, type StoredModel } from './store.ts';

const KERNELS: KernelBinaries = { 'adam.wat': adamWasm, 'output-layer.wat': outputLayerWasm };

const post = (msg: FromReproWorker) => self.postMessage(msg);

let backend: Promise<void> | null = null;
let loaded: { id: DatasetId; data: Promise<BrowserDataset> } | null = null;
const testSets = new Map<DatasetId, Promise<BrowserSplit>>();

function startBackend(): Promise<void> {
  backend ??= (async () => {
    if (!(await setBackend('wasm'))) throw new Error('TensorFlow.js could not start its WebAssembly backend in this browser.');
    await ready();
  })();
  return backend;
}

/** The dataset, loaded once per worker; a job on another dataset replaces it (one training set in memory). */
function dataset(id: DatasetId, files: DataFileRef[], onProgress: (loaded: number, total: number) => void): Promise<BrowserDataset> {
  if (loaded?.id !== id) {
    const data = loadBrowserDataset(id, files, onProgress);
    loaded = { id, data };
    testSets.set(id, data.then((d) => d.test));
    data.catch(() => (loaded = null));
  }
  return loaded.data;
}

function testSet(id: DatasetId, files: DataFileRef[], onProgress: (loaded: number, total: number) => void): Promise<BrowserSplit> {
  let t = testSets.get(id);
  if (!t) {
    t = loadBrowserTestSet(id, files, onProgress);
    testSets.set(id, t);
    t.catch(() => testSets.delete(id));
  }
  return t;
}

async function train(job: ReproJob): Promise<void> {
  const { key, settings } = job;
  const kept = await getModel(key);
  if (kept) return post({ type: 'done', key, sha256: kept.sha256, seconds: kept.seconds });
  post({ type: 'phase', key, text: 'Starting TensorFlow.js on WebAssembly…' });
  await startBackend();
  const onProgress = (l: number, total: number) => post({ type: 'download', key, loaded: l, total });
  const data = await dataset(settings.dataset, job.files, onProgress);
  const otherTest = job.other ? await testSet(job.other.dataset, job.other.files, onProgress) : undefined;
  const count = Math.min(settings.trainCount, data.train.count);
  const trainSet = { images: data.train.images.subarray(0, count * PIXELS), labels: data.train.labels.subarray(0, count), count };
  const stored = await getCheckpoint(key);
  if (stored) post({ type: 'resumed', key, epochs: stored.run.history.length });
  const result = await trainRun(
    settings,
    trainSet,
    data.test,
    async () => KERNELS,
    {
      onBatch: (progress) => post({ type: 'batch', key, progress }),
      onEpoch: async (r, _weights, checkpoint) => {
        // Written before the epoch is reported, so what the page shows as done is always resumable.
        await putCheckpoint({ key, settings, run: checkpoint(), savedAt: new Date().toISOString() });
        post({ type: 'epoch', key, result: r });
      },
    },
    stored?.run,
  );
  post({ type: 'phase', key, text: 'Scoring the model on the training set and the other test set…' });
  const files = await paramsFiles(result.params);
  const measures = runMeasures(result.params, result.history, trainSet, otherTest);
  const sha256 = await sha256Hex(files.weights);
  const seconds = result.history.reduce((a, e) => a + e.seconds, 0);
  await putModel({
    key,
    settings,
    trainerVersion: job.trainerVersion,
    trainer: result.trainer,
    modelJson: files.modelJson,
    weights: files.weights.slice().buffer,
    sha256,
    measures,
    seconds,
    savedAt: new Date().toISOString(),
  });
  post({ type: 'done', key, sha256, seconds });
}

/** Each kind's numeric analysis, the build's own (core/analysis/<kind>.ts), loaded when a section needs it. */
const KINDS = import.meta.glob<{ compute(inputs: StoredModelInputs, section: unknown): Promise<Record<string, unknown>> }>('../../../core/analysis/*.ts');
const studies = new Map<string, Promise<StudySpec>>();
const floatTests = new Map<DatasetId, Promise<TestSet>>();

async function analyse(req: AnalysisRequest): Promise<void> {
  const started = performance.now();
  await startBackend();
  let study = studies.get(req.studyUrl);
  if (!study) {
    study = fetch(req.studyUrl).then(async (r) => {
      if (!r.ok) throw new Error(`The study declaration ${req.studyUrl} could not be downloaded (HTTP ${r.status}).`);
      return parseStudy(await r.json(), req.studyUrl);
    });
    studies.set(req.studyUrl, study);
  }
  const spec = await study;
  const section = sectionOf(spec, req.section);
  const tests = new Map<DatasetId, TestSet>();
  for (const { id } of spec.datasets) {
    const files = req.datasets[id];
    if (!files) continue;
    let t = floatTests.get(id);
    if (!t) {
      t = testSet(id, files, () => {}).then((raw) => ({ images: toFloatImages(raw.images, raw.count), labels: raw.labels, count: raw.count, classNames: datasetEntry(id, spec).classNames }));
      floatTests.set(id, t);
    }
    tests.set(id, await t);
  }
  const models = new Map<string, StoredModel[]>();
  for (const { model, keys } of req.models) {
    const kept = await Promise.all(keys.map((k) => getModel(k)));
    if (kept.some((m) => !m)) throw new Error(`A reproduced model of ${model} is missing from this browser's store (forgotten meanwhile?); reproduce the section again.`);
    models.set(model, kept as StoredModel[]);
  }
  const load = KINDS[`../../../core/analysis/${section.kind}.ts`];
  if (!load) throw new Error(`This site has no analysis for sections of kind "${section.kind}".`);
  const out = await (await load()).compute(new StoredModelInputs(spec, tests, models, req.randomPairs), section);
  // Kind "training" also says which images its montages show; the figures are the rest.
  const figures = 'kind' in out ? out : (out.figures as Record<string, unknown>);
  post({ type: 'figures', key: req.id, figures, seconds: (performance.now() - started) / 1000 });
}

self.onmessage = (e: MessageEvent<ToReproWorker>) => {
  const { key, task } = e.data.type === 'train' ? { key: e.data.job.key, task: train(e.data.job) } : { key: e.data.request.id, task: analyse(e.data.request) };
  task.catch((err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    post({ type: 'error', key, message: /memory|allocation|RangeError/i.test(message) ? `The browser ran out of memory for this run (${message}). Use fewer parallel workers or close other tabs.` : message });
  });
};
