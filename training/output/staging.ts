/**
 * Where each job's run comes from: the current generation (fresh in `<out>/runs`), the staging area
 * (finished by an earlier run that was interrupted before its switch), or a new training into the
 * staging area. Staged runs are keyed by job hash, so one is reused only when nothing it depends on
 * changed; nothing is trained into `<out>` directly.
 */
import { existsSync, readdirSync } from 'node:fs';
import { rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isFresh, type Job } from '../pipeline/jobs.ts';
import { RUN_FILE, type GenerationPaths } from '../../core/layout.ts';

export interface JobSource {
  job: Job;
  from: 'current' | 'staged' | 'train';
  /** The run's folder: in `<out>/runs` for 'current', in the staging area otherwise. */
  dir: string;
}

export function resolveSources(jobs: Job[], paths: GenerationPaths): JobSource[] {
  return jobs.map((job) => {
    if (isFresh(job)) return { job, from: 'current', dir: job.dir };
    const dir = join(paths.jobs, job.hash);
    return { job, from: isFresh({ ...job, dir }) ? 'staged' : 'train', dir };
  });
}

/** Finished runs in the staging area (what an interrupted run keeps); synchronous for the signal handler. */
export function countStagedSync(paths: GenerationPaths): number {
  if (!existsSync(paths.jobs)) return 0;
  return readdirSync(paths.jobs).filter((name) => existsSync(join(paths.jobs, name, RUN_FILE))).length;
}

/** After a switch: the staged runs it used are in `<out>/runs` now; other staged runs stay for later. */
export async function removeUsed(sources: JobSource[], paths: GenerationPaths): Promise<void> {
  for (const s of sources) if (s.from !== 'current') await rm(s.dir, { recursive: true, force: true });
  await rmdir(paths.jobs).catch(() => {}); // only when empty
}
