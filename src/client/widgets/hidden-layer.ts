/**
 * <hidden-layer>: the hidden Dense layer's activations for a chosen gallery image, from a sub-model of the
 * saved model (same layers, same weights), drawn as a heatmap. Server values: data-config (widget-config.ts:
 * model, units, gallery, the build-time activations of the section's images), data-url-key (the chosen
 * image's test index is kept in the address).
 */
import { findItem, galleryImage, type Gallery } from '../gallery.ts';
import { argmax } from '../../../core/stats.ts';
import type { Classifier } from '../tf.ts';
import { readAddress, showAddressProblems, wireShareLink, writeAddress } from '../address.ts';
import { TEST_INDEX, missingImage } from '../url-state.ts';
import { ProbabilityList, drawImage, h, part, showBody, showError, startModelAndGallery, startWhenVisible } from '../ui.ts';
import { HEATMAP_CELL, cssColour, gridFor, heatmapSize, hiddenStats, viridis } from './heatmap.ts';
import { hiddenLayerConfig, readConfig, type HiddenLayerConfig } from '../widget-config.ts';

const FIELDS = { img: TEST_INDEX };

class HiddenLayer extends HTMLElement {
  private model: Classifier | null = null;
  private gallery: Gallery | null = null;
  private probs: ProbabilityList | null = null;
  private values: Float32Array = new Float32Array(0);
  private cursor = 0;
  private reference = new Map<number, number[]>();
  /** The section whose listed images the reference activations are. */
  private section = '';
  /** Gallery position of the default image (the first one its section lists). */
  private fallback = 0;

  connectedCallback(): void {
    // No config: the build found no gallery, and the shell says so.
    if (!this.dataset.config || this.dataset.started) return;
    const config = readConfig(this, hiddenLayerConfig);
    if (!config) return;
    this.reference = new Map(config.reference.map((r) => [r.index, r.activations]));
    this.section = config.section;
    startWhenVisible(this, () => this.start(config));
  }

  private async start(config: HiddenLayerConfig): Promise<void> {
    const loaded = await startModelAndGallery(this, config.model, config.gallery);
    if (!loaded) return;
    const g = (this.gallery = loaded.gallery);
    this.model = loaded.model;
    this.probs = new ProbabilityList(g.classNames, 'Class probabilities of the chosen image');
    part(this, 'probs').replaceChildren(this.probs.el);
    const ramp = part(this, 'ramp');
    ramp.style.background = `linear-gradient(to right, ${[0, 0.25, 0.5, 0.75, 1].map(cssColour).join(', ')})`;
    const select = part<HTMLSelectElement>(this, 'image-select');
    select.replaceChildren(
      ...g.items.map((it, i) => h('option', { value: i, text: `#${it.index} · ${g.classNames[it.label]}${this.reference.has(it.index) ? ` (listed in section ${this.section})` : ''}` })),
    );
    const first = this.reference.keys().next();
    this.fallback = Math.max(0, findItem(g, first.done ? null : first.value, 0));
    const { values, problems } = readAddress(this, FIELDS);
    const at = values.img === undefined ? this.fallback : g.items.findIndex((it) => it.index === values.img);
    if (at < 0) problems.push(missingImage(`${this.dataset.urlKey}.img`, values.img ?? 0, g.items.length));
    showAddressProblems(this, problems);
    select.value = String(at >= 0 ? at : this.fallback);
    select.addEventListener('change', () => void this.show());
    const step = (d: number) => {
      select.value = String((Number(select.value) + d + g.items.length) % g.items.length);
      void this.show();
    };
    part(this, 'prev').addEventListener('click', () => step(-1));
    part(this, 'next').addEventListener('click', () => step(1));
    this.wireHeatmap();
    wireShareLink(this);
    showBody(this, true);
    await this.show();
  }

