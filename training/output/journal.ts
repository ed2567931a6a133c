/**
 * Switching a new generation in: `next/{runs,models,results}` (complete and validated) replaces
 * `<out>/{runs,models,results}` by renames. Three folders cannot be renamed at once, so a journal makes
 * the switch recoverable: it is written (atomically) before the first rename, and from that moment the
 * switch only ever goes forward. Each folder moves out → old/, then next/ → out; a run killed anywhere in
 * between leaves the journal, and the next run (or `npm run train -- --recover`) repeats the same steps,
 * which skip what is already done. The journal is deleted after the last rename; old/ and next/ after that.
 * Without a journal, a leftover next/ is an unfinished assembly and old/ a finished switch's remains:
 * both are deleted.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeJsonAtomic } from './atomic.ts';
import { GENERATION_FOLDERS, type GenerationPaths } from '../../core/layout.ts';

const journalFile = z
  .object({
    pid: z.number().int(),
    started: z.string(),
    /** `<folder>`: `<out>/<folder>` → `old/<folder>`, then `next/<folder>` → `<out>/<folder>`. */
    folders: z.array(z.string()).readonly(),
  })
  .strict();
type Journal = z.infer<typeof journalFile>;

/** Called after every step; tests use it to stop a switch at each point in turn. */
export type StepHook = (step: string) => Promise<void> | void;

let switching = false;
/** True from just before the journal is written until the switch is complete (the Ctrl-C handler waits). */
export const isSwitching = () => switching;

/**
 * DIGITS_FASHION_SWITCH_PAUSE_MS (tests only) pauses after every step, so that a test's random kill can
 * land between two renames as often as it lands anywhere else.
 */
function pauseFromEnv(): StepHook {
  const ms = Number(process.env.DIGITS_FASHION_SWITCH_PAUSE_MS ?? 0);
  return ms > 0 ? () => new Promise((done) => setTimeout(done, ms)) : () => {};
}

export async function switchGeneration(paths: GenerationPaths, afterStep: StepHook = pauseFromEnv()): Promise<void> {
  switching = true;
  try {
    await rm(paths.old, { recursive: true, force: true });
    const journal: Journal = { pid: process.pid, started: new Date().toISOString(), folders: GENERATION_FOLDERS };
    await writeJsonAtomic(paths.journal, journal);
    await afterStep('journal written');
    await rollForward(paths, afterStep);
  } finally {
    switching = false;
  }
}

async function rollForward(paths: GenerationPaths, afterStep: StepHook): Promise<void> {
  await mkdir(paths.old, { recursive: true });
  await mkdir(paths.out, { recursive: true });
  for (const folder of GENERATION_FOLDERS) {
    const next = join(paths.next, folder);
    const current = join(paths.out, folder);
    const old = join(paths.old, folder);
    if (!existsSync(next)) continue; // switched before the kill
    if (existsSync(current)) {
      await rm(old, { recursive: true, force: true });
      await rename(current, old);
      await afterStep(`${folder} moved aside`);
    }
    await rename(next, current);
    await afterStep(`${folder} switched`);
  }
  await rm(paths.journal, { force: true });
  await afterStep('journal removed');
  await rm(paths.old, { recursive: true, force: true });
  await rm(paths.next, { recursive: true, force: true });
}

/** The journal of a switch that has not finished, if any (the site's loader reports it). */
export function readJournal(path: string): Journal | undefined {
  if (!existsSync(path)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    raw = (error as Error).message;
  }
  const parsed = journalFile.safeParse(raw);
  if (parsed.success) return parsed.data;
  // Written atomically by switchGeneration, so never half-written: something else made this file.
  throw new Error(
    `${path} is not the journal of a generation switch (${parsed.error.issues[0]?.path.join('.') || 'the file'}: ${parsed.error.issues[0]?.message ?? 'not JSON'}). ` +
      'npm run train writes it atomically, so another program wrote it: delete it, then run npm run train -- --recover.',
  );
}

/**
 * Brings the output to a whole generation after an interrupted run: completes a switch that had
 * started, deletes an unfinished assembly. Call with the lock held.
 */
export async function recoverGeneration(paths: GenerationPaths, log: (line: string) => void): Promise<void> {
  const journal = readJournal(paths.journal);
  if (journal) {
    log(`Completing the switch to a new generation that an interrupted run (pid ${journal.pid}, ${journal.started}) had started in ${paths.out}.`);
    await rollForward(paths, () => {});
    return;
  }
  if (existsSync(paths.next)) {
    log(`Removing the unfinished generation an interrupted run left in ${paths.next} (${paths.out} was never touched by it).`);
    await rm(paths.next, { recursive: true, force: true });
  }
  await rm(paths.old, { recursive: true, force: true });
}
