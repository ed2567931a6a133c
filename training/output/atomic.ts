/**
 * Writes that never leave a half-written file or folder behind: data goes to a temporary sibling first
 * and is renamed into place only when complete (rename is atomic within a file system).
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';

let counter = 0;
function tempName(path: string): string {
  return join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${counter++}`);
}

export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = tempName(path);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(value, null, 1)}\n`);
}

/**
 * Fills a fresh folder with `fill`, then swaps it in for `dir`. The old folder is moved aside first
 * (a folder cannot be renamed over a non-empty one); `recoverSwaps` puts it back if a kill ever lands
 * between the two renames.
 */
export async function replaceDirAtomic(dir: string, fill: (tmpDir: string) => Promise<void>): Promise<void> {
  await mkdir(dirname(dir), { recursive: true });
  const tmp = tempName(dir);
  const old = `${dir}.old`;
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  try {
    await fill(tmp);
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
  await rm(old, { recursive: true, force: true });
  if (existsSync(dir)) await rename(dir, old);
  await rename(tmp, dir);
  await rm(old, { recursive: true, force: true });
}

/** Restores `dir` from `dir.old` when an earlier run was killed mid-swap, and removes stale temp folders. */
export async function recoverSwaps(dirs: string[]): Promise<void> {
  for (const dir of dirs) {
    const old = `${dir}.old`;
    if (!existsSync(dir) && existsSync(old)) await rename(old, dir);
  }
}
