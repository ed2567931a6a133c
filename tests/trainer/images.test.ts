import { describe, expect, it } from 'vitest';
import { PIXEL_VALUES, toFloatImages } from '../../trainer/images.ts';
import { PIXELS } from '../../core/network.ts';

describe('the preprocessing table', () => {
  it('scales every byte value exactly as uint8 / 255 stored as float32 (what the published weights were trained on)', () => {
    const bytes = Uint8Array.from({ length: 256 }, (_, v) => v);
    const reference = new Float32Array(256);
    for (let v = 0; v < 256; v++) reference[v] = v / 255;
    expect(PIXEL_VALUES).toEqual(reference);
    const image = new Uint8Array(PIXELS).map((_, i) => bytes[i % 256]);
    expect(toFloatImages(image, 1)).toEqual(Float32Array.from(image, (v) => v / 255));
  });
});
