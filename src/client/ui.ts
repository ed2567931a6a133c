/**
 * DOM helpers shared by the widgets: lazy start, the status / backend / error lines every widget has,
 * 28×28 images on canvases, and the probability list (bars plus the numbers as text). No styles are set
 * through attributes: the CSP forbids inline style attributes, while CSSOM properties are allowed.
 */
import { describeBackend, describeModelError, runtime, type Classifier, type Runtime } from './tf.ts';
import { IMAGE_SIZE } from '../../core/network.ts';
import { argmax } from '../../core/stats.ts';
import { loadGallery, type Gallery } from './gallery.ts';

type Attrs = Record<string, string | number | boolean | undefined>;

/** document.createElement with attributes and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (k === 'text') el.textContent = String(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  el.append(...children);
  return el;
}

/** The widget element's part named data-part="…" (throws if the markup lacks it: a build bug). */
export function part<T extends HTMLElement = HTMLElement>(root: HTMLElement, name: string): T {
  const el = root.querySelector<T>(`[data-part="${name}"]`);
  if (!el) throw new Error(`widget markup lacks [data-part="${name}"]`);
  return el;
}

/** Runs `start` once, when the element comes within a screen of the viewport. */
function whenVisible(el: Element, start: () => void): void {
  if (!('IntersectionObserver' in window)) return start();
  const io = new IntersectionObserver(
    (entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        io.disconnect();
        start();
      }
    },
    { rootMargin: '200px 0px' },
  );
  io.observe(el);
}

/**
 * Marks a widget as started and runs its `start` when it first comes into view (tfjs loads only then).
 * Its body shows at once, inert, so that the page has its final layout before the reader scrolls:
 * a widget that grew only when it started pushed down what the reader was looking at.
 */
export function startWhenVisible(root: HTMLElement, start: () => Promise<void>): void {
  root.dataset.started = 'true';
  showBody(root, false);
  setStatus(root, 'idle', 'The model loads when this figure scrolls into view.');
  whenVisible(root, () => void start());
}

/**
 * Shows the widget's body (hidden in the HTML for readers without JavaScript): `live` once its controls
 * work; before that it is inert (its build-time placeholders hold the room the live parts will take).
 */
export function showBody(root: HTMLElement, live: boolean): void {
  const body = part(root, 'body');
  body.hidden = false;
  body.inert = !live;
}

/** Wraps an async task so that calls made while it runs collapse into one more run after it. */
export function coalesce(task: () => Promise<void>): () => Promise<void> {
  let busy = false;
  let again = false;
  return async () => {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      do {
        again = false;
        await task();
      } while (again);
    } finally {
      busy = false;
    }
  };
}

export type WidgetState = 'idle' | 'loading' | 'ready' | 'error';

/** Sets data-state and the status line. */
export function setStatus(root: HTMLElement, state: WidgetState, text: string): void {
  root.dataset.state = state;
  part(root, 'status').textContent = text;
}

/** Shows a failure in plain words; the widget's other parts stay as they are. */
export function showError(root: HTMLElement, message: string): void {
  root.dataset.state = 'error';
  const box = part(root, 'error');
  box.textContent = message;
  box.hidden = false;
  part(root, 'status').textContent = 'The live part of this figure is unavailable.';
  // A body that never came alive has nothing to offer; one that did keeps what the reader was doing.
  const body = root.querySelector<HTMLElement>('[data-part="body"]');
  if (body?.inert) body.hidden = true;
}

/**
 * Starts tfjs and loads one model, reporting progress, the backend and any fallback note on the widget.
 * Returns null (after showing the error) when anything fails.
 */
