/**
 * <alpha-explorer>: blends two gallery images with α from a slider and predicts the blend live; the
 * probability curves over α ∈ [−1, 2] are one batch of 100 blends, recomputed whenever the sources change.
 * Server values: data-config (widget-config.ts: the sources, one per dataset, the threshold, the section's α range), data-url-key
 * (the prefix of its state in the address: dataset, both images by test index, α). A model the reader
 * trained on this site can predict instead of the dataset's published one (model-choice.ts).
 */
import { findItem, galleryImage, type Gallery } from '../gallery.ts';
import { linspace, roundAlpha } from '../math.ts';
import { blend, blendBatch, truthAt, type AlphaRule } from '../../../core/alpha.ts';
import { argmax } from '../../../core/stats.ts';
import { PIXELS } from '../../../core/network.ts';
import type { DatasetId } from '../../../schema/results.ts';
import { ModelChoice } from '../model-choice.ts';
import type { Classifier, Runtime } from '../tf.ts';
import { readAddress, showAddressProblems, wireShareLink, writeAddress } from '../address.ts';
import { TEST_INDEX, decimal, missingImage, oneOf, type Field, type Problem, type Values } from '../url-state.ts';
import { alphaExplorerConfig, readConfig, type AlphaExplorerConfig, type AlphaSource } from '../widget-config.ts';
import { ProbabilityList, coalesce, drawImage, h, part, showBody, showError, startModelAndGallery, startWhenVisible } from '../ui.ts';
import { PALETTE, curveChart, curveSummary, type CurveChart } from './alpha-chart.ts';

/** Number of blends in the curve (the original's 100 images), evenly over the slider's range. */
const CURVE_POINTS = 100;
const CURVE_ALPHAS = linspace(-1, 2, CURVE_POINTS);

type Source = AlphaSource;

type AddressFields = { ds: Field<string>; i1: Field<number>; i2: Field<number>; a: Field<number> };

class AlphaExplorer extends HTMLElement {
  private config!: AlphaExplorerConfig;
  private sources: Source[] = [];
  private fields: AddressFields | null = null;
  /** The state asked for by the address, used once on the first load, and the values it could not use. */
  private restore: Partial<Values<AddressFields>> = {};
  private problems: Problem[] = [];
  /** The current dataset's default pair, as test indices (what the address leaves out). */
  private defaults: { i1: number; i2: number } = { i1: 0, i2: 0 };
  private rt: Runtime | null = null;
  /** The current dataset's published model, and the choice between it and the reader's. */
  private published: { model: Classifier; name: string } | null = null;
  private choice: ModelChoice | null = null;
  private model: Classifier | null = null;
  private gallery: Gallery | null = null;
  private i1 = new Float32Array(PIXELS);
  private i2 = new Float32Array(PIXELS);
  private probs: ProbabilityList | null = null;
  private chart: CurveChart | null = null;
  /** Predicts the blend at the slider's α; input events during a prediction collapse into one more run. */
  private readonly refresh = coalesce(async () => {
    try {
      await this.predictCurrent();
    } catch (err) {
      showError(this, `The prediction failed. Details: ${err instanceof Error ? err.message : String(err)}`);
    }
  });

  connectedCallback(): void {
    if (this.dataset.started) return;
    // No config or no controls (the build found no gallery): the shell says so, nothing to start.
    const slider = this.querySelector<HTMLInputElement>('[data-part="alpha"]');
    if (!this.dataset.config || !slider) return;
    const config = readConfig(this, alphaExplorerConfig);
    if (!config) return;
    this.config = config;
    this.sources = config.sources;
    this.fields = { ds: oneOf(this.sources.map((s) => s.id)), i1: TEST_INDEX, i2: TEST_INDEX, a: decimal(Number(slider.min), Number(slider.max), 2) };
    ({ values: this.restore, problems: this.problems } = readAddress(this, this.fields));
    const src = this.sources.find((s) => s.id === this.restore.ds) ?? this.sources[0];
    startWhenVisible(this, () => this.useSource(src, true));
  }

