/**
 * <draw-pad>: draw a digit with mouse, finger or pen (pointer events), or drop / choose an image file; the
 * drawing goes through the MNIST preprocessing (src/client/preprocess.ts) and the model predicts it live.
 * Server values: data-config (widget-config.ts: dataset, model, class names). A model the reader
 * trained on this site can predict instead of the published one (model-choice.ts).
 */
import { checkImageFile, fitInto } from '../files.ts';
import { argmax } from '../../../core/stats.ts';
import { borderLuminance, inkFromRgba, luminanceMap, preprocessDigit } from '../preprocess.ts';
import type { DatasetId } from '../../../schema/results.ts';
import { ModelChoice } from '../model-choice.ts';
import type { Classifier } from '../tf.ts';
import { drawPadConfig, readConfig, type DrawPadConfig } from '../widget-config.ts';
import { ProbabilityList, coalesce, drawImage, part, percent, showBody, startModel, startWhenVisible } from '../ui.ts';

/** Pen width relative to the pad: a digit drawn across most of the pad ends up with MNIST-like 2–3 px strokes. */
const PEN = 0.085;
const CLEAR_KEYS = ['Delete', 'Backspace', 'Escape'];

class DrawPad extends HTMLElement {
  private model: Classifier | null = null;
  private probs: ProbabilityList | null = null;
  private pad!: HTMLCanvasElement;
  private ctx!: CanvasRenderingContext2D;
  private last = new Map<number, { x: number; y: number }>();
  private frame = 0;
  /** What the result line says with nothing drawn (the build's text). */
  private emptyText = '';
  /** One prediction at a time; strokes drawn meanwhile collapse into one more. */
  private readonly predict = coalesce(() => this.predictOnce());

  connectedCallback(): void {
    if (this.dataset.started) return;
    const config = readConfig(this, drawPadConfig);
    if (!config) return;
    startWhenVisible(this, () => this.start(config));
  }

  private async start(config: DrawPadConfig): Promise<void> {
    const loaded = await startModel(this, config.model.url, config.model.name);
    if (!loaded) return;
    this.model = loaded.model;
    const published = loaded.model;
    new ModelChoice({
      root: this,
      anchor: part(this, 'result'),
      rt: loaded.rt,
      dataset: () => config.dataset as DatasetId,
      published: () => ({ model: published, name: config.model.name }),
      use: async (model) => {
        this.model = model;
        await this.predict();
      },
    });
    this.probs = new ProbabilityList(config.classNames, 'Class probabilities of your drawing');
    part(this, 'probs').replaceChildren(this.probs.el);
    this.pad = part<HTMLCanvasElement>(this, 'pad');
    const ctx = this.pad.getContext('2d', { willReadFrequently: true });
    if (!ctx) return;
    this.ctx = ctx;
    this.emptyText = part(this, 'result').textContent ?? '';
    this.clear();
    this.wire();
    showBody(this, true);
  }

