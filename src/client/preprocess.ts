/**
 * The MNIST preprocessing for a hand-drawn (or uploaded) digit, as pure functions on plain arrays so it can
 * be tested in Node: take the ink, crop to it, scale it into a 20×20 box keeping the aspect ratio, and place
 * it so that its centre of mass lands on the centre pixel of the 28×28 field (to the nearest whole pixel). The result uses the training
 * intensity scale: floats pixel/255 in [0, 1], ink high, background 0.
 */
import { IMAGE_SIZE, PIXELS } from '../../core/network.ts';

/** The longest side of the digit after scaling, as in MNIST. */
export const BOX = 20;
/**
 * Where the centre of mass goes, in pixel-index coordinates. MNIST's test images have their mass centred on
 * index 14.0 (mean over 2,000 images: 14.00, 13.99), i.e. the continuous coordinate 14.5.
 */
export const CENTRE = 14;

/** A single-channel image of ink amounts in [0, 1] (1 = full ink), row-major. */
export interface InkImage {
  width: number;
  height: number;
  data: Float32Array;
}

/** Bounding box of the ink, in pixel indices, inclusive. */
export interface Bounds {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export type Polarity = 'dark-on-light' | 'light-on-dark' | 'auto';

/** Pixels fainter than this do not count for the crop (stray anti-aliasing, paper noise). */
const INK_THRESHOLD = 0.1;

function luminance(rgba: ArrayLike<number>, i: number): number {
  // Alpha is composited over white, so a transparent pixel reads as paper.
  const a = rgba[i + 3] / 255;
  const l = (0.299 * rgba[i] + 0.587 * rgba[i + 1] + 0.114 * rgba[i + 2]) / 255;
  return a * l + (1 - a);
}

/** Luminance in [0, 1] of every pixel, transparent ones reading as white paper. */
export function luminanceMap(rgba: ArrayLike<number>, width: number, height: number): Float32Array {
  const n = width * height;
  if (rgba.length < n * 4) throw new Error(`expected ${n * 4} RGBA values, got ${rgba.length}`);
  const lum = new Float32Array(n);
  for (let p = 0; p < n; p++) lum[p] = luminance(rgba, p * 4);
  return lum;
}

/** Mean luminance of the one-pixel border: bright paper means dark ink. */
export function borderLuminance(lum: Float32Array, width: number, height: number): number {
  let sum = 0;
  let n = 0;
  for (let x = 0; x < width; x++) {
    sum += lum[x] + lum[(height - 1) * width + x];
    n += 2;
  }
  for (let y = 1; y < height - 1; y++) {
    sum += lum[y * width] + lum[y * width + width - 1];
    n += 2;
  }
  return n ? sum / n : 1;
}

/**
 * RGBA pixels (canvas ImageData layout) to ink. With 'auto' the polarity comes from the border: a light
 * border means dark ink on paper. The background level (the border's ink) is subtracted and the rest
 * stretched so the darkest stroke is full ink, which makes photos of paper usable; a clean drawing
 * (background 0, strokes 1) passes through unchanged.
 */
export function inkFromRgba(
  rgba: ArrayLike<number>,
  width: number,
  height: number,
  polarity: Polarity = 'auto',
): InkImage {
  const n = width * height;
  const lum = luminanceMap(rgba, width, height);
  const darkInk = polarity === 'auto' ? borderLuminance(lum, width, height) >= 0.5 : polarity === 'dark-on-light';
  const data = new Float32Array(n);
  let max = 0;
  for (let p = 0; p < n; p++) {
    data[p] = darkInk ? 1 - lum[p] : lum[p];
    if (data[p] > max) max = data[p];
  }
  const background = Math.min(1, darkInk ? 1 - borderLuminance(lum, width, height) : borderLuminance(lum, width, height));
  const range = max - background;
  if (range < INK_THRESHOLD) return { width, height, data: new Float32Array(n) };
  if (background > 0 || max < 1) {
    for (let p = 0; p < n; p++) data[p] = Math.min(1, Math.max(0, (data[p] - background) / range));
  }
  return { width, height, data };
}

/** The smallest box holding every pixel above the threshold, or null for an empty image. */
export function inkBounds(img: InkImage, threshold = INK_THRESHOLD): Bounds | null {
  let x0 = img.width;
  let y0 = img.height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      if (img.data[y * img.width + x] > threshold) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  return x1 < 0 ? null : { x0, y0, x1, y1 };
}

/** Centre of mass in pixel-index coordinates (pixel (x, y) sits at x, y), or null without ink. */
export function centreOfMass(img: InkImage): { x: number; y: number } | null {
  let m = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < img.height; y++) {
    for (let x = 0; x < img.width; x++) {
      const v = img.data[y * img.width + x];
      m += v;
      mx += v * x;
      my += v * y;
    }
  }
  return m > 0 ? { x: mx / m, y: my / m } : null;
}

