/**
 * The data part of the training step's staleness hash: which file contents a run would train on. Hashing
 * ~110 MB (with gunzip) takes about a second, too slow for a no-op `npm run train`, so the verified hashes
 * are remembered in `.cache/data-hashes.json`, keyed by the file's absolute path, size and mtime — a file
 * that is replaced or touched gets hashed (and verified) again.
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { IdxFile } from '../../core/datasets.ts';
import { entryOf, readVerified, resolveDatasetFiles, type DatasetRef, type LoadOptions } from './datasets.ts';
import { writeFileAtomic } from '../output/atomic.ts';

export interface FileFingerprint {
  file: IdxFile;
  /** Size of the uncompressed contents. */
  bytes: number;
  /** SHA-256 of the uncompressed contents. */
  sha256: string;
}

export interface FingerprintOptions extends LoadOptions {
  /** Where the hash cache lives; default `<project>/.cache/data-hashes.json`. */
  hashCachePath?: string;
}

const DEFAULT_HASH_CACHE = fileURLToPath(new URL('../../.cache/data-hashes.json', import.meta.url));

const cacheEntry = z.object({
  size: z.number(),
  mtimeMs: z.number(),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
type CacheEntry = z.infer<typeof cacheEntry>;

const CACHE_VERSION = 1;
const cacheFile = z.object({
  version: z.literal(CACHE_VERSION),
  entries: z.record(z.string(), cacheEntry),
});
type Entries = Record<string, CacheEntry>;

/** A missing, unreadable or malformed cache is simply empty: it only ever saves time. */
async function readCache(path: string): Promise<Entries> {
  try {
    const parsed = cacheFile.safeParse(JSON.parse(await readFile(path, 'utf8')));
    return parsed.success ? parsed.data.entries : {};
  } catch {
    return {};
  }
}

/** Atomic, so a concurrent reader sees the old or the new cache, never half. */
async function writeCache(path: string, entries: Entries): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify({ version: CACHE_VERSION, entries }, null, 2)}
`);
}

/**
 * Size and SHA-256 of the uncompressed contents of a dataset's four files, in {@link IDX_FILES} order,
 * without parsing them. Locates the files exactly as {@link loadDataset} does; a file not in the cache is
 * read and verified against the checksum table (a mismatch throws the same DataError as loading).
 */
export async function dataFingerprint(ref: DatasetRef, options: FingerprintOptions = {}): Promise<FileFingerprint[]> {
  const entry = entryOf(ref);
  const cachePath = resolve(options.hashCachePath ?? DEFAULT_HASH_CACHE);
  const checksums = options.checksums ?? entry.files;
  const resolved = await resolveDatasetFiles(entry, options);
  const cached = await readCache(cachePath);
  const fresh: Entries = {};
  const result: FileFingerprint[] = [];

  for (const { file, path } of resolved.files) {
    const absolute = resolve(path);
    const { size, mtimeMs } = await stat(absolute);
    const hit = cached[absolute];
    // A hit must also still match the table, so a fingerprint always describes verified data.
    if (
      hit &&
      hit.size === size &&
      hit.mtimeMs === mtimeMs &&
      hit.sha256 === checksums[file].sha256 &&
      hit.bytes === checksums[file].bytes
    ) {
      result.push({ file, bytes: hit.bytes, sha256: hit.sha256 });
      continue;
    }
    const { info } = await readVerified(entry, file, absolute, checksums);
    fresh[absolute] = { size, mtimeMs, bytes: info.bytes, sha256: info.sha256 };
    result.push({ file, bytes: info.bytes, sha256: info.sha256 });
  }

  if (Object.keys(fresh).length > 0) {
    // Re-read just before writing so entries another process (the other dataset) added meanwhile survive.
    await writeCache(cachePath, { ...(await readCache(cachePath)), ...fresh });
  }
  return result;
}
