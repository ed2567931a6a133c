/**
 * <train-yourself>: re-trains the section's published model in the reader's browser with the trainer
 * that produced it (a Web Worker running trainer/), or a run of the reader's own settings. Server values
 * arrive as one JSON data-config (src/components/widgets/TrainYourself.astro). Nothing heavy loads until
 * a run starts; a stop terminates the worker, the next run starts a fresh one.
 */
import type { DatasetId, EpochRecord } from '../../../schema/results.ts';
import type { EpochResult } from '../../../trainer/run.ts';
import type { DataFileRef, FromWorker, RunDone } from '../train/messages.ts';
import { LIMITS, parseField, readSettings, sameSettings, writeSettings, type RunConfig } from '../train/settings.ts';
import { eta, maxAbsDiff, mb, placeAmong, verdict } from '../train/verdict.ts';
import { h, part, setStatus, showError } from '../ui.ts';
import { offerModel } from '../your-model.ts';
import { epochChart, type EpochChart, type Point, type Series } from './train-chart.ts';

export interface ReferenceRuns {
  model: string;
  publishedSeed: number;
  runs: { seed: number; test_accuracy: number; history: EpochRecord[] }[];
}

export type DatasetOffer = { available: true; files: DataFileRef[] } | { available: false; reason: string };

export interface TrainConfig {
  model: string;
  published: RunConfig;
  publishedSha256: string;
  weightsUrl: string;
  datasets: Record<DatasetId, DatasetOffer>;
  references: Record<DatasetId, ReferenceRuns | null>;
}

/** The smallest wasm module with a SIMD instruction (as wasm-feature-detect probes it). */
const SIMD_PROBE = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11]);

/** Why this browser cannot train, or null. */
function missingCapability(): string | null {
  if (typeof Worker === 'undefined') return 'This browser has no Web Workers, which the trainer needs to run without freezing the page.';
  if (typeof WebAssembly === 'undefined' || !WebAssembly.validate(SIMD_PROBE)) return 'This browser’s WebAssembly lacks SIMD, which the trainer’s kernels need (any current Chrome, Edge, Firefox or Safari has it).';
  if (typeof DecompressionStream === 'undefined') return 'This browser cannot unpack gzip (DecompressionStream), which the data download needs.';
  if (!globalThis.crypto?.subtle) return 'This page is not in a secure context (https), so the data cannot be checked with SHA-256.';
  return null;
}

const DATASET_NAMES: Record<DatasetId, string> = { digits: 'MNIST digits', fashion: 'Fashion-MNIST' };
const fmt = (n: number) => n.toLocaleString('en-US');

class TrainYourself extends HTMLElement {
  private config!: TrainConfig;
  private worker: Worker | null = null;
  private settings: RunConfig | null = null;
  private reproducing = false;
  private live: { train: Point[]; test: Point[]; trainLoss: Point[]; testLoss: Point[] } = { train: [], test: [], trainLoss: [], testLoss: [] };
  private charts: { accuracy: EpochChart; loss: EpochChart } | null = null;
  private trainStarted = 0;
  private urls: string[] = [];
  private runs = 0;
  private urlTimer = 0;

  connectedCallback(): void {
    if (this.dataset.started) return;
    this.dataset.started = 'true';
    this.config = JSON.parse(this.dataset.config ?? '{}') as TrainConfig;
    const missing = missingCapability();
    if (missing) {
      showError(this, `${missing} The published figures above are unaffected.`);
      this.dataset.runState = 'unsupported';
      return;
    }
    this.setUpForm();
    part(this, 'reproduce').addEventListener('click', () => this.start(this.config.published, true));
    part(this, 'stop').addEventListener('click', () => this.stop());
    const offer = this.config.datasets[this.config.published.dataset];
    const reproduce = part<HTMLButtonElement>(this, 'reproduce');
    if (!offer.available) {
      reproduce.disabled = true;
      part(this, 'reproduce-size').textContent = `Not available on this site: the build had no ${DATASET_NAMES[this.config.published.dataset]} files (${offer.reason}).`;
    } else {
      part(this, 'reproduce-size').textContent = `Downloads ${mb(this.bytes(offer))} of data (the training and test sets, gzip), checked with SHA-256.`;
    }
    part(this, 'body').hidden = false;
    this.dataset.runState = 'idle';
    setStatus(this, 'ready', 'Ready. Training runs in a background thread of this page; nothing is sent anywhere.');
  }

