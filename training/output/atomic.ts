/**
 * Writes that never leave a half-written file or folder behind: data goes to a temporary sibling first
 * and is renamed into place only when complete (rename is atomic within a file system). Every
 * temp-then-rename in training/ goes through here, so there is one temporary-name format to clean up.
 */
import { copyFile, link, mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';
import { isRunning } from './pid.ts';

let counter = 0;
/** `.<name>.tmp-<pid>-<n>`: hidden (the manifest skips dot files) and traceable to its process. */
const TEMP_NAME = /^\..+\.tmp-(\d+)-\d+$/;
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

/**
 * Undoes what a killed `replaceDirAtomic` or `writeFileAtomic` left in each of `parents`: a `<name>.old`
 * whose `<name>` is gone is renamed back, one whose `<name>` exists is deleted, and temporary files or
 * folders of processes that are no longer running are removed. `names` limits the `.old` handling to
 * those folders (public/ holds other files). Returns the paths it removed.
 */
export async function recoverSwaps(parents: string[], names?: readonly string[]): Promise<string[]> {
  const removed: string[] = [];
  for (const parent of parents) {
    if (!existsSync(parent)) continue;
    for (const name of await readdir(parent)) {
      const path = join(parent, name);
      const temp = TEMP_NAME.exec(name);
      if (temp && !isRunning(Number(temp[1]))) {
        await rm(path, { recursive: true, force: true });
        removed.push(path);
      } else if (name.endsWith('.old') && !name.startsWith('.') && (!names || names.includes(name.slice(0, -'.old'.length)))) {
        const dir = path.slice(0, -'.old'.length);
        if (existsSync(dir)) {
          await rm(path, { recursive: true, force: true });
          removed.push(path);
        } else await rename(path, dir);
      }
    }
  }
  return removed;
}

/**
 * Copies the tree `src` to `dst` as hard links where it can (every file here is replaced by rename and
 * never rewritten in place, so a shared inode cannot change under either name), else as copies.
 */
export async function linkTree(src: string, dst: string): Promise<void> {
  await mkdir(dst, { recursive: true });
  for (const entry of await readdir(src, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const from = join(src, entry.name);
    const to = join(dst, entry.name);
    if (entry.isDirectory()) await linkTree(from, to);
    else await linkFile(from, to);
  }
}

/** One file of {@link linkTree}: a hard link, or a copy across file systems. */
export async function linkFile(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  await rm(to, { force: true });
  await link(from, to).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EXDEV' && error.code !== 'EPERM' && error.code !== 'EMLINK') throw error;
    await copyFile(from, to);
  });
}
