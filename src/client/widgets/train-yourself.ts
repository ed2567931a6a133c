/**
 * <train-yourself>: re-trains the section's published model in the reader's browser with the trainer
 * that produced it (a Web Worker running trainer/), or a run of the reader's own settings. Server values
 * arrive as one JSON data-config (src/components/widgets/TrainYourself.astro). Nothing heavy loads until
 * a run starts; a stop terminates the worker and keeps the last complete epoch, the next run starts a
 * fresh worker. Drawing the progress is ProgressView's job, the end of a run ResultView's.
 */
import type { DatasetId } from '../../../schema/results.ts';
import type { EpochResult } from '../../../trainer/run.ts';
import type { LayersFiles } from '../../../trainer/artifacts.ts';
import { datasetEntry } from '../../../core/datasets.ts';
import type { FromWorker, RunDone } from '../train/messages.ts';
import { ProgressView } from '../train/progress-view.ts';
import { ResultView, type SeedRuns } from '../train/result-view.ts';
import { DATASET_FIELD, NUMBER_SETTINGS, parseSetting, readSettings, sameSettings, settingText, settingsFields, settingsValues, type RunConfig, type SettingsFields } from '../train/settings.ts';
import { showAddressProblems, wireShareLink, writeAddress } from '../address.ts';
import { count, mb } from '../train/verdict.ts';
import { part, setStatus, showBody, showError } from '../ui.ts';
import { missingCapability } from '../train/capability.ts';
import { readConfig, trainConfig, type DatasetOffer, type ReferenceRuns, type TrainConfig } from '../widget-config.ts';


class TrainYourself extends HTMLElement {
  private config!: TrainConfig;
  private worker: Worker | null = null;
  private settings: RunConfig | null = null;
  private reproducing = false;
  /** The latest epoch's weights, which a stop keeps. */
  private lastEpoch: { result: EpochResult; modelJson: LayersFiles['modelJson']; weights: ArrayBuffer } | null = null;
  private readonly progress = new ProgressView(this);
  private readonly result = new ResultView(this);
  /** The settings' address fields (prefix data-url-key, `train`), with the datasets this build offers. */
  private fields: SettingsFields = {};

  connectedCallback(): void {
    if (this.dataset.started) return;
    this.dataset.started = 'true';
    const config = readConfig(this, trainConfig);
    if (!config) return;
    this.config = config;
    const missing = missingCapability();
    if (missing) {
      showError(this, `${missing} The published figures above are unaffected.`);
      this.dataset.runState = 'unsupported';
      return;
    }
    this.fields = settingsFields(Object.keys(this.config.datasets));
    this.setUpForm();
    part(this, 'reproduce').addEventListener('click', () => this.start(this.config.published, true));
    part(this, 'stop').addEventListener('click', () => this.stop());
    const offer = this.config.datasets[this.config.published.dataset];
    const reproduce = part<HTMLButtonElement>(this, 'reproduce');
    if (!offer.available) {
      reproduce.disabled = true;
      part(this, 'reproduce-size').textContent = `Not available on this site: the build had no ${datasetEntry(this.config.published.dataset).title} files (${offer.reason}).`;
    } else {
      part(this, 'reproduce-size').textContent = `Downloads ${mb(this.bytes(offer))} of data (the training and test sets, gzip), checked with SHA-256.`;
    }
    showBody(this, true);
    this.setRunning(false);
    this.onFormChange(false);
    this.dataset.runState = 'idle';
  }

  private bytes(offer: DatasetOffer): number {
    return offer.available ? offer.files.reduce((a, f) => a + f.gzBytes, 0) : 0;
  }

  private input(name: string): HTMLInputElement | HTMLSelectElement {
    return part<HTMLInputElement | HTMLSelectElement>(this, `in-${name}`);
  }

  /** Wires the form once; the address fills it now and again on every history step (popstate). */
  private setUpForm(): void {
    const select = this.input(DATASET_FIELD) as HTMLSelectElement;
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
    addEventListener('popstate', () => this.fillForm());
    wireShareLink(this);
    this.fillForm();
  }

  /** Puts the settings the address asks for (else the published ones) into the form. */
  private fillForm(): void {
    const { settings, problems } = readSettings(location.search, this.dataset.urlKey ?? '', this.fields, this.config.published);
    const values = settingsValues(settings);
    for (const [name, value] of Object.entries(values)) this.input(name).value = String(value);
    showAddressProblems(this, problems);
    if (problems.length || !sameSettings(settings, this.config.published)) part<HTMLDetailsElement>(this, 'own-details').open = true;
    this.onFormChange(false);
  }