  private bytes(offer: DatasetOffer): number {
    return offer.available ? offer.files.reduce((a, f) => a + f.gzBytes, 0) : 0;
  }

  private input(name: string): HTMLInputElement | HTMLSelectElement {
    return part<HTMLInputElement | HTMLSelectElement>(this, `in-${name}`);
  }

  private setUpForm(): void {
    const { settings, notes } = readSettings(location.search, this.config.published);
    const values: Record<string, string> = {
      dataset: settings.dataset, units: String(settings.units), epochs: String(settings.epochs), lr: String(settings.learningRate),
      batch: String(settings.batchSize), seed: String(settings.seed), images: String(settings.trainCount),
    };
    for (const [k, v] of Object.entries(values)) this.input(k).value = v;
    const select = this.input('dataset') as HTMLSelectElement;
    for (const option of select.options) {
      const offer = this.config.datasets[option.value as DatasetId];
      if (offer && !offer.available) {
        option.disabled = true;
        option.textContent = `${option.textContent} (not available on this site)`;
      }
    }
    const form = part<HTMLFormElement>(this, 'form');
    form.addEventListener('input', () => this.onFormChange());
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const s = this.readForm();
      if (s) this.start(s, false);
    });
    addEventListener('popstate', () => this.setUpForm());
    if (notes.length) part(this, 'form-note').textContent = notes.join(' ');
    if (!sameSettings(settings, this.config.published)) part<HTMLDetailsElement>(this, 'own-details').open = true;
    this.onFormChange(false);
  }

  /** The form's settings, or null (with the bad fields named) when one is out of range. */
  private readForm(): RunConfig | null {
    const read = <K extends keyof RunConfig>(key: K, name: string) => parseField(key, this.input(name).value);
    const s = {
      dataset: read('dataset', 'dataset'), units: read('units', 'units'), epochs: read('epochs', 'epochs'), learningRate: read('learningRate', 'lr'),
      batchSize: read('batchSize', 'batch'), seed: read('seed', 'seed'), trainCount: read('trainCount', 'images'),
    };
    const bad = Object.entries(s).filter(([, v]) => v === null).map(([k]) => k);
    for (const [k, name] of [['units', 'units'], ['epochs', 'epochs'], ['learningRate', 'lr'], ['batchSize', 'batch'], ['seed', 'seed'], ['trainCount', 'images']] as const) {
      this.input(name).setAttribute('aria-invalid', String(s[k] === null));
    }
    if (bad.length) {
      const l = LIMITS;
      part(this, 'form-note').textContent = `Out of range: ${bad.join(', ')}. Allowed: units ${l.units.join('–')}, epochs ${l.epochs.join('–')}, learning rate ${l.learningRate.join('–')}, batch ${l.batchSize.join('–')}, images ${l.trainCount.map(fmt).join('–')}.`;
      return null;
    }
    const settings = s as RunConfig;
    if (settings.batchSize > settings.trainCount) {
      part(this, 'form-note').textContent = `The batch (${settings.batchSize}) cannot be larger than the number of training images (${settings.trainCount}).`;
      return null;
    }
    return settings;
  }

  private onFormChange(writeUrl = true): void {
    const s = this.readForm();
    const button = part<HTMLButtonElement>(this, 'own');
    button.disabled = s === null || this.worker !== null;
    if (!s) return;
    part(this, 'form-note').textContent = '';
    const offer = this.config.datasets[s.dataset];
    part(this, 'own-size').textContent = offer.available
      ? `Downloads ${mb(this.bytes(offer))} of ${DATASET_NAMES[s.dataset]} data (unless this page already has it cached).${sameSettings(s, this.config.published) ? ' These are the published settings: the result should be identical to the published model.' : ''}`
      : `${DATASET_NAMES[s.dataset]} is not available on this site (${offer.reason}).`;
    if (!offer.available) button.disabled = true;
    if (writeUrl) {
      // Replace, not push, and at most every 200 ms: typing in a field is not a history entry.
      clearTimeout(this.urlTimer);
      this.urlTimer = window.setTimeout(() => {
        history.replaceState(history.state, '', `${location.pathname}${writeSettings(s, this.config.published, location.search)}${location.hash}`);
      }, 200);
    }
  }

  private reference(s: RunConfig): { ref: ReferenceRuns; seed: number } | null {
    const ref = this.config.references[s.dataset];
    if (!ref) return null;
    const seed = ref.runs.some((r) => r.seed === s.seed) ? s.seed : ref.publishedSeed;
    return { ref, seed };
  }

  private start(settings: RunConfig, reproduce: boolean): void {
    if (this.worker) return;
    const offer = this.config.datasets[settings.dataset];
    if (!offer.available) return;
    this.settings = settings;
    this.reproducing = reproduce || sameSettings(settings, this.config.published);
    this.live = { train: [], test: [], trainLoss: [], testLoss: [] };
    this.trainStarted = 0;
    for (const k of ['epochsDone', 'epochSeconds', 'stepsDone', 'sha256', 'identical', 'maxDiff', 'seconds', 'testAccuracy']) delete this.dataset[k];
    part(this, 'error').hidden = true;
    part(this, 'result').hidden = true;
    part(this, 'progress').hidden = false;
    part(this, 'run-title').textContent = reproduce
      ? `Reproducing ${this.config.model}: ${this.describe(settings)}`
      : `Your run: ${this.describe(settings)}`;
    this.setRunning(true);
    this.setRunState('downloading');
    this.setupCharts();
    this.redraw();
    const worker = new Worker(new URL('../train/train-worker.ts', import.meta.url), { type: 'module', name: 'train-yourself' });
    this.worker = worker;
    worker.onmessage = (e: MessageEvent<FromWorker>) => this.onMessage(e.data);
    worker.onerror = (e) => this.fail(`The training thread failed to start: ${e.message || 'unknown error'}.`);
    worker.postMessage({ type: 'start', settings, files: offer.files.map((f) => ({ ...f, url: new URL(f.url, location.href).href })) });
  }

  private describe(s: RunConfig): string {
    return `${DATASET_NAMES[s.dataset]}, 784-${s.units}-10, ${s.epochs} epoch${s.epochs === 1 ? '' : 's'}, seed ${s.seed}, batch ${s.batchSize}, Adam ${s.learningRate}, ${fmt(s.trainCount)} training images`;
  }

  private setRunning(running: boolean): void {
    part<HTMLButtonElement>(this, 'reproduce').disabled = running || !this.config.datasets[this.config.published.dataset].available;
    part<HTMLButtonElement>(this, 'own').disabled = running;
    part<HTMLButtonElement>(this, 'stop').disabled = !running;
    part(this, 'stop').hidden = !running;
  }

  private setRunState(state: string): void {
    this.dataset.runState = state;
  }

  private onMessage(msg: FromWorker): void {
    const text = part(this, 'progress-text');
    switch (msg.type) {
      case 'phase':
        text.textContent = msg.text;
        break;
      case 'download': {
        const bar = part<HTMLProgressElement>(this, 'download-bar');
        bar.max = msg.total;
        bar.value = msg.loaded;
        text.textContent = `Downloading the ${DATASET_NAMES[msg.dataset]} data: ${mb(msg.loaded)} of ${mb(msg.total)}.`;
        break;
      }
      case 'batch': {
        const s = this.settings as RunConfig;
        if (!this.trainStarted) {
          this.trainStarted = performance.now();
          this.setRunState('training');
        }
        const p = msg.progress;
        const done = (p.epoch - 1) * p.steps + p.step;
        const total = s.epochs * p.steps;
        const bar = part<HTMLProgressElement>(this, 'train-bar');
        bar.max = total;
        bar.value = done;
        this.dataset.stepsDone = String(done);
        text.textContent = `Epoch ${p.epoch} of ${s.epochs}, step ${fmt(p.step)} of ${fmt(p.steps)} (${Math.floor((100 * done) / total)} %), ${eta(performance.now() - this.trainStarted, done, total)}. Running accuracy ${(p.accuracy * 100).toFixed(2)} %, loss ${p.loss.toFixed(4)}.`;
        const x = p.epoch - 1 + p.step / p.steps;
        this.live.train.push([x, p.accuracy]);
        this.live.trainLoss.push([x, p.loss]);
        this.redraw();
        break;
      }
      case 'epoch':
        this.onEpoch(msg.result);
        break;
      case 'done':
        void this.onDone(msg);
        break;
      case 'error':
        this.fail(msg.message);
        break;
    }
  }

  private onEpoch(r: EpochResult): void {
    this.live.test.push([r.epoch, r.testAccuracy]);
    this.live.testLoss.push([r.epoch, r.testLoss]);
    this.dataset.epochsDone = String(r.epoch);
    this.dataset.epochSeconds = [this.dataset.epochSeconds, r.seconds.toFixed(3)].filter(Boolean).join(' ');
    part(this, 'epoch-log').textContent = `Epoch ${r.epoch}: train accuracy ${(r.accuracy * 100).toFixed(2)} % (running), test accuracy ${(r.testAccuracy * 100).toFixed(2)} %, ${r.seconds.toFixed(1)} s.`;
    this.redraw();
  }

  private setupCharts(): void {
    const holder = part(this, 'charts');
    const width = Math.min(520, Math.max(260, (holder.clientWidth || 520) / (holder.clientWidth > 760 ? 2 : 1) - 8));
    this.charts = {
      accuracy: epochChart('accuracy', 'Accuracy over epochs: this run (solid) and the build-time run (dashed)', width),
      loss: epochChart('loss', 'Loss over epochs: this run (solid) and the build-time run (dashed)', width),
    };
    holder.replaceChildren(this.charts.accuracy.svg, this.charts.loss.svg);
    const r = this.settings ? this.reference(this.settings) : null;
    part(this, 'legend-ref').textContent = r ? `build-time run of ${r.ref.model}, seed ${r.seed}` : 'no build-time run of this dataset';
  }

  private redraw(): void {
    const s = this.settings;
    if (!s || !this.charts) return;
    const r = this.reference(s);
    const hist = r?.ref.runs.find((x) => x.seed === r.seed)?.history ?? [];
    const epochs = Math.max(s.epochs, hist.length ? Math.min(hist.length, s.epochs) : 0);
    const refAcc: Series[] = [
      { kind: 'ty-ref-train', points: hist.filter((e) => e.epoch <= epochs).map((e) => [e.epoch, e.train_accuracy]) },
      { kind: 'ty-ref-test', points: hist.filter((e) => e.epoch <= epochs).map((e) => [e.epoch, e.test_accuracy]) },
    ];
    const refLoss: Series[] = [
      { kind: 'ty-ref-train', points: hist.filter((e) => e.epoch <= epochs).map((e) => [e.epoch, e.train_loss]) },
      { kind: 'ty-ref-test', points: hist.filter((e) => e.epoch <= epochs).map((e) => [e.epoch, e.test_loss]) },
    ];
    this.charts.accuracy.draw([...refAcc, { kind: 'ty-live-train', points: this.live.train }, { kind: 'ty-live-test', points: this.live.test }], epochs);
    this.charts.loss.draw([...refLoss, { kind: 'ty-live-train', points: this.live.trainLoss }, { kind: 'ty-live-test', points: this.live.testLoss }], epochs);
  }

  private async onDone(done: { type: 'done' } & RunDone): Promise<void> {
    const s = this.settings as RunConfig;
    this.finishWorker();
    this.setRunState('done');
    part(this, 'progress-text').textContent = `Finished: ${s.epochs} epoch${s.epochs === 1 ? '' : 's'} in ${done.seconds.toFixed(1)} s of training.`;
    const lines: string[] = [];
    const figures = part(this, 'figures');
    figures.replaceChildren();
    const row = (k: string, v: string) => figures.append(h('dt', { text: k }), h('dd', { text: v }));
    row('test accuracy', `${(done.testAccuracy * 100).toFixed(2)} %`);
    row('SHA-256 of weights.bin', done.sha256);
    row('trainer', done.trainer);
    row('training time', `${done.seconds.toFixed(1)} s`);
    Object.assign(this.dataset, { sha256: done.sha256, seconds: done.seconds.toFixed(2), testAccuracy: String(done.testAccuracy) });
    const verdictEl = part(this, 'verdict');
    verdictEl.className = 'w-verdict';
    const r = this.reference(s);
    const published = this.config.references[this.config.published.dataset]?.runs.find((x) => x.seed === this.config.published.seed);
    if (this.reproducing && published) {
      row('published test accuracy', `${(published.test_accuracy * 100).toFixed(2)} %`);
      row('published SHA-256', this.config.publishedSha256);
      let maxDiff: number | null = null;
      try {
        const res = await fetch(this.config.weightsUrl);
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        maxDiff = maxAbsDiff(new Float32Array(done.weights), new Float32Array(await res.arrayBuffer()));
      } catch (err) {
        lines.push(`The published weights could not be fetched for the element-wise comparison (${err instanceof Error ? err.message : String(err)}).`);
      }
      const v = verdict({ sha256: done.sha256, publishedSha256: this.config.publishedSha256, maxDiff, testAccuracy: done.testAccuracy, publishedTestAccuracy: published.test_accuracy });
      row('max |Δw|', maxDiff === null ? '—' : String(maxDiff));
      row('test Δ', `${((done.testAccuracy - published.test_accuracy) * 100).toFixed(2)} points`);
      verdictEl.textContent = v.text;
      verdictEl.classList.add(v.identical ? 'good' : 'bad');
      Object.assign(this.dataset, { identical: String(v.identical), maxDiff: String(maxDiff) });
    } else {
      verdictEl.textContent = r && r.ref.runs.length ? placeAmong(done.testAccuracy, r.ref.runs.map((x) => x.test_accuracy)) : `Test accuracy ${(done.testAccuracy * 100).toFixed(2)} %.`;
      if (r) lines.push(`The published seeds are ${r.ref.model}’s (${this.config.references[s.dataset]?.runs.length} seeds, the study’s settings); your settings differ from them.`);
      delete this.dataset.identical;
    }
    part(this, 'result-notes').textContent = lines.join(' ');
    this.offerDownloads(done, s);
    part(this, 'result').hidden = false;
    part(this, 'announce').textContent = verdictEl.textContent ?? '';
  }

  private offerDownloads(done: RunDone, s: RunConfig): void {
    for (const u of this.urls) URL.revokeObjectURL(u);
    const json = URL.createObjectURL(new Blob([JSON.stringify(done.modelJson)], { type: 'application/json' }));
    const bin = URL.createObjectURL(new Blob([done.weights], { type: 'application/octet-stream' }));
    this.urls = [json, bin];
    const a = part<HTMLAnchorElement>(this, 'download-json');
    a.href = json;
    const b = part<HTMLAnchorElement>(this, 'download-bin');
    b.href = bin;
    const label = `your model (784-${s.units}-10, ${s.epochs} epoch${s.epochs === 1 ? '' : 's'}, seed ${s.seed})`;
    offerModel({ key: `your-model-${++this.runs}`, label, dataset: s.dataset, files: { modelJson: done.modelJson, weights: done.weights } });
    part(this, 'offered').textContent = `The page’s re-predict widget for ${DATASET_NAMES[s.dataset]} now offers “${label}” beside the published model.`;
  }

  private finishWorker(): void {
    this.worker?.terminate();
    this.worker = null;
    this.setRunning(false);
    this.onFormChange(false);
  }

  private stop(): void {
    if (!this.worker) return;
    this.finishWorker();
    this.setRunState('stopped');
    const done = this.dataset.epochsDone ? ` after ${this.dataset.epochsDone} complete epoch(s)` : '';
    part(this, 'progress-text').textContent = `Stopped${done}. Nothing was kept; start a run again at any time.`;
    part(this, 'announce').textContent = 'Training stopped.';
  }

  private fail(message: string): void {
    this.finishWorker();
    this.setRunState('error');
    const box = part(this, 'error');
    box.textContent = `The run failed: ${message}`;
    box.hidden = false;
    part(this, 'progress-text').textContent = 'The run failed; the rest of the page is unaffected. You can start again.';
  }
}

if (!customElements.get('train-yourself')) customElements.define('train-yourself', TrainYourself);
