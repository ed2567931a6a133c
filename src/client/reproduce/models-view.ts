/**
 * The table of models under reproduction: status, time left and SHA-256 against the published weights,
 * and the line with the whole set's time left. The scheduler's updates (many a second) only mark the view
 * stale; it is redrawn through a ThrottledDraw, so the page stays responsive.
 */
import { ThrottledDraw } from '../throttled-draw.ts';
import { h } from '../ui.ts';
import { duration } from './eta.ts';
import type { ModelState, Scheduler } from './scheduler.ts';

const STATUS: Record<ModelState['phase'], string> = {
  waiting: 'waiting for a worker',
  kept: 'kept in this browser: not trained again',
  starting: 'starting',
  downloading: 'downloading the data',
  training: 'training',
  scoring: 'scoring',
  done: 'trained',
  stopped: 'stopped',
  error: 'failed',
};

export class ModelsView {
  private rows: { status: HTMLElement; eta: HTMLElement; sha: HTMLElement; verdict: HTMLElement }[] = [];
  private readonly redraw = new ThrottledDraw(() => this.render());

  constructor(
    tbody: HTMLElement,
    private readonly total: HTMLElement,
    private readonly scheduler: Scheduler,
  ) {
    tbody.replaceChildren(
      ...scheduler.models.map((m) => {
        const row = { status: h('td'), eta: h('td'), sha: h('td', { class: 'rp-sha' }), verdict: h('td', { class: 'rp-sha' }) };
        this.rows.push(row);
        return h('tr', {}, h('th', { scope: 'row', text: m.model }), h('td', { text: String(m.seed) }), row.status, row.eta, row.sha, row.verdict);
      }),
    );
    this.redraw.now();
  }

  /** Asks for a redraw. */
  changed(): void {
    this.redraw.request();
  }

  private render(): void {
    const { models: etas, total } = this.scheduler.etas();
    this.scheduler.states.forEach((s, i) => {
      const m = this.scheduler.models[i];
      const row = this.rows[i];
      const epochs = m.job.settings.epochs;
      let status = STATUS[s.phase];
      if (s.phase === 'training') status = `epoch ${Math.min(epochs, s.epochsDone + 1)} of ${epochs}${s.batch ? `, step ${s.batch.step} of ${s.batch.steps}` : ''}${s.resumedFrom ? ` (resumed after epoch ${s.resumedFrom})` : ''}`;
      if (s.phase === 'downloading' && s.download) status = `downloading the data: ${Math.round((100 * s.download.loaded) / Math.max(1, s.download.total))} %`;
      if (s.phase === 'done' && s.seconds !== null) status = `trained in ${duration(s.seconds)} (${(s.seconds / epochs).toFixed(2)} s/epoch)`;
      if (s.phase === 'stopped') status = `stopped after epoch ${s.epochsDone} of ${epochs}: resumes from there`;
      if (s.phase === 'error') status = `failed: ${s.error}`;
      row.status.textContent = status;
      const eta = etas[i];
      row.eta.textContent = ['done', 'kept'].includes(s.phase) ? '—' : eta === null ? 'estimating…' : duration(eta);
      row.sha.textContent = s.sha256 ?? '';
      if (s.sha256 && m.publishedSha256) {
        const same = s.sha256 === m.publishedSha256;
        row.verdict.textContent = same ? 'identical' : `differs: ${m.publishedSha256}`;
        row.verdict.className = `rp-sha ${same ? 'rp-same' : 'rp-differs'}`;
      } else row.verdict.textContent = m.publishedSha256 ? '' : 'not published';
    });
    const left = this.scheduler.states.filter((s) => !['done', 'kept'].includes(s.phase)).length;
    this.total.textContent = left === 0
      ? `All ${this.scheduler.models.length} models ready.`
      : `${left} of ${this.scheduler.models.length} models to go${total === null ? ', time left: estimating…' : `, about ${duration(total)} left with ${this.scheduler.parallel} worker${this.scheduler.parallel === 1 ? '' : 's'}`}.`;
  }

  /** Draws the last state (the run ended or stopped). */
  dispose(): void {
    this.redraw.now();
  }
}
