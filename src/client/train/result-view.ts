/**
 * The end of a "Train it yourself" run, finished or stopped: the verdict (bit for bit against the
 * published weights when the settings are the published ones, else where the result falls among the
 * published seeds), the figures, the two files to download, and "your model" offered to the page's
 * other widgets.
 */
import type { LayersFiles } from '../../../trainer/artifacts.ts';
import { datasetEntry } from '../../../core/datasets.ts';
import { browserEngine, engineLabel } from '../browser-engine.ts';
import { h, part } from '../ui.ts';
import { offerModel } from '../your-model.ts';
import { sha256Hex } from '../../../core/sha256.ts';
import type { RunConfig } from './settings.ts';
import { maxAbsDiff, placeAmong, verdict } from './verdict.ts';
import { pct } from '../../../core/format.ts';

export interface PublishedRun {
  sha256: string;
  weightsUrl: string;
  testAccuracy: number;
  backend: string;
}

/** The seeds a result is placed among, and the build-time curve of the run's own (or published) seed. */
export interface SeedRuns {
  model: string;
  seed: number;
  testAccuracies: number[];
  /** Test accuracy of that seed's build-time run after each epoch. */
  testByEpoch: number[];
}

export interface Outcome {
  settings: RunConfig;
  modelJson: LayersFiles['modelJson'];
  weights: ArrayBuffer;
  testAccuracy: number;
  /** Epochs the weights went through: `settings.epochs` unless stopped. */
  epochs: number;
  stopped: boolean;
  /** Training seconds, when the run finished. */
  seconds?: number;
  trainer?: string;
  /** Known already (the worker hashes a finished run's file). */
  sha256?: string;
}

export class ResultView {
  private urls: string[] = [];

  constructor(private readonly root: HTMLElement) {}

  /** Shows `o`; with `published`, the run is compared with the published weights bit for bit. */
  async show(o: Outcome, published: PublishedRun | null, seeds: SeedRuns | null): Promise<void> {
    const sha256 = o.sha256 ?? (await sha256Hex(new Uint8Array(o.weights)));
    const figures = part(this.root, 'figures');
    figures.replaceChildren();
    const row = (k: string, v: string) => figures.append(h('dt', { text: k }), h('dd', { text: v }));
    const notes: string[] = [];
    row('test accuracy', pct(o.testAccuracy));
    row('SHA-256 of weights.bin', sha256);
    if (o.trainer) row('trainer', o.trainer);
    if (o.seconds !== undefined) row('training time', `${o.seconds.toFixed(1)} s`);
    Object.assign(this.root.dataset, { sha256, testAccuracy: String(o.testAccuracy) });
    if (o.seconds !== undefined) this.root.dataset.seconds = o.seconds.toFixed(2);
    const verdictEl = part(this.root, 'verdict');
    verdictEl.className = 'w-verdict';
    delete this.root.dataset.identical;
    if (o.stopped) {
      const ref = seeds?.testByEpoch[o.epochs - 1];
      verdictEl.textContent = `Stopped after ${o.epochs} of ${o.settings.epochs} epochs: these are the weights after epoch ${o.epochs}, test accuracy ${pct(o.testAccuracy)}${
        seeds && ref !== undefined ? ` (the build-time run of ${seeds.model}, seed ${seeds.seed}, had ${pct(ref)} after epoch ${o.epochs})` : ''
      }.`;
    } else if (published) {
      let maxDiff: number | null = null;
      try {
        const res = await fetch(published.weightsUrl);
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        maxDiff = maxAbsDiff(new Float32Array(o.weights), new Float32Array(await res.arrayBuffer()));
      } catch (err) {
        notes.push(`The published weights could not be fetched for the element-wise comparison (${err instanceof Error ? err.message : String(err)}).`);
      }
      const engine = browserEngine(navigator.userAgent);
      const v = verdict({ engine: engineLabel(engine), sha256, publishedSha256: published.sha256, maxDiff, testAccuracy: o.testAccuracy, publishedTestAccuracy: published.testAccuracy, publishedBackend: published.backend });
      row('published test accuracy', pct(published.testAccuracy));
      row('published SHA-256', published.sha256);
      row('max |Δw|', maxDiff === null ? '—' : String(maxDiff));
      row('test Δ', `${((o.testAccuracy - published.testAccuracy) * 100).toFixed(2)} points`);
      verdictEl.textContent = v.text;
      verdictEl.classList.add(v.identical ? 'good' : 'bad');
      Object.assign(this.root.dataset, { identical: String(v.identical), maxDiff: String(maxDiff), engine: engine ?? 'unknown' });
    } else {
      verdictEl.textContent = seeds?.testAccuracies.length ? placeAmong(o.testAccuracy, seeds.testAccuracies) : `Test accuracy ${pct(o.testAccuracy)}.`;
      if (seeds) notes.push(`The published seeds are ${seeds.model}’s (${seeds.testAccuracies.length} seeds, the study’s settings); your settings differ from them.`);
    }
    part(this.root, 'result-notes').textContent = notes.join(' ');
    this.offer(o, sha256);
    part(this.root, 'result').hidden = false;
    part(this.root, 'announce').textContent = verdictEl.textContent ?? '';
  }

  /** Hides the previous run's result (its files stay offered to the other widgets). */
  hide(): void {
    part(this.root, 'result').hidden = true;
  }

  private offer(o: Outcome, sha256: string): void {
    const s = o.settings;
    for (const u of this.urls) URL.revokeObjectURL(u);
    const json = URL.createObjectURL(new Blob([JSON.stringify(o.modelJson)], { type: 'application/json' }));
    const bin = URL.createObjectURL(new Blob([o.weights], { type: 'application/octet-stream' }));
    this.urls = [json, bin];
    part<HTMLAnchorElement>(this.root, 'download-json').href = json;
    part<HTMLAnchorElement>(this.root, 'download-bin').href = bin;
    const label = `your model (784-${s.units}-10, ${o.epochs} epoch${o.epochs === 1 ? '' : 's'}${o.stopped ? ' (stopped)' : ''}, seed ${s.seed})`;
    // Keyed by content: the same weights are the same model on every page, different ones never collide.
    const offered = part(this.root, 'offered');
    offered.textContent = `The site’s live widgets for ${datasetEntry(s.dataset).title} — re-predict here, and in this browser also on the other pages — now offer “${label}” beside the published model, until you choose “Forget your model” in one of them.`;
    void offerModel({ key: `your-model-${sha256}`, label, dataset: s.dataset, files: { modelJson: o.modelJson, weights: o.weights } }).then((kept) => {
      if (kept) return;
      offered.textContent = `The live widgets on this page now offer “${label}” beside the published model. This browser does not let the site keep it (no IndexedDB, as in some private windows), so the other pages will not offer it, and it is gone when you leave this page: download it below to keep it.`;
      this.root.dataset.modelKept = 'false';
    });
  }
}
