/**
 * The crosscheck's code hash: the Python runner's files, nothing else. Everything the TypeScript side
 * hands a job (settings, α blends, random pairs, data hashes) enters the job's key by value instead, so
 * editing the wrapper or the report never makes the (expensive) Keras results stale. The site reads it
 * too (src/lib/crosscheck.ts), to tell a stale crosscheck file.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Relative to the project root. investigate.py is left out: it never writes the crosscheck file. */
const CROSSCHECK_CODE = ['crosscheck/keras/run_job.py', 'crosscheck/keras/idx_data.py'] as const;

/** Each file's path and contents, in this order; `root` is the project root. */
export function crosscheckCodeHash(root = join(import.meta.dirname, '..')): string {
  const hash = createHash('sha256');
  for (const file of CROSSCHECK_CODE) hash.update(file).update('\0').update(readFileSync(join(root, file))).update('\0');
  return hash.digest('hex');
}
