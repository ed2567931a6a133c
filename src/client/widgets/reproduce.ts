/**
 * <reproduce-section> and <reproduce-study>: the button, options and "forget" control of "Reproduce this
 * section" and of the home page's "Reproduce the whole study". Only this small script loads with the
 * page; the scheduler, the workers and the analysis (../reproduce/section-run.ts, study-run.ts) load when
 * the reader presses the button.
 */
import { unavailable, type ModelRef, type ReproduceConfig, type StudyConfig } from '../reproduce/config.ts';
import { defaultWorkers, duration } from '../reproduce/eta.ts';
import { forgetAll, usage } from '../reproduce/store.ts';
import { missingCapability } from '../train/capability.ts';
import { mb } from '../train/verdict.ts';
import { part, setStatus, showBody, showError } from '../ui.ts';

export interface RunControl {
  stop(): void;
}

/** Seconds of the longest of `parallel` lanes, the jobs handed out longest first. */
function makespan(times: number[], parallel: number): number {
  const lanes = Array.from({ length: parallel }, () => 0);
  for (const t of [...times].sort((a, b) => b - a)) lanes[lanes.indexOf(Math.min(...lanes))] += t;
  return Math.max(0, ...lanes);
}

abstract class ReproduceElement<C extends { datasets: ReproduceConfig['datasets'] }> extends HTMLElement {
  protected config!: C;
  private running: RunControl | null = null;
  /** The models of the run, with the seeds the reader asked for. */
  protected abstract plannedSeeds(): { model: ModelRef; seconds: number }[];
  /** Every model the widget may train. */
  protected abstract models(): ModelRef[];
  protected abstract run(parallel: number, register: (c: RunControl) => void): Promise<void>;

  connectedCallback(): void {
    if (this.dataset.started) return;
    this.dataset.started = 'true';
    this.config = JSON.parse(this.dataset.config ?? '{}') as C;
    const missing = missingCapability();
    if (missing) {
      showError(this, `${missing} The published figures above are unaffected.`);
      this.dataset.runState = 'unsupported';
      return;
    }
    const missingData = unavailable({ models: this.models(), datasets: this.config.datasets });
    if (missingData) {
      showError(this, `Not available on this site: ${missingData}. The published figures are unaffected.`);
      this.dataset.runState = 'unsupported';
      return;
    }
    const workers = part<HTMLSelectElement>(this, 'workers');
    const cores = Math.max(1, navigator.hardwareConcurrency || 1);
    for (let n = 1; n <= Math.max(2, cores); n++) workers.append(new Option(String(n), String(n)));
    workers.value = String(defaultWorkers(cores));
    const requested = new URLSearchParams(location.search).get('reproduce.workers');
    if (requested && [...workers.options].some((o) => o.value === requested)) workers.value = requested;
    part(this, 'start').addEventListener('click', () => void this.start());
    part(this, 'stop').addEventListener('click', () => this.running?.stop());
    part(this, 'forget').addEventListener('click', () => void this.forget());
    this.querySelector<HTMLInputElement>('[data-part="all-seeds"]')?.addEventListener('change', () => this.showEstimate());
    workers.addEventListener('change', () => this.showEstimate());
    showBody(this, true);
    setStatus(this, 'ready', 'Ready. Training runs in background threads of this page; nothing is sent anywhere.');
    this.showEstimate();
    void this.showUsage();
    this.dataset.runState = 'idle';
  }

  /** What the run will download and, from the build's own times, about how long it takes. */
  private showEstimate(): void {
    const parallel = Number(part<HTMLSelectElement>(this, 'workers').value);
    const planned = this.plannedSeeds();
    const times = planned.map((p) => p.seconds);
    const datasets = new Set(planned.map((p) => p.model.dataset));
    const bytes = [...datasets].reduce((a, d) => {
      const offer = this.config.datasets[d];
      return a + (offer.available ? offer.files.reduce((b, f) => b + f.gzBytes, 0) : 0);
    }, 0);
    part(this, 'estimate').textContent =
      `${times.length} model${times.length === 1 ? '' : 's'} to train, about ${duration(makespan(times, parallel))} with ${parallel} worker${parallel === 1 ? '' : 's'} ` +
      `at the build machine’s speed (models this browser already keeps take no time). Downloads ${mb(bytes)} of data once.`;
  }

