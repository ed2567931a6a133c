/**
 * The bundled test images (schema/results.ts `galleryFile`): a JSON list with the build-time predictions of
 * the published model, and a raw uint8 file of count × 784 pixels. Loaded once per page per URL.
 */
import { CLASSES, PIXELS } from '../../core/network.ts';

interface GalleryItem {
  /** Index in the dataset's test set. */
  index: number;
  label: number;
  /** Build-time prediction of the gallery's model. */
  predicted: number;
  probabilities: number[];
}

export interface Gallery {
  dataset: string;
  model: string;
  classNames: string[];
  items: GalleryItem[];
  pixels: Uint8Array;
}

/** Image `i` of the gallery on the training scale (pixel/255). */
export function galleryImage(g: Gallery, i: number, out = new Float32Array(PIXELS)): Float32Array {
  const from = i * PIXELS;
  for (let p = 0; p < PIXELS; p++) out[p] = g.pixels[from + p] / 255;
  return out;
}

/** Several gallery images one after another (indices.length × 784). */
export function galleryBatch(g: Gallery, indices: readonly number[]): Float32Array {
  const out = new Float32Array(indices.length * PIXELS);
  indices.forEach((i, k) => galleryImage(g, i, out.subarray(k * PIXELS, (k + 1) * PIXELS)));
  return out;
}

/** Position in the gallery of a test-set index, or of the first image with a label, or -1. */
export function findItem(g: Gallery, testIndex: number | null, label: number): number {
  const exact = testIndex === null ? -1 : g.items.findIndex((it) => it.index === testIndex);
  return exact >= 0 ? exact : g.items.findIndex((it) => it.label === label);
}

function isNumberArray(v: unknown, length?: number): v is number[] {
  return Array.isArray(v) && (length === undefined || v.length === length) && v.every((x) => typeof x === 'number');
}

/** Checks the parts of the JSON the widgets rely on; throws with a plain message otherwise. */
export function parseGallery(json: unknown, pixels: Uint8Array): Gallery {
  const g = json as Record<string, unknown> | null;
  if (!g || typeof g !== 'object') throw new Error('the gallery file is not a JSON object');
  const items = g.items;
  const classNames = g.class_names;
  if (!Array.isArray(items) || !items.length) throw new Error('the gallery lists no images');
  if (!Array.isArray(classNames) || classNames.length !== CLASSES) throw new Error('the gallery has no 10 class names');
  for (const it of items as Array<Record<string, unknown>>) {
    if (typeof it.index !== 'number' || typeof it.label !== 'number' || typeof it.predicted !== 'number' || !isNumberArray(it.probabilities, CLASSES)) {
      throw new Error('a gallery item lacks its index, label, prediction or probabilities');
    }
  }
  if (g.count !== items.length) throw new Error(`the gallery says ${String(g.count)} images but lists ${items.length}`);
  if (pixels.length !== items.length * PIXELS) {
    throw new Error(`the gallery's pixel file has ${pixels.length} bytes, expected ${items.length} × 784`);
  }
  return {
    dataset: String(g.dataset),
    model: String(g.model),
    classNames: classNames.map(String),
    items: items as GalleryItem[],
    pixels,
  };
}

async function fetchOk(url: string): Promise<Response> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url} answered HTTP ${res.status}`);
  return res;
}

const cache = new Map<string, Promise<Gallery>>();
const binaries = new Map<string, Promise<ArrayBuffer>>();

/** Galleries of several models share one pixel file: fetch it once. */
function loadBinary(url: string): Promise<ArrayBuffer> {
  let entry = binaries.get(url);
  if (!entry) {
    entry = fetchOk(url).then((r) => r.arrayBuffer());
    binaries.set(url, entry);
  }
  return entry;
}

export function loadGallery(jsonUrl: string, binaryUrl: string): Promise<Gallery> {
  let entry = cache.get(jsonUrl);
  if (!entry) {
    entry = Promise.all([fetchOk(jsonUrl).then((r) => r.json() as Promise<unknown>), loadBinary(binaryUrl)]).then(
      ([json, buf]) => parseGallery(json, new Uint8Array(buf)),
    );
    cache.set(jsonUrl, entry);
  }
  return entry;
}
