/** The last resort for a missing dataset: its canonical mirror, into the user cache, never half-written. */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { mirrorUrl, type DatasetChecksums, type DatasetEntry, type IdxFile } from '../../core/datasets.ts';
import { readVerified } from './verify.ts';

const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;

export /**
 * Downloads `<file>.gz` into `dir`. The bytes go to a temporary file in the same directory, which is renamed
 * into place only once its contents pass the hash check: a reader never sees a partial or wrong file, and
 * an interrupted download leaves nothing behind.
 */
async function download(
  entry: DatasetEntry,
  file: IdxFile,
  dir: string,
  fetchImpl: typeof fetch,
  checksums: DatasetChecksums,
): Promise<string> {
  const url = mirrorUrl(entry, file);
  if (url === undefined) throw new Error(`${entry.title} has no download mirror`);
  const target = join(dir, `${file}.gz`);
  const temp = join(dir, `.${file}.gz.${process.pid}-${randomBytes(4).toString('hex')}.part`);
  try {
    const response = await fetchImpl(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
    if (!response.ok || !response.body) {
      throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
    }
    await mkdir(dir, { recursive: true });
    const handle = await open(temp, 'wx');
    try {
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        await handle.write(value);
      }
    } finally {
      await handle.close();
    }
    await readVerified(entry, file, temp, checksums);
    await rename(temp, target);
    return target;
  } finally {
    // After a successful rename the temp name is gone and this is a no-op.
    await rm(temp, { force: true });
  }
}