  private async showUsage(): Promise<void> {
    const out = part(this, 'usage');
    try {
      const u = await usage();
      out.textContent = u.models + u.checkpoints === 0 ? 'No reproduced model is kept in this browser.' : `Kept in this browser: ${u.models} model${u.models === 1 ? '' : 's'} and ${u.checkpoints} unfinished run${u.checkpoints === 1 ? '' : 's'}, ${mb(u.bytes)}.`;
    } catch (err) {
      out.textContent = `This browser cannot keep reproduced models (${err instanceof Error ? err.message : String(err)}); a run lasts as long as the page.`;
    }
  }

  private async forget(): Promise<void> {
    if (this.running) return;
    try {
      const freed = await forgetAll();
      part(this, 'usage').textContent = `Forgotten: ${freed.models} model${freed.models === 1 ? '' : 's'} and ${freed.checkpoints} unfinished run${freed.checkpoints === 1 ? '' : 's'}, ${mb(freed.bytes)} freed.`;
      this.dataset.freedBytes = String(freed.bytes);
    } catch (err) {
      part(this, 'usage').textContent = `Could not forget the models: ${err instanceof Error ? err.message : String(err)}.`;
    }
  }

  private async start(): Promise<void> {
    if (this.running) return;
    const start = part<HTMLButtonElement>(this, 'start');
    const stop = part<HTMLButtonElement>(this, 'stop');
    start.disabled = true;
    part<HTMLButtonElement>(this, 'forget').disabled = true;
    this.dataset.runState = 'loading';
    setStatus(this, 'loading', 'Loading the trainer…');
    try {
      stop.hidden = false;
      await this.run(Number(part<HTMLSelectElement>(this, 'workers').value), (control) => (this.running = control));
    } catch (err) {
      showError(this, `The reproduction failed: ${err instanceof Error ? err.message : String(err)}`);
      this.dataset.runState = 'error';
    } finally {
      this.running = null;
      stop.hidden = true;
      start.disabled = false;
      part<HTMLButtonElement>(this, 'forget').disabled = false;
      void this.showUsage();
    }
  }
}

class ReproduceSection extends ReproduceElement<ReproduceConfig> {
  private get allSeeds(): boolean {
    return this.querySelector<HTMLInputElement>('[data-part="all-seeds"]')?.checked ?? false;
  }

  protected models(): ModelRef[] {
    return this.config.models;
  }

  protected plannedSeeds(): { model: ModelRef; seconds: number }[] {
    return this.config.models.flatMap((model) => model.seeds.filter((s) => this.allSeeds || s.seed === model.publishedSeed).map((s) => ({ model, seconds: s.buildSecondsPerEpoch * s.epochs })));
  }

  protected async run(parallel: number, register: (c: RunControl) => void): Promise<void> {
    const { runSection } = await import('../reproduce/section-run.ts');
    await runSection(this, this.config, { allSeeds: this.allSeeds, parallel }, register);
  }
}

class ReproduceStudy extends ReproduceElement<StudyConfig> {
  protected models(): ModelRef[] {
    return [...new Map(this.config.sections.flatMap((sec) => sec.models.map((m) => [m.model, m]))).values()];
  }

  protected plannedSeeds(): { model: ModelRef; seconds: number }[] {
    return this.models().flatMap((model) => model.seeds.filter((s) => s.seed === model.publishedSeed).map((s) => ({ model, seconds: s.buildSecondsPerEpoch * s.epochs })));
  }

  protected async run(parallel: number, register: (c: RunControl) => void): Promise<void> {
    const { runStudy } = await import('../reproduce/study-run.ts');
    await runStudy(this, this.config, { parallel }, register);
  }
}

if (!customElements.get('reproduce-section')) customElements.define('reproduce-section', ReproduceSection);
if (!customElements.get('reproduce-study')) customElements.define('reproduce-study', ReproduceStudy);
