/** What every `npm run train` does first (with the lock held): undo whatever an interrupted run left. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { recoverSwaps } from './atomic.ts';
import { GENERATION_FOLDERS, type GenerationPaths } from '../../core/layout.ts';
import { recoverGeneration } from './journal.ts';

/** Completes a half-done switch, deletes an unfinished assembly and the temporary files of dead processes. */
export async function recoverOutput(paths: GenerationPaths, log: (line: string) => void): Promise<void> {
  await recoverGeneration(paths, log);
  const runs = join(paths.out, 'runs');
  // Older versions trained straight into <out>/runs/<model>/ and left their temporary folders there.
  const modelRuns = existsSync(runs) ? readdirSync(runs, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(runs, e.name)) : [];
  const removed = [
    ...(await recoverSwaps([paths.out], GENERATION_FOLDERS)),
    ...(await recoverSwaps([paths.jobs])),
    ...(await recoverSwaps(modelRuns, [])),
  ];
  if (removed.length > 0) log(`Removed ${removed.length} temporary file${removed.length === 1 ? '' : 's'} of interrupted runs: ${removed.join(', ')}`);
}
