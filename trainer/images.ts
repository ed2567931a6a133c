import { PIXELS } from './mlp.ts';

/** The original's preprocessing: uint8 pixels / 255 as float32. */
export function toFloatImages(pixels: Uint8Array, count: number): Float32Array {
  const out = new Float32Array(count * PIXELS);
  for (let i = 0; i < out.length; i++) out[i] = pixels[i] / 255;
  return out;
}