export async function startModel(root: HTMLElement, url: string, name: string): Promise<{ rt: Runtime; model: Classifier } | null> {
  setStatus(root, 'loading', 'Loading TensorFlow.js…');
  let rt: Runtime;
  try {
    rt = await runtime();
  } catch (err) {
    showError(root, `TensorFlow.js could not start here. Details: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  }
  const { label, note } = describeBackend(rt.backend);
  root.dataset.backend = rt.backend.name;
  const noteEl = part(root, 'note');
  noteEl.textContent = note ?? '';
  noteEl.hidden = note === null;
  setStatus(root, 'loading', `Loading the model ${name}…`);
  try {
    const model = await rt.loadModel(url);
    setStatus(root, 'ready', `Model ${name} running live in your browser on ${label}.`);
    return { rt, model };
  } catch (err) {
    showError(root, describeModelError(err, url));
    return null;
  }
}

/**
 * Loads a widget's model and its bundled test images side by side. Returns null (after showing the
 * error) when either fails.
 */
export async function startModelAndGallery(
  root: HTMLElement,
  model: { url: string; name: string },
  gallery: { url: string; binaryUrl: string },
): Promise<{ rt: Runtime; model: Classifier; gallery: Gallery } | null> {
  const galleryPromise = loadGallery(gallery.url, gallery.binaryUrl);
  const loaded = await startModel(root, model.url, model.name);
  let images: Gallery;
  try {
    images = await galleryPromise;
  } catch (err) {
    showError(root, `The bundled test images could not be loaded. Details: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  }
  return loaded ? { ...loaded, gallery: images } : null;
}

/** Draws 784 values in [0, 1] (or bytes 0–255) as white ink on black into a 28×28 canvas. */
export function drawImage(canvas: HTMLCanvasElement, pixels: ArrayLike<number>, bytes = false): void {
  canvas.width = IMAGE_SIZE;
  canvas.height = IMAGE_SIZE;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const img = ctx.createImageData(IMAGE_SIZE, IMAGE_SIZE);
  for (let p = 0; p < IMAGE_SIZE * IMAGE_SIZE; p++) {
    const v = bytes ? pixels[p] : Math.round(Math.min(1, Math.max(0, pixels[p])) * 255);
    img.data.set([v, v, v, 255], p * 4);
  }
  ctx.putImageData(img, 0, 0);
}

/** A probability as a percentage for reading (a no-break space keeps the number and "%" together). */
export function percent(p: number): string {
  if (p >= 0.9995) return '100\u00a0%';
  if (p < 0.0005) return p < 5e-5 ? '0\u00a0%' : '<\u00a00.1\u00a0%';
  return `${(p * 100).toFixed(1)}\u00a0%`;
}

/** A list of the ten classes with a bar and the probability as text; optional build-time reference. */
export class ProbabilityList {
  readonly el: HTMLOListElement;
  private rows: Array<{ li: HTMLLIElement; bar: HTMLSpanElement; ref: HTMLSpanElement; value: HTMLSpanElement }>;

  constructor(classNames: readonly string[], label: string) {
    this.el = h('ol', { class: 'w-probs', 'aria-label': label });
    this.rows = classNames.map((name, c) => {
      const bar = h('span', { class: 'w-bar-fill' });
      const ref = h('span', { class: 'w-bar-ref', hidden: true });
      const value = h('span', { class: 'w-prob-value', text: '–' });
      const li = h('li', { 'data-class': c }, h('span', { class: 'w-class', text: name }), h('span', { class: 'w-bar', 'aria-hidden': 'true' }, bar, ref), value);
      this.el.append(li);
      return { li, bar, ref, value };
    });
  }

  /** Back to the empty state (no image). */
  clear(): void {
    for (const row of this.rows) {
      row.bar.style.width = '0';
      row.ref.hidden = true;
      row.li.classList.remove('top', 'truth');
      row.value.textContent = '–';
      delete row.li.dataset.p;
    }
    delete this.el.dataset.top;
  }

  /** Shows probabilities; `reference` (build time) adds a thin second bar and the number in text. */
  update(probs: ArrayLike<number>, opts: { reference?: readonly number[]; truth?: number } = {}): void {
    const top = argmax(probs);
    this.rows.forEach((row, c) => {
      const p = probs[c];
      row.bar.style.width = `${(p * 100).toFixed(2)}%`;
      row.li.classList.toggle('top', c === top);
      row.li.classList.toggle('truth', c === opts.truth);
      row.value.textContent = percent(p);
      if (opts.reference) {
        row.ref.hidden = false;
        row.ref.style.width = `${(opts.reference[c] * 100).toFixed(2)}%`;
        row.value.append(h('span', { class: 'w-prob-build', text: `(build: ${percent(opts.reference[c])})` }));
      }
      row.li.dataset.p = String(p);
    });
    this.el.dataset.top = String(top);
  }
}
