/**
 * Image grids of 28×28 tiles, upscaled by pixel repetition (no blur) and encoded as PNG with sharp.
 * Labels and probabilities are not drawn into the pixels: the page renders them from the JSON written
 * beside each PNG, so they stay sharp and readable by screen readers.
 */
import sharp from 'sharp';
import { IMAGE_SIZE, PIXELS } from '../../core/network.ts';

function montageSize(count: number, columns: number, scale: number, gap: number) {
  const rows = Math.ceil(count / columns);
  const tile = IMAGE_SIZE * scale;
  return { rows, width: columns * tile + (columns - 1) * gap, height: rows * tile + (rows - 1) * gap };
}

/**
 * `tiles` are count×784 values in [0, 1] (values outside are clipped for display only); `gap` pixels between
 * tiles are drawn in mid grey, so tile edges stay visible in both themes.
 */
export async function renderMontage(tiles: Float32Array, count: number, columns: number, scale: number, gap = 2): Promise<{ png: Buffer; width: number; height: number; rows: number }> {
  const { rows, width, height } = montageSize(count, columns, scale, gap);
  const pixels = new Uint8Array(width * height).fill(128);
  const tile = IMAGE_SIZE * scale;
  for (let t = 0; t < count; t++) {
    const x0 = (t % columns) * (tile + gap);
    const y0 = Math.floor(t / columns) * (tile + gap);
    for (let y = 0; y < tile; y++) {
      for (let x = 0; x < tile; x++) {
        const v = tiles[t * PIXELS + Math.floor(y / scale) * IMAGE_SIZE + Math.floor(x / scale)];
        pixels[(y0 + y) * width + x0 + x] = Math.round(Math.min(1, Math.max(0, v)) * 255);
      }
    }
  }
  const png = await sharp(pixels, { raw: { width, height, channels: 1 } }).png({ compressionLevel: 9 }).toBuffer();
  return { png, width, height, rows };
}
