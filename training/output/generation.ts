/**
 * Assembling a new generation in `next/` and checking it before the switch (journal.ts). A generation
 * is whole: it starts as a copy (hard links) of the current one, so a `--only` or `--seeds` run replaces
 * what it recomputed and carries over everything else.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { manifestFile, runFile, sectionFile, summaryFile, type RunFile } from '../../schema/results.ts';
import { recordedHash, type Job } from '../pipeline/jobs.ts';
import { linkTree } from './atomic.ts';
import { GENERATION_FOLDERS, RESULT_FILES, RUN_FILE, runFolder, type GenerationFolder, type GenerationPaths } from '../../core/layout.ts';
import { hashTree } from './manifest.ts';
import type { JobSource } from './staging.ts';

const runDir = (runsDir: string, job: Pick<Job, 'model' | 'seed'>) => join(runsDir, runFolder(job.model, job.seed));

/** Starts next/ as a copy of the current generation's folders. */
export async function startGeneration(paths: GenerationPaths): Promise<void> {
  await rm(paths.next, { recursive: true, force: true });
  for (const folder of GENERATION_FOLDERS) {
    const current = join(paths.out, folder);
    if (existsSync(current)) await linkTree(current, join(paths.next, folder));
  }
  await rm(join(paths.next, 'results', RESULT_FILES.manifest), { force: true });
}

/**
 * Puts this run's jobs into next/runs; returns the jobs pointing there (what the analysis reads). A model
 * this run trains has exactly this run's seeds in the new generation; its other runs (a `--seeds` run
 * over a larger generation) are parked in the staging area, where a later run that wants them back
 * finds them by hash instead of retraining.
 */
export async function placeRuns(paths: GenerationPaths, sources: JobSource[]): Promise<Job[]> {
  const runs = join(paths.next, 'runs');
  for (const model of new Set(sources.map((s) => s.job.model))) {
    const seeds = new Set(sources.filter((s) => s.job.model === model).map((s) => `seed-${s.job.seed}`));
    const modelDir = join(runs, model);
    for (const seed of existsSync(modelDir) ? await readdir(modelDir) : []) {
      if (seeds.has(seed)) continue;
      const dir = join(modelDir, seed);
      const hash = recordedHash(dir);
      const parked = hash ? join(paths.jobs, hash) : undefined;
      if (parked && !existsSync(parked)) {
        await mkdir(paths.jobs, { recursive: true });
        await rename(dir, parked);
      } else await rm(dir, { recursive: true, force: true });
    }
  }
  const placed: Job[] = [];
  for (const s of sources) {
    const dir = runDir(runs, s.job);
    if (s.from !== 'current') {
      await rm(dir, { recursive: true, force: true });
      await linkTree(s.dir, dir);
    }
    placed.push({ ...s.job, dir });
  }
  return placed;
}

/** Every run in a runs folder, by model and seed: what the manifest lists as the generation's jobs. */
export async function readRuns(runsDir: string): Promise<RunFile[]> {
  const runs: RunFile[] = [];
  if (!existsSync(runsDir)) return runs;
  for (const model of (await readdir(runsDir)).filter((n) => !n.startsWith('.')).sort()) {
    for (const seed of (await readdir(join(runsDir, model))).filter((n) => n.startsWith('seed-'))) {
      runs.push(runFile.parse(JSON.parse(await readFile(join(runsDir, model, seed, RUN_FILE), 'utf8'))));
    }
  }
  return runs.sort((a, b) => a.model.localeCompare(b.model) || a.seed - b.seed);
}

export const generationFolders = (root: string) => GENERATION_FOLDERS.map((f: GenerationFolder) => ({ dir: join(root, f), as: f }));

/**
 * The checks the site's loader relies on, run on next/ before it may be switched in: the manifest
 * parses and lists exactly the files present, with their sizes and hashes; the summary, every section
 * file and every published model are there and parse.
 */
export async function verifyGeneration(root: string): Promise<void> {
  const problems: string[] = [];
  const parse = async <T>(file: string, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }): Promise<T | undefined> => {
    try {
      const r = schema.safeParse(JSON.parse(await readFile(join(root, file), 'utf8')));
      if (r.success) return r.data;
      problems.push(`${file}: does not match schema/results.ts`);
    } catch (error) {
      problems.push(`${file}: ${(error as Error).message}`);
    }
    return undefined;
  };
  const manifest = await parse('results/manifest.json', manifestFile);
  if (manifest) {
    const present = new Map((await hashTree(root, generationFolders(root))).map((f) => [f.path, f]));
    for (const f of manifest.files) {
      const p = present.get(f.path);
      if (!p) problems.push(`${f.path}: listed in the manifest, missing`);
      else if (p.bytes !== f.bytes || p.sha256 !== f.sha256) problems.push(`${f.path}: differs from the manifest`);
      present.delete(f.path);
    }
    for (const path of present.keys()) problems.push(`${path}: not listed in the manifest`);
    for (const m of manifest.models) if (!existsSync(join(root, m.path))) problems.push(`${m.path}: published model missing`);
  }
  await parse('results/summary.json', summaryFile);
  const results = join(root, 'results');
  for (const file of existsSync(results) ? (await readdir(results)).filter((f) => /^section-\d+\.json$/.test(f)) : []) {
    await parse(`results/${file}`, sectionFile);
  }
  if (problems.length > 0) {
    throw new Error(`The new generation in ${root} failed its check, so it was not switched in (the output is unchanged):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}