  /** The form's settings, or null (with the bad fields named) when one is out of range. */
  private readForm(): RunConfig | null {
    const bad: string[] = [];
    const read = (name: string) => {
      const v = parseSetting(this.fields, name, this.input(name).value);
      this.input(name).setAttribute('aria-invalid', String(v === null));
      if (v === null) bad.push(name);
      return v;
    };
    const settings = { dataset: read(DATASET_FIELD) } as RunConfig;
    for (const n of NUMBER_SETTINGS) settings[n.key] = read(n.name) as number;
    if (bad.length) {
      const allowed = NUMBER_SETTINGS.map((n) => `${n.label.toLowerCase()} ${settingText(n, n.min)}–${settingText(n, n.max)}`).join(', ');
      const named = bad.map((name) => NUMBER_SETTINGS.find((n) => n.name === name)?.label.toLowerCase() ?? name);
      part(this, 'form-note').textContent = `Out of range: ${named.join(', ')}. Allowed: ${allowed}.`;
      return null;
    }
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
      ? `Downloads ${mb(this.bytes(offer))} of ${datasetEntry(s.dataset).title} data (unless this page already has it cached).${sameSettings(s, this.config.published) ? ' These are the published settings: the result should be identical to the published model.' : ''}`
      : `${datasetEntry(s.dataset).title} is not available on this site (${offer.reason}).`;
    if (!offer.available) button.disabled = true;
    // Replaced, not pushed, and throttled (address.ts): typing in a field is not a history entry.
    if (writeUrl) writeAddress(this, this.fields, settingsValues(s), settingsValues(this.config.published));
  }

  /** The build-time runs of the run's dataset, and among them the run's own seed (else the published one). */
  private reference(s: RunConfig): { ref: ReferenceRuns; run: ReferenceRuns['runs'][number] | undefined } | null {
    const ref = this.config.references[s.dataset];
    if (!ref) return null;
    return { ref, run: ref.runs.find((r) => r.seed === s.seed) ?? ref.runs.find((r) => r.seed === ref.publishedSeed) };
  }

  private start(settings: RunConfig, reproduce: boolean): void {
    if (this.worker) return;
    const offer = this.config.datasets[settings.dataset];
    if (!offer.available) return;
    this.settings = settings;
    this.reproducing = reproduce || sameSettings(settings, this.config.published);
    this.lastEpoch = null;
    for (const k of ['epochsDone', 'epochSeconds', 'stepsDone', 'sha256', 'identical', 'maxDiff', 'engine', 'seconds', 'testAccuracy', 'downloadedBytes', 'modelKept']) delete this.dataset[k];
    part(this, 'error').hidden = true;
    this.result.hide();
    part(this, 'progress').hidden = false;
    part(this, 'run-title').textContent = reproduce
      ? `Reproducing ${this.config.model}: ${this.describe(settings)}`
      : `Your run: ${this.describe(settings)}`;
    this.setRunning(true);
    this.setRunState('downloading');
    const r = this.reference(settings);
    this.progress.start(settings, r?.run ? { label: `build-time run of ${r.ref.model}, seed ${r.run.seed}`, history: r.run.history } : null);
    const worker = new Worker(new URL('../train/train-worker.ts', import.meta.url), { type: 'module', name: 'train-yourself' });
    this.worker = worker;
    worker.onmessage = (e: MessageEvent<FromWorker>) => this.onMessage(e.data);
    worker.onerror = (e) => this.fail(`The training thread failed to start: ${e.message || 'unknown error'}.`);
    worker.postMessage({ type: 'start', settings, files: offer.files.map((f) => ({ ...f, url: new URL(f.url, location.href).href })) });
  }

  private describe(s: RunConfig): string {
    return `${datasetEntry(s.dataset).title}, 784-${s.units}-10, ${s.epochs} epoch${s.epochs === 1 ? '' : 's'}, seed ${s.seed}, batch ${s.batchSize}, Adam ${s.learningRate}, ${count(s.trainCount)} training images`;
  }

