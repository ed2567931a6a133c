/**
 * Reading one dataset file the only way the pipeline does: decompress if it is gzip, then compare its
 * uncompressed contents with the SHA-256 table, with an error that says what is wrong and how to fix it.
 */
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { mirrorUrl, type DatasetChecksums, type DatasetEntry, type FileChecksum, type IdxFile } from '../../core/datasets.ts';
import { sha256Hex } from '../../core/sha256.ts';
import { DataError } from '../../core/data-error.ts';

/** One verified file: where it was read from, and its uncompressed size and SHA-256. */
export interface DataFile {
  file: IdxFile;
  path: string;
  bytes: number;
  sha256: string;
}

export function errorText(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  // fetch() throws "fetch failed" and hides the useful part (ENOTFOUND, ECONNREFUSED, ...) in `cause`.
  const cause = err.cause;
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    return `${err.message} (${code ?? cause.message})`;
  }
  return err.message;
}

/** Decompresses gzip data (recognised by its magic bytes, whatever the file is called); passes IDX through. */
function decompress(bytes: Uint8Array, path: string): Uint8Array {
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  try {
    return gunzipSync(bytes);
  } catch (err) {
    throw new DataError(
      `${path}: starts like gzip data but cannot be decompressed (${errorText(err)}); it is truncated or damaged. ` +
        'Replace it with an intact copy (gzipped or not).',
      { cause: err },
    );
  }
}

function mismatchError(
  entry: DatasetEntry,
  file: IdxFile,
  path: string,
  expected: FileChecksum,
  actual: DataFile,
): DataError {
  const size =
    actual.bytes === expected.bytes
      ? ''
      : ` Its uncompressed size is ${actual.bytes} bytes, expected ${expected.bytes}.`;
  return new DataError(
    `${path}: wrong contents for ${entry.title} ${file}.${size}\n` +
      `  expected SHA-256 (uncompressed) ${expected.sha256}\n` +
      `  actual   SHA-256 (uncompressed) ${actual.sha256}\n` +
      `The file is damaged or is a different file. Fix: replace it with an intact copy of ${mirrorUrl(entry, file) ?? `the original ${file}`} ` +
      '(gzipped or not); if it is in the download cache, delete it and it will be downloaded again.',
  );
}

/** Reads one file, decompresses it if gzipped, and checks it against the table. */
export async function readVerified(
  entry: DatasetEntry,
  file: IdxFile,
  path: string,
  checksums: DatasetChecksums = entry.files,
): Promise<{ contents: Uint8Array; info: DataFile }> {
  let raw: Uint8Array;
  try {
    raw = await readFile(path);
  } catch (err) {
    throw new DataError(
      `${path}: cannot read ${entry.title} ${file} (${errorText(err)}). ` +
        'Check that the file exists and is readable, or point ' +
        `${entry.envVar} at a directory that has all four files.`,
      { cause: err },
    );
  }
  const contents = decompress(raw, path);
  const info: DataFile = { file, path, bytes: contents.byteLength, sha256: await sha256Hex(contents) };
  const expected = checksums[file];
  if (info.sha256 !== expected.sha256 || info.bytes !== expected.bytes) {
    throw mismatchError(entry, file, path, expected, info);
  }
  return { contents, info };
}

