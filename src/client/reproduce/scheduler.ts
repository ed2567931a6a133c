/**
 * Trains a set of models in parallel workers (reproduce worker, one model at a time each), longest
 * first, skipping every model this browser already keeps. Each worker is its own wasm instance, so a
 * model trained beside others is bit-identical to one trained alone. A stop terminates the workers; the
 * models' checkpoints stay in the store, and the next run resumes them.
 */
import type { BatchProgress } from '../../../trainer/trainer.ts';
import { modelEtas, totalEta, type ModelWork } from './eta.ts';
import type { FromReproWorker, ReproJob } from './messages.ts';
import { getModel } from './store.ts';

export interface PlannedModel {
  model: string;
  seed: number;
  job: ReproJob;
  /** SHA-256 of the published weights.bin of this (model, seed), when the site has it. */
  publishedSha256: string | null;
  /** The build's seconds per epoch for this run (run.json), for the first estimates. */
  buildSecondsPerEpoch: number | null;
}

export type Phase = 'waiting' | 'kept' | 'starting' | 'downloading' | 'training' | 'scoring' | 'done' | 'stopped' | 'error';

export interface ModelState {
  phase: Phase;
  /** Epochs finished, a checkpoint's included. */
  epochsDone: number;
  /** Epochs this session started from (a checkpoint's), for the ETA. */
  resumedFrom: number;
  sessionSeconds: number;
  batch: BatchProgress | null;
  /** When the epoch under way started (performance.now()). */
  epochStartedAt: number;
  download: { loaded: number; total: number } | null;
  sha256: string | null;
  /** Training seconds of the whole model (every session). */
  seconds: number | null;
  error: string | null;
  text: string;
}

/** A reproduce worker (one wasm instance, its own copy of the data it loads). */
export function reproduceWorker(name: string): Worker {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name });
}

/** Default parallelism: every core but one for the page, at least one. */
export function defaultWorkers(): number {
  return Math.max(1, (navigator.hardwareConcurrency || 2) - 1);
}

const work = (m: PlannedModel) => m.job.settings.trainCount * m.job.settings.units;

export class Scheduler {
  readonly states: ModelState[];
  private readonly workers = new Set<Worker>();
  private queue: number[] = [];
  private settle: { resolve: () => void; reject: (e: Error) => void } | null = null;
  /** Models trained (not found kept) by this run. */
  trained = 0;

  constructor(
    readonly models: readonly PlannedModel[],
    readonly parallel: number,
    private readonly changed: (index: number) => void,
  ) {
    this.states = models.map(() => ({ phase: 'waiting', epochsDone: 0, resumedFrom: 0, sessionSeconds: 0, batch: null, epochStartedAt: 0, download: null, sha256: null, seconds: null, error: null, text: 'waiting' }));
  }

  /** Resolves when every model is done (kept or trained); rejects on the first error. */
  async run(): Promise<void> {
    for (const [i, m] of this.models.entries()) {
      const kept = await getModel(m.job.key).catch(() => undefined);
      if (kept) this.update(i, { phase: 'kept', sha256: kept.sha256, seconds: kept.seconds, epochsDone: m.job.settings.epochs, text: 'kept in this browser' });
    }
    this.queue = this.models.map((_, i) => i).filter((i) => this.states[i].phase === 'waiting').sort((a, b) => work(this.models[b]) * this.models[b].job.settings.epochs - work(this.models[a]) * this.models[a].job.settings.epochs);
    if (this.queue.length === 0) return;
    const done = new Promise<void>((resolve, reject) => (this.settle = { resolve, reject }));
    for (let w = 0; w < Math.min(this.parallel, this.queue.length); w++) this.startWorker();
    return done;
  }