/**
 * Weights of the source pixels that each output pixel covers, for one axis: output pixel k spans the
 * continuous output interval [k, k+1], which maps to source [origin + k/scale, origin + (k+1)/scale].
 */
function axisWeights(outSize: number, srcSize: number, origin: number, scale: number): Array<Array<[number, number]>> {
  const rows: Array<Array<[number, number]>> = [];
  for (let k = 0; k < outSize; k++) {
    const a = origin + k / scale;
    const b = origin + (k + 1) / scale;
    const list: Array<[number, number]> = [];
    for (let s = Math.max(0, Math.floor(a)); s < Math.min(srcSize, Math.ceil(b)); s++) {
      const overlap = Math.min(b, s + 1) - Math.max(a, s);
      if (overlap > 0) list.push([s, overlap * scale]);
    }
    rows.push(list);
  }
  return rows;
}

/**
 * Area-averaging resample of the cropped ink into the 28×28 field: the crop is scaled by `scale` and its
 * top-left corner lands on the whole pixel (startX, startY), so the longer side covers exactly 20 pixels.
 */
function resample(img: InkImage, scale: number, startX: number, startY: number): Float32Array {
  const wx = axisWeights(IMAGE_SIZE, img.width, -startX / scale, scale);
  const wy = axisWeights(IMAGE_SIZE, img.height, -startY / scale, scale);
  // Horizontal pass: every source row to 28 columns.
  const rows = new Float32Array(img.height * IMAGE_SIZE);
  for (let y = 0; y < img.height; y++) {
    const base = y * img.width;
    for (let j = 0; j < IMAGE_SIZE; j++) {
      let sum = 0;
      for (const [s, w] of wx[j]) sum += w * img.data[base + s];
      rows[y * IMAGE_SIZE + j] = sum;
    }
  }
  const out = new Float32Array(PIXELS);
  for (let i = 0; i < IMAGE_SIZE; i++) {
    for (const [s, w] of wy[i]) {
      for (let j = 0; j < IMAGE_SIZE; j++) out[i * IMAGE_SIZE + j] += w * rows[s * IMAGE_SIZE + j];
    }
  }
  return out;
}

/**
 * Where the scaled crop starts so that its centre of mass falls on CENTRE: as MNIST did, the shift is a
 * whole number of pixels, so the mass lands within half a pixel of the centre and the edges stay crisp.
 */
function placement(com: number, scale: number): number {
  // The centre of mass of the scaled crop in its own pixel-index coordinates.
  const scaled = scale * (com + 0.5) - 0.5;
  return Math.round(CENTRE - scaled);
}

/** Rounds to the 8-bit grid the training images come from (k/255) and clamps to [0, 1]. */
function quantise(values: Float32Array): Float32Array {
  for (let i = 0; i < values.length; i++) values[i] = Math.round(Math.min(1, Math.max(0, values[i])) * 255) / 255;
  return values;
}

/**
 * The whole pipeline: crop to the ink, scale so the longer side is 20 pixels (aspect kept), centre the mass
 * on pixel (14, 14) of a 28×28 field. Returns 784 floats in [0, 1] (pixel/255), or null with no ink.
 */
export function preprocessDigit(img: InkImage, threshold = INK_THRESHOLD): Float32Array | null {
  const box = inkBounds(img, threshold);
  if (!box) return null;
  const cropped = crop(img, box);
  const com = centreOfMass(cropped);
  if (!com) return null;
  const scale = BOX / Math.max(box.x1 - box.x0 + 1, box.y1 - box.y0 + 1);
  return quantise(resample(cropped, scale, placement(com.x, scale), placement(com.y, scale)));
}

/** Copies the box out of the image. */
export function crop(img: InkImage, box: Bounds): InkImage {
  const width = box.x1 - box.x0 + 1;
  const height = box.y1 - box.y0 + 1;
  const data = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const from = (box.y0 + y) * img.width + box.x0;
    data.set(img.data.subarray(from, from + width), y * width);
  }
  return { width, height, data };
}
