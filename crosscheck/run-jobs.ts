/**
 * Runs the Keras jobs, `workers` Python processes at a time, and caches every result as
 * <cache>/<model>-seed-<n>.json: a result whose key matches its job is reused, so an interrupted run
 * resumes and a study with new models runs only those.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { kerasSeedResult, type KerasSeedResult } from '../schema/crosscheck.ts';
import type { DatasetId } from '../schema/results.ts';
import type { IdxFile } from '../core/datasets.ts';
import { writeJsonAtomic } from '../training/output/atomic.ts';
import { ROOT } from '../training/pipeline/code-hash.ts';
import type { KerasJob } from './plan.ts';

const RUNNER = join(ROOT, 'crosscheck', 'keras', 'run_job.py');
/** TensorFlow's start-up chatter (absl and oneDNN notices), printed before its log level applies. */
const TENSORFLOW_NOISE = /^(WARNING: All log messages before absl|I0000 .*oneDNN custom operations)/;

/** The verified data files, by dataset and file name. */
export type DataPaths = Record<DatasetId, Record<IdxFile, string>>;

export interface RunOptions {
  python: string;
  cacheDir: string;
  data: DataPaths;
  workers: number;
  log: (line: string) => void;
}

const resultPath = (cacheDir: string, job: Pick<KerasJob, 'model' | 'seed'>) => join(cacheDir, `${job.model}-seed-${job.seed}.json`);

/** The cached result of a job, if there is one and it was made with the same key. */
function cachedResult(cacheDir: string, job: KerasJob): KerasSeedResult | undefined {
  const path = resultPath(cacheDir, job);
  if (!existsSync(path)) return undefined;
  const parsed = kerasSeedResult.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  return parsed.success && parsed.data.key === job.key ? parsed.data : undefined;
}

async function runOne(job: KerasJob, options: RunOptions): Promise<KerasSeedResult> {
  const out = resultPath(options.cacheDir, job);
  const jobPath = `${out.slice(0, -'.json'.length)}.job.json`;
  await writeJsonAtomic(jobPath, { ...job, workers: options.workers, data: options.data });
  return new Promise((resolve, reject) => {
    const started = performance.now();
    options.log(`${job.model} seed ${job.seed}: started (${job.epochs} epochs)`);
    const child = spawn(options.python, [RUNNER, jobPath, out], { stdio: ['ignore', 'inherit', 'pipe'] });
    let tail = '';
    let partial = '';
    child.stderr.on('data', (chunk: Buffer) => {
      const text = partial + chunk.toString();
      const lines = text.split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) if (line.trim() && !TENSORFLOW_NOISE.test(line)) options.log(line);
      tail = (tail + chunk.toString()).slice(-4000);
    });
    child.on('error', reject);
    child.on('exit', async (code, signal) => {
      if (code !== 0) {
        reject(new Error(`Keras job ${job.model} seed ${job.seed} failed (${signal ?? `exit code ${code}`}):\n${tail.trim()}`));
        return;
      }
      const result = kerasSeedResult.safeParse(JSON.parse(readFileSync(out, 'utf8')));
      if (!result.success) {
        reject(new Error(`${out}: the Keras runner wrote a result that does not match schema/crosscheck.ts: ${result.error.message}`));
        return;
      }
      await rm(jobPath, { force: true });
      options.log(`${job.model} seed ${job.seed}: done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
      resolve(result.data);
    });
  });
}

/** Every job's result, from the cache or from a fresh run; the first failure stops the queue. */
export async function runKerasJobs(jobs: KerasJob[], options: RunOptions): Promise<Map<KerasJob, KerasSeedResult>> {
  await mkdir(options.cacheDir, { recursive: true });
  const results = new Map<KerasJob, KerasSeedResult>();
  const queue: KerasJob[] = [];
  for (const job of jobs) {
    const cached = cachedResult(options.cacheDir, job);
    if (cached) results.set(job, cached);
    else queue.push(job);
  }
  options.log(`${results.size} of ${jobs.length} Keras runs reused from ${options.cacheDir}; ${queue.length} to run with ${Math.min(options.workers, queue.length)} worker(s).`);
  let failure: unknown;
  const lanes = Array.from({ length: Math.max(1, Math.min(options.workers, queue.length)) }, async () => {
    for (let job = queue.shift(); job && failure === undefined; job = queue.shift()) {
      try {
        results.set(job, await runOne(job, options));
      } catch (error) {
        failure = error;
      }
    }
  });
  await Promise.all(lanes);
  if (failure !== undefined) throw failure;
  return results;
}