  /** Terminates every worker; what they trained up to their last epoch stays in the store. */
  stop(): void {
    for (const w of this.workers) w.terminate();
    this.workers.clear();
    for (const [i, s] of this.states.entries()) if (!['kept', 'done', 'error', 'waiting'].includes(s.phase)) this.update(i, { phase: 'stopped', text: `stopped after epoch ${s.epochsDone}` });
    this.queue = [];
    this.settle?.reject(new Error('stopped'));
    this.settle = null;
  }

  /** Seconds left per model and for all of them (null where no estimate is possible yet). */
  etas(now = performance.now()): { models: (number | null)[]; total: number | null } {
    const works: ModelWork[] = this.models.map((m, i) => {
      const s = this.states[i];
      const under = s.phase === 'training' && s.batch ? s.batch : null;
      return {
        workPerEpoch: work(m),
        epochs: m.job.settings.epochs,
        epochsDone: s.epochsDone,
        sessionSeconds: s.sessionSeconds,
        sessionEpochs: s.epochsDone - s.resumedFrom,
        partialFraction: under ? under.step / under.steps : 0,
        partialSeconds: under ? (now - s.epochStartedAt) / 1000 : 0,
        buildSecondsPerEpoch: m.buildSecondsPerEpoch,
        done: ['kept', 'done'].includes(s.phase),
      };
    });
    const models = modelEtas(works);
    const running = this.states.map((s) => ['starting', 'downloading', 'training', 'scoring'].includes(s.phase));
    return { models, total: totalEta(models, running, this.parallel) };
  }

  private update(i: number, patch: Partial<ModelState>): void {
    Object.assign(this.states[i], patch);
    this.changed(i);
  }

  private startWorker(): void {
    const worker = reproduceWorker('reproduce');
    this.workers.add(worker);
    let current = -1;
    const next = () => {
      const i = this.queue.shift();
      if (i === undefined) {
        worker.terminate();
        this.workers.delete(worker);
        if (this.workers.size === 0) this.settle?.resolve();
        return;
      }
      current = i;
      this.update(i, { phase: 'starting', text: 'starting' });
      worker.postMessage({ type: 'train', job: this.models[i].job });
    };
    worker.onmessage = (e: MessageEvent<FromReproWorker>) => this.onMessage(current, e.data, next);
    worker.onerror = (e) => this.fail(current, `The training thread failed: ${e.message || 'unknown error'}.`);
    next();
  }

  private onMessage(i: number, msg: FromReproWorker, next: () => void): void {
    const s = this.states[i];
    switch (msg.type) {
      case 'phase':
        this.update(i, { text: msg.text, phase: s.epochsDone >= this.models[i].job.settings.epochs ? 'scoring' : s.phase });
        break;
      case 'download':
        this.update(i, { phase: 'downloading', download: { loaded: msg.loaded, total: msg.total }, text: 'downloading the data' });
        break;
      case 'resumed':
        this.update(i, { epochsDone: msg.epochs, resumedFrom: msg.epochs, text: `resumed after epoch ${msg.epochs}` });
        break;
      case 'batch': {
        // The session's first report: its epoch started about now (the epochs after it at the previous 'epoch').
        const first = s.phase !== 'training';
        this.update(i, { phase: 'training', batch: msg.progress, epochStartedAt: first ? performance.now() : s.epochStartedAt, text: `epoch ${msg.progress.epoch}` });
        break;
      }
      case 'epoch':
        this.update(i, { epochsDone: msg.result.epoch, sessionSeconds: s.sessionSeconds + msg.result.seconds, batch: null, epochStartedAt: performance.now() });
        break;
      case 'done':
        this.trained++;
        this.update(i, { phase: 'done', sha256: msg.sha256, seconds: msg.seconds, batch: null, text: 'done' });
        next();
        break;
      case 'error':
        this.fail(i, msg.message);
        break;
    }
  }

  private fail(i: number, message: string): void {
    if (i >= 0) this.update(i, { phase: 'error', error: message, text: 'failed' });
    const settle = this.settle;
    this.settle = null;
    this.stop();
    settle?.reject(new Error(message));
  }
}
