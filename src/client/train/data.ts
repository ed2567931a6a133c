/**
 * The datasets in the browser: the site's gzip copies (scripts/site/data-assets.ts), unpacked with the
 * browser's DecompressionStream and checked with SubtleCrypto against the same SHA-256 table the training
 * step uses (training/data/checksums.ts), then parsed by the same IDX parser.
 */
import type { DatasetId } from '../../../schema/results.ts';
import { datasetEntry, type IdxFile } from '../../../core/datasets.ts';
import { sha256Hex } from '../../../core/sha256.ts';
import { parseIdxImages, parseIdxLabels } from '../../../core/idx.ts';
import type { DataFileRef } from './messages.ts';

export interface BrowserSplit {
  images: Uint8Array;
  labels: Uint8Array;
  count: number;
}

export interface BrowserDataset {
  train: BrowserSplit;
  test: BrowserSplit;
}

const RETRY = 'Reload the page and start the run again; if this keeps happening, the site’s copy of the file is damaged.';

/** Reads a stream to its end into one array; `expected` (the known size) avoids regrowing. */
async function readAll(stream: ReadableStream<Uint8Array>, expected: number): Promise<Uint8Array> {
  let out = new Uint8Array(expected);
  let length = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (length + value.length > out.length) {
      const grown = new Uint8Array(Math.max(out.length * 2, length + value.length));
      grown.set(out.subarray(0, length));
      out = grown;
    }
    out.set(value, length);
    length += value.length;
  }
  return out.subarray(0, length);
}

/** The server answered, and not with the file: asking again would not help. */
class HttpStatusError extends Error {}

/**
 * One file: downloaded, unpacked and verified, or an Error naming the file and what is wrong. A download
 * that breaks off or does not check out is made once more, bypassing the browser's HTTP cache: a copy
 * there can be cut short (Chromium has failed a 9.6 MB body read from its cache while a second worker
 * fetched the same file), and a network that drops a 26 MB download once will often carry it the next time.
 */
export async function fetchVerified(
  id: DatasetId,
  ref: DataFileRef,
  onBytes: (n: number) => void,
  fetchImpl: typeof fetch = fetch,
  locks: Pick<LockManager, 'request'> | undefined = globalThis.navigator?.locks,
): Promise<Uint8Array> {
  // Two workers often start on the same dataset at the same moment (the study's two longest models are
  // both digits). Not every engine's HTTP cache joins two requests in flight, so both could download it;
  // with a lock per file across this browser's pages and workers the second waits and reads the cache.
  if (!locks) return fetchWithRetry(id, ref, onBytes, fetchImpl);
  return await locks.request(`download ${ref.url}`, () => fetchWithRetry(id, ref, onBytes, fetchImpl));
}

async function fetchWithRetry(id: DatasetId, ref: DataFileRef, onBytes: (n: number) => void, fetchImpl: typeof fetch): Promise<Uint8Array> {
  let counted = 0;
  const count = (n: number) => {
    counted += n;
    onBytes(n);
  };
  try {
    return await fetchOnce(id, ref, count, fetchImpl, {});
  } catch (err) {
    if (err instanceof HttpStatusError) throw err;
    onBytes(-counted);
    return fetchOnce(id, ref, onBytes, fetchImpl, { cache: 'reload' });
  }
}

async function fetchOnce(id: DatasetId, ref: DataFileRef, onBytes: (n: number) => void, fetchImpl: typeof fetch, init: RequestInit): Promise<Uint8Array> {
  const name = `${ref.file}.gz`;
  const what = `The ${datasetEntry(id).title} file ${name}`;
  let response: Response;
  try {
    response = await fetchImpl(ref.url, init);
  } catch (err) {
    throw new Error(`${what} could not be downloaded (network error: ${err instanceof Error ? err.message : String(err)}). ${RETRY}`);
  }
  if (!response.ok || !response.body) throw new HttpStatusError(`${what} could not be downloaded: the server answered HTTP ${response.status}. ${RETRY}`);
  const counted = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        onBytes(chunk.length);
        controller.enqueue(chunk);
      },
    }),
  );
  const expected = datasetEntry(id).files[ref.file as IdxFile];
  let contents: Uint8Array;
  try {
    // The cast: lib.dom types DecompressionStream's input as BufferSource, of which Uint8Array is one.
    contents = await readAll(counted.pipeThrough(new DecompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>), expected.bytes);
  } catch (err) {
    throw new Error(`${what} is damaged: it does not unpack as gzip (truncated or corrupted; ${err instanceof Error ? err.message : String(err)}). ${RETRY}`);
  }
  if (contents.length !== expected.bytes) {
    throw new Error(`${what} is damaged: it unpacks to ${contents.length} bytes, expected ${expected.bytes}. ${RETRY}`);
  }
  const sha = await sha256Hex(contents);
  if (sha !== expected.sha256) {
    throw new Error(`${what} is damaged: its contents have SHA-256 ${sha}, expected ${expected.sha256}. ${RETRY}`);
  }
  return contents;
}

/** Downloads and checks `files` (smallest first, so a bad file is found before the big download). */
async function fetchAll(id: DatasetId, files: readonly DataFileRef[], onProgress: (loaded: number, total: number) => void, fetchImpl: typeof fetch): Promise<Map<string, Uint8Array>> {
  const total = files.reduce((a, f) => a + f.gzBytes, 0);
  let loaded = 0;
  const got = new Map<string, Uint8Array>();
  for (const ref of [...files].sort((a, b) => a.gzBytes - b.gzBytes)) {
    got.set(
      ref.file,
      await fetchVerified(id, ref, (n) => onProgress((loaded += n), total), fetchImpl),
    );
  }
  return got;
}

function split(got: Map<string, Uint8Array>, images: IdxFile, labels: IdxFile): BrowserSplit {
  const im = got.get(images);
  const lb = got.get(labels);
  if (!im || !lb) throw new Error(`The site did not offer ${im ? labels : images}.gz, which this run needs; the build's data assets are incomplete.`);
  const parsedImages = parseIdxImages(im, `${images}.gz`);
  const parsedLabels = parseIdxLabels(lb, `${labels}.gz`);
  return { images: parsedImages.data, labels: parsedLabels.data, count: Math.min(parsedImages.count, parsedLabels.count) };
}

/** The four files of a dataset. */
export async function loadBrowserDataset(
  id: DatasetId,
  files: readonly DataFileRef[],
  onProgress: (loaded: number, total: number) => void,
  fetchImpl: typeof fetch = fetch,
): Promise<BrowserDataset> {
  const got = await fetchAll(id, files, onProgress, fetchImpl);
  return { train: split(got, 'train-images-idx3-ubyte', 'train-labels-idx1-ubyte'), test: split(got, 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte') };
}

/** Only the test set of a dataset (its two t10k files; other files in `files` are not downloaded). */
export async function loadBrowserTestSet(id: DatasetId, files: readonly DataFileRef[], onProgress: (loaded: number, total: number) => void, fetchImpl: typeof fetch = fetch): Promise<BrowserSplit> {
  const got = await fetchAll(id, files.filter((f) => f.file.startsWith('t10k-')), onProgress, fetchImpl);
  return split(got, 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte');
}