  private wireHeatmap(): void {
    const canvas = part<HTMLCanvasElement>(this, 'heatmap');
    const units = this.model?.units ?? 1;
    const { columns, rows } = gridFor(units);
    Object.assign(canvas, heatmapSize(units));
    canvas.addEventListener('pointermove', (e) => {
      const r = canvas.getBoundingClientRect();
      const col = Math.floor(((e.clientX - r.left) / r.width) * columns);
      const row = Math.floor(((e.clientY - r.top) / r.height) * rows);
      this.readout(row * columns + col);
    });
    canvas.addEventListener('keydown', (e) => {
      const moves: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -columns, ArrowDown: columns };
      if (!(e.key in moves)) return;
      e.preventDefault();
      this.cursor = Math.max(0, Math.min(this.values.length - 1, this.cursor + moves[e.key]));
      this.readout(this.cursor);
      this.draw();
    });
    canvas.addEventListener('focus', () => this.readout(this.cursor));
    canvas.addEventListener('blur', () => this.draw());
  }

  private readout(unit: number): void {
    if (unit < 0 || unit >= this.values.length) return;
    this.cursor = unit;
    part(this, 'readout').textContent = `Unit ${unit}: ${this.values[unit].toFixed(3)}${this.values[unit] > 0 ? '' : ' (inactive)'}`;
    this.draw();
  }

  /** Computes the hidden activations and the output of the chosen image. */
  private async show(): Promise<void> {
    const g = this.gallery;
    if (!g || !this.model || !this.probs) return;
    const i = Number(part<HTMLSelectElement>(this, 'image-select').value);
    const it = g.items[i];
    const img = galleryImage(g, i);
    drawImage(part<HTMLCanvasElement>(this, 'image'), img);
    writeAddress(this, FIELDS, { img: it.index }, { img: g.items[this.fallback].index });
    try {
      const [hidden, probs] = await Promise.all([this.model.hidden(img, 1), this.model.predict(img, 1)]);
      this.values = hidden;
      this.probs.update(probs, { truth: it.label });
      const stats = hiddenStats(hidden);
      const top = stats.top.map(([u, v]) => `#${u} (${v.toFixed(2)})`).join(', ');
      part(this, 'summary').textContent =
        `Test image ${it.index} (${g.classNames[it.label]}), predicted ${g.classNames[argmax(probs)]}: ` +
        `${stats.active} of ${hidden.length} units active; the strongest: ${top || 'none'}.`;
      part(this, 'max').textContent = stats.max.toFixed(2);
      part(this, 'values').textContent = Array.from(hidden, (v, u) => `${u}: ${v.toFixed(3)}`).join(' · ');
      this.compareWithBuild(it.index, hidden);
      Object.assign(this.dataset, { index: String(it.index), active: String(stats.active), max: String(stats.max) });
      this.readout(Math.min(this.cursor, hidden.length - 1));
    } catch (err) {
      showError(this, `The hidden layer could not be computed. Details: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private compareWithBuild(index: number, hidden: Float32Array): void {
    const ref = this.reference.get(index);
    const el = part(this, 'reference');
    if (!ref || ref.length !== hidden.length) {
      el.textContent = '';
      delete this.dataset.referenceDiff;
      return;
    }
    const diff = ref.reduce((m, v, u) => Math.max(m, Math.abs(v - hidden[u])), 0);
    el.textContent = `Section ${this.section} lists this image: its build-time activations differ from these by at most ${diff.toExponential(1)}.`;
    this.dataset.referenceDiff = String(diff);
  }

  private draw(): void {
    const canvas = part<HTMLCanvasElement>(this, 'heatmap');
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const { columns } = gridFor(this.values.length || 1);
    const max = Math.max(1e-9, ...this.values);
    ctx.fillStyle = '#777';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    this.values.forEach((v, u) => {
      const [r, g, b] = viridis(v / max);
      ctx.fillStyle = `rgb(${r}, ${g}, ${b})`;
      ctx.fillRect((u % columns) * HEATMAP_CELL, Math.floor(u / columns) * HEATMAP_CELL, HEATMAP_CELL - 1, HEATMAP_CELL - 1);
    });
    if (document.activeElement !== canvas) return;
    const u = this.cursor;
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 2;
    ctx.strokeRect((u % columns) * HEATMAP_CELL + 1, Math.floor(u / columns) * HEATMAP_CELL + 1, HEATMAP_CELL - 3, HEATMAP_CELL - 3);
  }
}

if (!customElements.get('hidden-layer')) customElements.define('hidden-layer', HiddenLayer);