  private setRunning(running: boolean): void {
    part<HTMLButtonElement>(this, 'reproduce').disabled = running || !this.config.datasets[this.config.published.dataset].available;
    part<HTMLButtonElement>(this, 'own').disabled = running;
    part<HTMLButtonElement>(this, 'stop').disabled = !running;
    part(this, 'stop').hidden = !running;
    setStatus(this, 'ready', running
      ? 'Training in a background thread of this page; the page stays usable, and nothing is sent anywhere.'
      : 'Ready. Training runs in a background thread of this page; nothing is sent anywhere.');
  }

  private setRunState(state: string): void {
    this.dataset.runState = state;
  }

  private onMessage(msg: FromWorker): void {
    switch (msg.type) {
      case 'phase':
        this.progress.phase(msg.text);
        break;
      case 'download':
        this.dataset.downloadedBytes = String(msg.loaded);
        this.progress.download(msg.dataset, msg.loaded, msg.total);
        break;
      case 'batch':
        if (this.dataset.runState !== 'training') this.setRunState('training');
        this.dataset.stepsDone = String(this.progress.batch(msg.progress));
        break;
      case 'epoch': {
        const r = msg.result;
        this.lastEpoch = { result: r, modelJson: msg.modelJson, weights: msg.weights };
        this.dataset.epochsDone = String(r.epoch);
        this.dataset.epochSeconds = [this.dataset.epochSeconds, r.seconds.toFixed(3)].filter(Boolean).join(' ');
        this.progress.epoch(r);
        break;
      }
      case 'done':
        void this.onDone(msg);
        break;
      case 'error':
        this.fail(msg.message);
        break;
    }
  }

  private seedRuns(s: RunConfig): SeedRuns | null {
    const r = this.reference(s);
    if (!r) return null;
    return { model: r.ref.model, seed: r.run?.seed ?? r.ref.publishedSeed, testAccuracies: r.ref.runs.map((x) => x.test_accuracy), testByEpoch: r.run?.history.map((e) => e.test_accuracy) ?? [] };
  }

  private async onDone(done: { type: 'done' } & RunDone): Promise<void> {
    const s = this.settings as RunConfig;
    this.finishWorker();
    this.setRunState('done');
    this.progress.finish(`Finished: ${s.epochs} epoch${s.epochs === 1 ? '' : 's'} in ${done.seconds.toFixed(1)} s of training.`);
    const pub = this.config.references[this.config.published.dataset]?.runs.find((x) => x.seed === this.config.published.seed);
    const published = this.reproducing && pub ? { sha256: this.config.publishedSha256, weightsUrl: this.config.weightsUrl, testAccuracy: pub.test_accuracy, backend: this.config.publishedBackend } : null;
    await this.result.show(
      { settings: s, modelJson: done.modelJson, weights: done.weights, testAccuracy: done.testAccuracy, epochs: s.epochs, stopped: false, seconds: done.seconds, trainer: done.trainer, sha256: done.sha256 },
      published,
      this.seedRuns(s),
    );
  }

  private finishWorker(): void {
    this.worker?.terminate();
    this.worker = null;
    this.setRunning(false);
    this.onFormChange(false);
  }

  /** Ends the run at once; the weights of its last complete epoch, if any, are kept as a result. */
  private stop(): void {
    if (!this.worker) return;
    this.finishWorker();
    this.setRunState('stopped');
    const kept = this.lastEpoch;
    const s = this.settings as RunConfig;
    if (!kept) {
      this.progress.finish('Stopped before the first epoch ended, so there are no weights to keep. Start a run again at any time.');
      part(this, 'announce').textContent = 'Training stopped.';
      return;
    }
    const n = kept.result.epoch;
    this.progress.finish(`Stopped after ${n} of ${s.epochs} epoch${s.epochs === 1 ? '' : 's'}; the weights of epoch ${n} are kept below.`);
    void this.result.show({ settings: s, modelJson: kept.modelJson, weights: kept.weights, testAccuracy: kept.result.testAccuracy, epochs: n, stopped: true }, null, this.seedRuns(s));
  }

  private fail(message: string): void {
    this.finishWorker();
    this.setRunState('error');
    const box = part(this, 'error');
    box.textContent = `The run failed: ${message}`;
    box.hidden = false;
    this.progress.finish('The run failed; the rest of the page is unaffected. You can start again.');
  }
}

if (!customElements.get('train-yourself')) customElements.define('train-yourself', TrainYourself);