  private wire(): void {
    const pad = this.pad;
    pad.addEventListener('pointerdown', (e) => {
      if (e.button !== 0 && e.pointerType === 'mouse') return;
      e.preventDefault();
      try {
        pad.setPointerCapture(e.pointerId);
      } catch {
        // A synthetic event's pointer cannot be captured; drawing still works while it stays on the pad.
      }
      pad.focus({ preventScroll: true });
      const p = this.point(e);
      this.last.set(e.pointerId, p);
      this.stroke(p, p);
    });
    pad.addEventListener('pointermove', (e) => {
      const prev = this.last.get(e.pointerId);
      if (!prev) return;
      const events = typeof e.getCoalescedEvents === 'function' ? e.getCoalescedEvents() : [];
      let from = prev;
      for (const ev of events.length ? events : [e]) {
        const p = this.point(ev);
        this.stroke(from, p);
        from = p;
      }
      this.last.set(e.pointerId, from);
      this.schedule();
    });
    const end = (e: PointerEvent) => {
      if (this.last.delete(e.pointerId)) void this.predict();
    };
    pad.addEventListener('pointerup', end);
    pad.addEventListener('pointercancel', end);
    pad.addEventListener('keydown', (e) => {
      if (CLEAR_KEYS.includes(e.key)) {
        e.preventDefault();
        this.clear();
      }
    });
    part(this, 'clear').addEventListener('click', () => this.clear());
    const input = part<HTMLInputElement>(this, 'file');
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (file) void this.loadFile(file);
      input.value = '';
    });
    pad.addEventListener('dragover', (e) => {
      e.preventDefault();
      pad.classList.add('dragging');
    });
    pad.addEventListener('dragleave', () => pad.classList.remove('dragging'));
    pad.addEventListener('drop', (e) => {
      e.preventDefault();
      pad.classList.remove('dragging');
      const file = e.dataTransfer?.files[0];
      if (file) void this.loadFile(file);
      else this.message('Only image files can be dropped here.');
    });
  }

  /** Pointer position in canvas pixels. */
  private point(e: PointerEvent): { x: number; y: number } {
    const r = this.pad.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * this.pad.width, y: ((e.clientY - r.top) / r.height) * this.pad.height };
  }

  private stroke(a: { x: number; y: number }, b: { x: number; y: number }): void {
    const ctx = this.ctx;
    ctx.strokeStyle = '#000';
    ctx.lineWidth = PEN * this.pad.width;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(a.x, a.y);
    ctx.lineTo(b.x, b.y);
    ctx.stroke();
  }

  private clear(): void {
    this.ctx.fillStyle = '#fff';
    this.ctx.fillRect(0, 0, this.pad.width, this.pad.height);
    this.message('');
    void this.predict();
  }

  /** A line under the pad: what was loaded (info) or why a file was refused (error). */
  private message(text: string, kind: 'info' | 'error' = 'error'): void {
    const el = part(this, 'message');
    el.textContent = text;
    el.hidden = !text;
    el.className = kind === 'error' ? 'w-error' : 'w-note';
    el.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  }

  private async loadFile(file: File): Promise<void> {
    const problem = checkImageFile(file);
    if (problem) return this.message(problem);
    let bitmap: ImageBitmap;
    try {
      bitmap = await createImageBitmap(file);
    } catch {
      return this.message(`“${file.name}” could not be read as an image.`);
    }
    const side = this.pad.width;
    const { width: w, height: hgt } = bitmap;
    const { scale, dx, dy } = fitInto(w, hgt, side);
    const paint = (paper: string) => {
      this.ctx.fillStyle = paper;
      this.ctx.fillRect(0, 0, side, side);
      this.ctx.imageSmoothingQuality = 'high';
      this.ctx.drawImage(bitmap, 0, 0, w, hgt, dx, dy, w * scale, hgt * scale);
    };
    // The margins take the picture's own background (light or dark), so that its ink is still told apart.
    paint('#fff');
    const x0 = Math.floor(dx);
    const y0 = Math.floor(dy);
    const rw = Math.max(1, Math.ceil(w * scale));
    const rh = Math.max(1, Math.ceil(hgt * scale));
    const region = this.ctx.getImageData(x0, y0, rw, rh);
    if (borderLuminance(luminanceMap(region.data, rw, rh), rw, rh) < 0.5) paint('#000');
    bitmap.close();
    this.message(`Showing “${file.name}” (${w} × ${hgt} pixels, fitted into the pad).`, 'info');
    await this.predict();
  }

  /** One prediction per animation frame while drawing. */
  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      void this.predict();
    });
  }

  private async predictOnce(): Promise<void> {
    if (!this.model || !this.probs) return;
    const { width, height } = this.pad;
    const ink = inkFromRgba(this.ctx.getImageData(0, 0, width, height).data, width, height);
    const input = preprocessDigit(ink);
    const view = part<HTMLCanvasElement>(this, 'input');
    const out = part(this, 'result');
    if (!input) {
      drawImage(view, new Float32Array(784));
      this.probs.clear();
      out.textContent = this.emptyText;
      delete this.dataset.predicted;
      return;
    }
    drawImage(view, input);
    const probs = await this.model.predict(input, 1);
    const c = argmax(probs);
    this.probs.update(probs);
    out.textContent = `The model reads ${this.probs.el.querySelectorAll('.w-class')[c]?.textContent ?? c} (${percent(probs[c])}).`;
    this.dataset.predicted = String(c);
  }
}

if (!customElements.get('draw-pad')) customElements.define('draw-pad', DrawPad);
