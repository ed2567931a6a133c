import { describe, it, expect } from 'vitest';
import { DataError } from '../../../core/data-error.ts';
import {
  IDX_MAGIC_UINT8_1D,
  IDX_MAGIC_UINT8_3D,
  parseIdxImages,
  parseIdxLabels,
} from '../../../core/idx.ts';

/** An IDX file: big-endian magic, dims, then `body` (or the product of dims worth of i % 256). */
function idx(magic: number, dims: number[], body?: Uint8Array): Uint8Array {
  const size = dims.reduce((a, b) => a * b, 1);
  const data = body ?? Uint8Array.from({ length: size }, (_, i) => i % 256);
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, magic);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  out.set(data, 4 + 4 * dims.length);
  return out;
}

const images = (count: number, rows = 28, cols = 28) => idx(IDX_MAGIC_UINT8_3D, [count, rows, cols]);
const labels = (values: number[]) => idx(IDX_MAGIC_UINT8_1D, [values.length], Uint8Array.from(values));

function dataError(fn: () => unknown): DataError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DataError);
    return err as DataError;
  }
  throw new Error('expected a DataError, nothing was thrown');
}

describe('parseIdxImages', () => {
  it('parses count, shape and pixels', () => {
    const parsed = parseIdxImages(images(3), 'imgs');
    expect(parsed).toMatchObject({ count: 3, rows: 28, cols: 28 });
    expect(parsed.data.length).toBe(3 * 784);
    expect(parsed.data[0]).toBe(0);
    expect(parsed.data[300]).toBe(300 % 256);
    expect(parsed.data[3 * 784 - 1]).toBe((3 * 784 - 1) % 256);
  });

  it('accepts an empty set and a view with a non-zero byteOffset', () => {
    expect(parseIdxImages(images(0), 'empty').count).toBe(0);
    const file = images(2);
    const padded = new Uint8Array(file.length + 5);
    padded.set(file, 5);
    const parsed = parseIdxImages(padded.subarray(5), 'offset');
    expect(parsed.count).toBe(2);
    expect(Array.from(parsed.data.subarray(0, 4))).toEqual([0, 1, 2, 3]);
  });

  it('rejects a labels file, naming the mix-up and the file', () => {
    const err = dataError(() => parseIdxImages(labels([1, 2]), 'train-images-idx3-ubyte'));
    expect(err.message).toContain('train-images-idx3-ubyte');
    expect(err.message).toContain('0x00000801');
    expect(err.message).toContain('labels file');
    expect(err.message).toContain('0x00000803');
  });

  it('rejects a wrong magic number and a gzip file that was not decompressed', () => {
    expect(dataError(() => parseIdxImages(idx(0x12345678, [1, 28, 28]), 'f')).message).toContain('not an IDX');
    const gz = images(1);
    gz.set([0x1f, 0x8b, 0x08, 0x00]);
    expect(dataError(() => parseIdxImages(gz, 'f.gz')).message).toContain('gzip');
  });

  it('rejects the wrong number of dimensions', () => {
    const err = dataError(() => parseIdxImages(idx(0x00000802, [2, 784]), 'flat'));
    expect(err.message).toContain('2 dimensions');
  });

  it('rejects images that are not 28 × 28', () => {
    const err = dataError(() => parseIdxImages(images(2, 32, 32), 'big'));
    expect(err.message).toMatch(/32 × 32.*expected 28 × 28/);
  });

  it('rejects truncated and over-long files, and a file shorter than the header', () => {
    const file = images(2);
    expect(dataError(() => parseIdxImages(file.subarray(0, file.length - 1), 't')).message).toMatch(
      /truncated: 1583 bytes, 1 fewer than the 1584/,
    );
    const long = new Uint8Array(file.length + 3);
    long.set(file);
    expect(dataError(() => parseIdxImages(long, 't')).message).toContain('3 trailing bytes');
    expect(dataError(() => parseIdxImages(file.subarray(0, 10), 't')).message).toContain('header');
  });
});

describe('parseIdxLabels', () => {
  it('parses labels', () => {
    const parsed = parseIdxLabels(labels([7, 2, 1, 0, 4]), 'lbl');
    expect(parsed.count).toBe(5);
    expect(Array.from(parsed.data)).toEqual([7, 2, 1, 0, 4]);
  });

  it('rejects an images file', () => {
    expect(dataError(() => parseIdxLabels(images(1), 'l')).message).toContain('images file');
  });

  it('rejects truncated and trailing bytes', () => {
    const file = labels([1, 2, 3]);
    expect(dataError(() => parseIdxLabels(file.subarray(0, 10), 'l')).message).toContain('truncated');
    expect(dataError(() => parseIdxLabels(Uint8Array.from([...file, 0]), 'l')).message).toContain('1 trailing');
    expect(dataError(() => parseIdxLabels(new Uint8Array(0), 'l')).message).toContain('header');
  });
});