  private get alpha(): number {
    return roundAlpha(Number(part<HTMLInputElement>(this, 'alpha').value));
  }

  private rule(): AlphaRule {
    const g = this.gallery;
    const label = (sel: string) => (g ? g.items[Number(part<HTMLSelectElement>(this, sel).value)]?.label ?? 0 : 0);
    return { label1: label('src1'), label2: label('src2'), threshold: this.config.threshold };
  }

  /** Loads (once) the model and gallery of a dataset and resets the sources to its default pair. */
  private async useSource(src: Source, first: boolean): Promise<void> {
    const loaded = await startModelAndGallery(this, { url: src.modelUrl, name: src.modelName }, { url: src.galleryUrl, binaryUrl: src.binaryUrl });
    if (!loaded) return;
    const gallery = loaded.gallery;
    this.rt = loaded.rt;
    this.model = loaded.model;
    this.gallery = gallery;
    this.dataset.dataset = src.id;
    const published = { model: loaded.model, name: src.modelName };
    this.choice ??= new ModelChoice({
      root: this,
      anchor: part(this, 'verdict'),
      rt: loaded.rt,
      dataset: () => this.dataset.dataset as DatasetId,
      published: () => this.published ?? published,
      use: async (model) => {
        this.model = model;
        await this.sourcesChanged();
      },
    });
    this.published = published;
    this.choice.reset();
    if (first) this.build(src);
    this.probs = new ProbabilityList(gallery.classNames, 'Class probabilities of the blended image');
    part(this, 'probs').replaceChildren(this.probs.el);
    part(this, 'legend').replaceChildren(
      ...gallery.classNames.map((n, c) => {
        const sw = h('span', { class: 'w-swatch' });
        sw.style.background = PALETTE[c];
        return h('li', {}, sw, n);
      }),
    );
    for (const [sel, key, index, label] of [['src1', 'i1', src.i1, src.l1], ['src2', 'i2', src.i2, src.l2]] as const) {
      const select = part<HTMLSelectElement>(this, sel);
      select.replaceChildren(...gallery.items.map((it, i) => h('option', { value: i, text: `#${it.index} · ${gallery.classNames[it.label]}` })));
      const fallback = Math.max(0, findItem(gallery, index, label));
      this.defaults[key] = gallery.items[fallback].index;
      const asked = first ? this.restore[key] : undefined;
      const at = asked === undefined ? -1 : gallery.items.findIndex((it) => it.index === asked);
      if (asked !== undefined && at < 0) this.problems.push(missingImage(`${this.dataset.urlKey}.${key}`, asked, gallery.items.length));
      select.value = String(at >= 0 ? at : fallback);
    }
    if (first) {
      if (this.restore.a !== undefined) part<HTMLInputElement>(this, 'alpha').value = String(this.restore.a);
      showAddressProblems(this, this.problems);
    }
    await this.sourcesChanged();
  }

  /** Wires the controls once; `src` is the dataset shown first. */
  private build(src: Source): void {
    showBody(this, true);
    const radio = this.querySelector<HTMLInputElement>(`[data-part="dataset-${src.id}"]`);
    if (radio) radio.checked = true;
    wireShareLink(this);
    const range: [number, number] = this.config.range;
    const holder = part(this, 'curve');
    this.chart = curveChart(range, this.config.threshold, 'Class probabilities of the blend as α goes from −1 to 2', holder.clientWidth);
    holder.append(this.chart.svg);
    part(this, 'src1').addEventListener('change', () => void this.sourcesChanged());
    part(this, 'src2').addEventListener('change', () => void this.sourcesChanged());
    part(this, 'alpha').addEventListener('input', () => void this.refresh());
    for (const src of this.sources) {
      this.querySelector<HTMLInputElement>(`[data-part="dataset-${src.id}"]`)?.addEventListener('change', (e) => {
        if ((e.target as HTMLInputElement).checked) void this.useSource(src, false);
      });
    }
  }

