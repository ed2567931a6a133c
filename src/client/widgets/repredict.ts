/**
 * <repredict-gallery>: the bundled test images, predicted live. Server values arrive as data-config
 * (widget-config.ts) and data-url-key; see src/components/widgets/RePredict.astro. The chosen
 * image (its test index) is kept in the address. A model the reader trained on this site (your-model.ts)
 * appears as a second choice beside the published one (model-choice.ts).
 */
import { galleryBatch, galleryImage, type Gallery } from '../gallery.ts';
import { compareWithBuild } from '../math.ts';
import { argmax } from '../../../core/stats.ts';
import { PIXELS } from '../../../core/network.ts';
import type { Classifier, Runtime } from '../tf.ts';
import { readAddress, showAddressProblems, wireShareLink, writeAddress } from '../address.ts';
import { TEST_INDEX, missingImage } from '../url-state.ts';
import type { DatasetId } from '../../../schema/results.ts';
import { ModelChoice } from '../model-choice.ts';
import type { YourModel } from '../your-model.ts';
import { readConfig, rePredictConfig, type RePredictConfig } from '../widget-config.ts';
import { pageLabel } from './gallery-page.ts';
import { ProbabilityList, drawImage, h, part, showBody, startModelAndGallery, startWhenVisible } from '../ui.ts';

const FIELDS = { img: TEST_INDEX };

class RePredictGallery extends HTMLElement {
  private config!: RePredictConfig;
  private gallery: Gallery | null = null;
  private model: Classifier | null = null;
  private rt: Runtime | null = null;
  /** Published or yours; while yours predicts, the build's predictions are not compared. */
  private choice: ModelChoice | null = null;
  private page = 0;
  private selected = -1;
  private probs: ProbabilityList | null = null;
  /** Live predictions of every image after "check all" (count × 10). */
  private all: Float32Array | null = null;

  connectedCallback(): void {
    // No config: the build found no gallery, and the shell says so.
    if (!this.dataset.config || this.dataset.started) return;
    const config = readConfig(this, rePredictConfig);
    if (!config) return;
    this.config = config;
    startWhenVisible(this, () => this.start());
  }

  private async start(): Promise<void> {
    const { model, gallery } = this.config;
    const loaded = await startModelAndGallery(this, model, gallery);
    if (!loaded) return;
    this.gallery = loaded.gallery;
    this.model = loaded.model;
    this.rt = loaded.rt;
    this.probs = new ProbabilityList(this.gallery.classNames, 'Class probabilities of the chosen image');
    part(this, 'probs').replaceChildren(this.probs.el);
    showBody(this, true);
    part(this, 'prev').addEventListener('click', () => this.showPage(this.page - 1, true));
    part(this, 'next').addEventListener('click', () => this.showPage(this.page + 1, true));
    part(this, 'check').addEventListener('click', () => void this.checkAll());
    part(this, 'grid').addEventListener('keydown', (e) => this.onKey(e));
    wireShareLink(this);
    const g = this.gallery;
    const { values, problems } = readAddress(this, FIELDS);
    let at = values.img === undefined ? 0 : g.items.findIndex((it) => it.index === values.img);
    if (at < 0) {
      problems.push(missingImage(`${this.dataset.urlKey}.img`, values.img ?? 0, g.items.length));
      at = 0;
    }
    showAddressProblems(this, problems);
    this.showPage(Math.floor(at / this.config.page), false);
    await this.select(at);
    const published = loaded.model;
    this.choice = new ModelChoice({
      root: this,
      anchor: part(this, 'grid'),
      rt: this.rt,
      dataset: () => this.config.dataset as DatasetId,
      published: () => ({ model: published, name: this.config.model.name }),
      use: (model) => this.useModel(model),
    });
  }

  private get yours(): YourModel | null {
    return this.choice?.yours ?? null;
  }

  private get compare(): boolean {
    return this.config.compare && this.yours === null;
  }

  /** Predicts with `model` from now on (the choice between the published model and yours). */
  private async useModel(model: Classifier): Promise<void> {
    this.model = model;
    this.all = null;
    part(this, 'check-result').textContent = '';
    this.showPage(this.page, false);
    await this.select(Math.max(0, this.selected));
  }

  private showPage(page: number, focus: boolean): void {
    const g = this.gallery;
    if (!g) return;
    const pages = Math.ceil(g.items.length / this.config.page);
    this.page = Math.max(0, Math.min(pages - 1, page));
    const grid = part(this, 'grid');
    grid.replaceChildren();
    const from = this.page * this.config.page;
    const to = Math.min(g.items.length, from + this.config.page);
    const pixels = new Float32Array(PIXELS);
    for (let i = from; i < to; i++) {
      const it = g.items[i];
      const canvas = h('canvas', { width: 28, height: 28, 'aria-hidden': 'true' });
      drawImage(canvas, galleryImage(g, i, pixels));
      const btn = h(
        'button',
        { type: 'button', 'data-item': i, 'aria-pressed': i === this.selected ? 'true' : 'false', tabindex: i === from ? 0 : -1 },
        canvas,
      );
      btn.setAttribute('aria-label', `Test image ${it.index}, ${g.classNames[it.label]}`);
      btn.addEventListener('click', () => void this.select(i));
      this.markWrong(btn, i);
      grid.append(btn);
    }
    part(this, 'page').textContent = pageLabel(from, to, g.items.length);
    (part(this, 'prev') as HTMLButtonElement).disabled = this.page === 0;
    (part(this, 'next') as HTMLButtonElement).disabled = this.page === pages - 1;
    if (focus) grid.querySelector<HTMLButtonElement>('button')?.focus();
  }

