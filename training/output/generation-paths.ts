/**
 * Where a training run keeps its state for an output folder (public/ or --out): next to it, never in it,
 * so nothing here is ever served or copied into the site, and on the same file system, so the switch
 * to a new generation is made of renames. Pure path arithmetic: the site's results loader imports it to
 * find an interrupted switch.
 */
import { basename, dirname, join } from 'node:path';

/** The folders that make one generation, in the order the switch renames them. */
export const GENERATION_FOLDERS = ['runs', 'models', 'results'] as const;
export type GenerationFolder = (typeof GENERATION_FOLDERS)[number];

export interface GenerationPaths {
  out: string;
  /** `<parent>/.<name>.train/`: everything below. */
  state: string;
  /** Exclusive lock of the running `npm run train` (lock.ts). */
  lock: string;
  /** Present only while a switch is under way (journal.ts). */
  journal: string;
  /** Finished training jobs, by job hash, until a generation that uses them is switched in. */
  jobs: string;
  /** The generation being assembled. */
  next: string;
  /** The previous generation's folders, moved aside during the switch. */
  old: string;
}

export function generationPaths(out: string): GenerationPaths {
  const state = join(dirname(out), `.${basename(out)}.train`);
  return {
    out,
    state,
    lock: join(state, 'lock'),
    journal: join(state, 'journal.json'),
    jobs: join(state, 'jobs'),
    next: join(state, 'next'),
    old: join(state, 'old'),
  };
}
