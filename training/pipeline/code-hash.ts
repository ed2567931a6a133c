/**
 * Content hashes that decide what is stale. Training results depend on the trainer code, the
 * configuration, the data and the backend; the analysis (section JSONs, montages) on its own code and on
 * the runs. Hashing source files by content (not mtime) keeps a fresh clone up to date.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Code that changes the trained weights or what a run records. The configuration is not listed: each
 * job hashes its own model's settings, so editing one section's entry retrains nothing. The data loader
 * is not listed either: the data enters the hash by content (SHA-256 of every file).
 */
const TRAINING_CODE = ['trainer', 'training/model', 'training/tf', 'training/pipeline/run-job.ts'];
/** Folders whose code changes the written results but not the weights. */
const ANALYSIS_CODE = ['training/analysis', 'training/output', 'training/pipeline', 'training/config', 'training/data', 'schema'];

function listFiles(dir: string, root: string): string[] {
  const abs = join(root, dir);
  if (!statSync(abs).isDirectory()) return [dir];
  return readdirSync(abs)
    .flatMap((name) => {
      const path = join(abs, name);
      return statSync(path).isDirectory() ? listFiles(relative(root, path), root) : [relative(root, path)];
    })
    .filter((file) => file.endsWith('.ts') || file.endsWith('.wat'))
    .sort();
}

/**
 * `root` is the project root: this module's own location by default; code bundled elsewhere (the site
 * build) passes its own, since import.meta.url then points into the build output.
 */
export function hashFiles(dirs: readonly string[], root = ROOT): string {
  const hash = createHash('sha256');
  for (const file of dirs.flatMap((dir) => listFiles(dir, root))) {
    hash.update(file).update('\0').update(readFileSync(join(root, file))).update('\0');
  }
  return hash.digest('hex');
}

export function hashValue(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

export const trainingCodeHash = () => hashFiles(TRAINING_CODE);
export const analysisCodeHash = () => hashFiles(ANALYSIS_CODE);
/** Everything under trainer/, training/ and schema/: the manifest's "code hash". */
export const allCodeHash = () => hashFiles(['trainer', 'training', 'schema']);