  /** New source images: redraw them, recompute the curves in one batch, then the current α. */
  private async sourcesChanged(): Promise<void> {
    const g = this.gallery;
    if (!g || !this.model || !this.chart) return;
    galleryImage(g, Number(part<HTMLSelectElement>(this, 'src1').value), this.i1);
    galleryImage(g, Number(part<HTMLSelectElement>(this, 'src2').value), this.i2);
    drawImage(part<HTMLCanvasElement>(this, 'src1-img'), this.i1);
    drawImage(part<HTMLCanvasElement>(this, 'src2-img'), this.i2);
    const t0 = performance.now();
    const curves = await this.model.predict(blendBatch(this.i1, this.i2, CURVE_ALPHAS), CURVE_POINTS);
    const ms = performance.now() - t0;
    const rule = this.rule();
    this.chart.setCurves(CURVE_ALPHAS, curves, [rule.label1, rule.label2]);
    const summary = curveSummary(CURVE_ALPHAS, curves, g.classNames, (a) => truthAt(a, rule));
    part(this, 'curve-summary').textContent = summary.text;
    const first = this.dataset.curveRuns === undefined ? ' (the first run also prepares the backend’s programs)' : '';
    part(this, 'timing').textContent = `The ${CURVE_POINTS} blends of the curve were predicted in one batch in ${ms.toFixed(1)} ms on ${this.rt?.backend.name}${first}.`;
    const runs = String(Number(this.dataset.curveRuns ?? 0) + 1);
    Object.assign(this.dataset, { curveMs: ms.toFixed(2), curvePoints: String(CURVE_POINTS), curveAgree: String(summary.agree), curveRuns: runs });
    await this.refresh();
  }

  private async predictCurrent(): Promise<void> {
    const g = this.gallery;
    if (!g || !this.model || !this.probs || !this.chart) return;
    const alpha = this.alpha;
    const slider = part<HTMLInputElement>(this, 'alpha');
    const text = alpha.toFixed(2).replace('-', '−');
    part(this, 'alpha-value').textContent = text;
    slider.setAttribute('aria-valuetext', `α = ${text}`);
    const img = blend(this.i1, this.i2, alpha);
    drawImage(part<HTMLCanvasElement>(this, 'blend-img'), img);
    const probs = await this.model.predict(img, 1);
    const rule = this.rule();
    const truth = truthAt(alpha, rule);
    const predicted = argmax(probs);
    this.probs.update(probs, { truth });
    this.chart.setMarker(alpha, probs);
    const verdict = part(this, 'verdict');
    const name = (c: number) => g.classNames[c];
    const side = alpha >= rule.threshold ? `α ≥ ${rule.threshold}` : `α < ${rule.threshold}`;
    verdict.textContent = `At α = ${text} the model predicts ${name(predicted)}; the rule (${side}) says ${name(truth)}: ${
      predicted === truth ? 'agrees' : 'disagrees'
    }.`;
    verdict.className = `w-verdict ${predicted === truth ? 'good' : 'bad'}`;
    this.saveAddress(alpha);
    Object.assign(this.dataset, {
      alpha: String(alpha),
      predicted: String(predicted),
      truth: String(truth),
      tensors: String(this.rt?.tensorCount() ?? ''),
    });
  }

  /** Puts the current view into the address (defaults left out). */
  private saveAddress(alpha: number): void {
    const g = this.gallery;
    if (!g || !this.fields) return;
    const item = (sel: string) => g.items[Number(part<HTMLSelectElement>(this, sel).value)]?.index ?? 0;
    const values = { ds: this.dataset.dataset ?? this.sources[0].id, i1: item('src1'), i2: item('src2'), a: alpha };
    const slider = part<HTMLInputElement>(this, 'alpha');
    writeAddress(this, this.fields, values, { ds: this.sources[0].id, ...this.defaults, a: Number(slider.defaultValue) });
  }
}

if (!customElements.get('alpha-explorer')) customElements.define('alpha-explorer', AlphaExplorer);
