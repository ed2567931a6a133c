/**
 * <reproduce-section>: the button, options and "forget" control of "Reproduce this section". Only this
 * small script loads with the page; the training scheduler, workers and the section's analysis
 * (../reproduce/section-run.ts) load when the reader presses the button.
 */
import type { ReproduceConfig } from '../reproduce/config.ts';
import { duration } from '../reproduce/eta.ts';
import { forgetAll, usage } from '../reproduce/store.ts';
import { missingCapability } from '../train/capability.ts';
import { mb } from '../train/verdict.ts';
import { part, setStatus, showError } from '../ui.ts';

export interface RunControl {
  stop(): void;
}

class ReproduceSection extends HTMLElement {
  private config!: ReproduceConfig;
  private running: RunControl | null = null;

  connectedCallback(): void {
    if (this.dataset.started) return;
    this.dataset.started = 'true';
    this.config = JSON.parse(this.dataset.config ?? '{}') as ReproduceConfig;
    const missing = missingCapability();
    if (missing) {
      showError(this, `${missing} The published figures above are unaffected.`);
      this.dataset.runState = 'unsupported';
      return;
    }
    const workers = part<HTMLSelectElement>(this, 'workers');
    const cores = Math.max(1, navigator.hardwareConcurrency || 1);
    for (let n = 1; n <= Math.max(2, cores); n++) workers.append(new Option(String(n), String(n)));
    workers.value = String(Math.max(1, cores - 1));
    const requested = new URLSearchParams(location.search).get('reproduce.workers');
    if (requested && [...workers.options].some((o) => o.value === requested)) workers.value = requested;
    part(this, 'start').addEventListener('click', () => void this.start());
    part(this, 'stop').addEventListener('click', () => this.running?.stop());
    part(this, 'forget').addEventListener('click', () => void this.forget());
    this.querySelector<HTMLInputElement>('[data-part="all-seeds"]')?.addEventListener('change', () => this.showEstimate());
    workers.addEventListener('change', () => this.showEstimate());
    part(this, 'body').hidden = false;
    setStatus(this, 'ready', 'Ready. Training runs in background threads of this page; nothing is sent anywhere.');
    this.showEstimate();
    void this.showUsage();
    this.dataset.runState = 'idle';
  }

  private get allSeeds(): boolean {
    return this.querySelector<HTMLInputElement>('[data-part="all-seeds"]')?.checked ?? false;
  }

  /** What the run will download and, from the build's own times, about how long it takes. */
  private showEstimate(): void {
    const parallel = Number(part<HTMLSelectElement>(this, 'workers').value);
    const times: number[] = [];
    for (const m of this.config.models) for (const s of m.seeds) if (this.allSeeds || s.seed === m.publishedSeed) times.push(s.buildSecondsPerEpoch * s.epochs);
    const lanes = Array.from({ length: parallel }, () => 0);
    for (const t of times.sort((a, b) => b - a)) lanes[lanes.indexOf(Math.min(...lanes))] += t;
    const datasets = new Set(this.config.models.flatMap((m) => [m.dataset]));
    const bytes = [...datasets].reduce((a, d) => {
      const offer = this.config.datasets[d];
      return a + (offer.available ? offer.files.reduce((b, f) => b + f.gzBytes, 0) : 0);
    }, 0);
    part(this, 'estimate').textContent =
      `${times.length} model${times.length === 1 ? '' : 's'} to train, about ${duration(Math.max(...lanes))} with ${parallel} worker${parallel === 1 ? '' : 's'} ` +
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
      const { runSection } = await import('../reproduce/section-run.ts');
      stop.hidden = false;
      await runSection(this, this.config, { allSeeds: this.allSeeds, parallel: Number(part<HTMLSelectElement>(this, 'workers').value) }, (control) => (this.running = control));
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

if (!customElements.get('reproduce-section')) customElements.define('reproduce-section', ReproduceSection);