  private markWrong(btn: HTMLElement, i: number): void {
    if (!this.all || !this.gallery) return;
    const wrong = argmax(this.all, i) !== this.gallery.items[i].label;
    btn.classList.toggle('wrong', wrong);
    if (wrong) btn.setAttribute('aria-label', `${btn.getAttribute('aria-label') ?? ''} (predicted wrongly)`);
  }

  /** Arrow keys, Home and End move between the images on the page (one tab stop for the grid). */
  private onKey(e: KeyboardEvent): void {
    const buttons = [...part(this, 'grid').querySelectorAll<HTMLButtonElement>('button')];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    const columns = buttons.filter((b) => b.offsetTop === buttons[0].offsetTop).length || 1;
    const moves: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -columns, ArrowDown: columns, Home: -at, End: buttons.length - 1 - at };
    if (!(e.key in moves)) return;
    e.preventDefault();
    const next = buttons[Math.max(0, Math.min(buttons.length - 1, at + moves[e.key]))];
    buttons.forEach((b) => (b.tabIndex = b === next ? 0 : -1));
    next.focus();
  }

  private async select(i: number): Promise<void> {
    const g = this.gallery;
    if (!g || !this.model || !this.probs) return;
    this.selected = i;
    part(this, 'grid')
      .querySelectorAll<HTMLButtonElement>('button')
      .forEach((b) => {
        const on = Number(b.dataset.item) === i;
        b.setAttribute('aria-pressed', String(on));
        if (on) b.tabIndex = 0;
        else if (b.tabIndex === 0 && b !== document.activeElement) b.tabIndex = -1;
      });
    const it = g.items[i];
    const img = galleryImage(g, i);
    drawImage(part<HTMLCanvasElement>(this, 'image'), img);
    const probs = await this.model.predict(img, 1);
    const live = argmax(probs);
    this.probs.update(probs, { reference: this.compare ? it.probabilities : undefined, truth: it.label });
    const name = (c: number) => g.classNames[c];
    const by = this.yours ? ` by ${this.yours.label}` : '';
    const parts = [`Test image ${it.index}: true class ${name(it.label)}.`, `Live prediction${by}: ${name(live)} (${live === it.label ? 'right' : 'wrong'}).`];
    if (this.compare) parts.push(`Build-time prediction: ${name(it.predicted)}${live === it.predicted ? ', the same' : ', different'}.`);
    part(this, 'caption').textContent = parts.join(' ');
    writeAddress(this, FIELDS, { img: it.index }, { img: g.items[0].index });
    this.dataset.selected = String(i);
    this.dataset.livePrediction = String(live);
  }

  /** Predicts the whole gallery in one batch and compares with the labels and the build. */
  private async checkAll(): Promise<void> {
    const g = this.gallery;
    if (!g || !this.model) return;
    const button = part<HTMLButtonElement>(this, 'check');
    const out = part(this, 'check-result');
    button.disabled = true;
    out.textContent = `Predicting ${g.items.length} images…`;
    try {
      const t0 = performance.now();
      const probs = await this.model.predict(galleryBatch(g, g.items.map((_, i) => i)), g.items.length);
      const ms = performance.now() - t0;
      this.all = probs;
      const r = compareWithBuild(probs, g.items);
      const acc = ((100 * r.correct) / r.count).toFixed(1);
      let text = `Live accuracy on these ${r.count} images: ${acc} % (${r.correct} right), in ${ms.toFixed(0)} ms.`;
      if (this.compare) {
        text += ` The live predictions agree with the build's for ${r.agree} of ${r.count} images; the largest difference in any probability is ${r.maxDiff.toExponential(1)}.`;
      } else {
        text += ` (The build-time predictions here are from ${this.yours ? 'the published model' : this.config.model.name}, so they are not compared.)`;
      }
      out.textContent = text;
      Object.assign(this.dataset, {
        checkCount: String(r.count),
        checkCorrect: String(r.correct),
        checkAgree: String(r.agree),
        checkMaxDiff: String(r.maxDiff),
        checkMs: ms.toFixed(1),
      });
      this.showPage(this.page, false);
    } catch (err) {
      out.textContent = `The check failed: ${err instanceof Error ? err.message : String(err)}`;
    } finally {
      button.disabled = false;
    }
  }
}

if (!customElements.get('repredict-gallery')) customElements.define('repredict-gallery', RePredictGallery);
