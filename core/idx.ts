/**
 * Parser for the IDX format that MNIST and Fashion-MNIST ship in (http://yann.lecun.com/exdb/mnist/):
 * a big-endian header — two zero bytes, a type byte, a dimension count, then one uint32 per dimension —
 * followed by the values. Only the two shapes this project uses are accepted, and strictly: a file that is
 * one byte too short or too long is corrupt, not "close enough".
 */
import { DataError } from './data-error.ts';
import { IMAGE_SIZE } from './network.ts';

/** Magic number of uint8 (type 0x08) data with 3 dimensions: images × rows × cols. */
export const IDX_MAGIC_UINT8_3D = 0x00000803;
/** Magic number of uint8 (type 0x08) data with 1 dimension: labels. */
export const IDX_MAGIC_UINT8_1D = 0x00000801;

/** Bytes before the data: the magic number plus one uint32 per dimension. */
const IDX_IMAGES_HEADER_BYTES = 4 + 3 * 4;
const IDX_LABELS_HEADER_BYTES = 4 + 1 * 4;

export interface IdxImages {
  count: number;
  rows: number;
  cols: number;
  /** count × rows × cols pixels, row-major, 0 = background. A view into the input (no copy). */
  data: Uint8Array;
}

export interface IdxLabels {
  count: number;
  /** One label per item. A view into the input (no copy). */
  data: Uint8Array;
}

const hex = (n: number) => `0x${n.toString(16).padStart(8, '0')}`;

const REPLACE_HINT =
  'Replace it with an intact copy of the original file (the dataset loader verifies SHA-256 sums, ' +
  'so a damaged download is caught there with the expected hash).';

function tooShort(bytes: Uint8Array, source: string, kind: string, needed: number): DataError {
  return new DataError(
    `${source}: only ${bytes.byteLength} bytes, shorter than the ${needed}-byte header of an IDX ${kind} ` +
      `file, so it is truncated or not an IDX file. ${REPLACE_HINT}`,
  );
}

/** Checks the magic number first (a wrong file type is the more useful message), then the header length. */
function header(bytes: Uint8Array, source: string, kind: string, magic: number, headerBytes: number): DataView {
  if (bytes.byteLength < 4) throw tooShort(bytes, source, kind, headerBytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  checkMagic(view, source, magic, kind);
  if (bytes.byteLength < headerBytes) throw tooShort(bytes, source, kind, headerBytes);
  return view;
}

function checkMagic(view: DataView, source: string, expected: number, kind: string): void {
  const magic = view.getUint32(0);
  if (magic === expected) return;
  // The low byte is the dimension count: name the likely mix-up instead of just printing numbers.
  const other =
    magic === IDX_MAGIC_UINT8_1D
      ? ' (that is an IDX labels file)'
      : magic === IDX_MAGIC_UINT8_3D
        ? ' (that is an IDX images file)'
        : (magic & 0xffffff00) === 0x00000800
          ? ` (uint8 data with ${magic & 0xff} dimensions)`
          : (magic >>> 16) === 0x1f8b
            ? ' (that is a gzip file: decompress it first)'
            : ' (not an IDX uint8 file)';
  throw new DataError(
    `${source}: magic number is ${hex(magic)}${other}, expected ${hex(expected)} for IDX uint8 ${kind}. ` +
      `Check that the file is the ${kind} file it claims to be (e.g. not the labels and images swapped). ` +
      REPLACE_HINT,
  );
}

function checkLength(bytes: Uint8Array, source: string, headerBytes: number, dims: number[]): void {
  const expected = headerBytes + dims.reduce((a, b) => a * b, 1);
  if (bytes.byteLength === expected) return;
  const problem =
    bytes.byteLength < expected
      ? `is truncated: ${bytes.byteLength} bytes, ${expected - bytes.byteLength} fewer than`
      : `has ${bytes.byteLength - expected} trailing bytes: ${bytes.byteLength} bytes instead of`;
  throw new DataError(
    `${source} ${problem} the ${expected} that its header (dimensions ${dims.join(' × ')}) promises. ${REPLACE_HINT}`,
  );
}

/**
 * Parses an uncompressed IDX images file (uint8, count × 28 × 28).
 * @param source names the file in error messages (a path or file name).
 */
export function parseIdxImages(bytes: Uint8Array, source: string): IdxImages {
  const view = header(bytes, source, 'images', IDX_MAGIC_UINT8_3D, IDX_IMAGES_HEADER_BYTES);
  const count = view.getUint32(4);
  const rows = view.getUint32(8);
  const cols = view.getUint32(12);
  if (rows !== IMAGE_SIZE || cols !== IMAGE_SIZE) {
    throw new DataError(
      `${source}: images are ${rows} × ${cols} pixels, expected ${IMAGE_SIZE} × ${IMAGE_SIZE} ` +
        `(MNIST / Fashion-MNIST). Use the original 28 × 28 files, not a resized variant. ${REPLACE_HINT}`,
    );
  }
  checkLength(bytes, source, IDX_IMAGES_HEADER_BYTES, [count, rows, cols]);
  const data = new Uint8Array(bytes.buffer, bytes.byteOffset + IDX_IMAGES_HEADER_BYTES, count * rows * cols);
  return { count, rows, cols, data };
}

/**
 * Parses an uncompressed IDX labels file (uint8, one dimension).
 * @param source names the file in error messages (a path or file name).
 */
export function parseIdxLabels(bytes: Uint8Array, source: string): IdxLabels {
  const view = header(bytes, source, 'labels', IDX_MAGIC_UINT8_1D, IDX_LABELS_HEADER_BYTES);
  const count = view.getUint32(4);
  checkLength(bytes, source, IDX_LABELS_HEADER_BYTES, [count]);
  const data = new Uint8Array(bytes.buffer, bytes.byteOffset + IDX_LABELS_HEADER_BYTES, count);
  return { count, data };
}
