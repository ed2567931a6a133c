/**
 * Runs independent jobs in worker processes, at most `concurrency` at a time (schedule.ts picks it).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Job } from './jobs.ts';
import type { WorkerMessage } from './worker.ts';

const WORKER = fileURLToPath(new URL('./worker.ts', import.meta.url));
const live = new Set<ChildProcess>();
/** Set by stopWorkers: no new worker starts after it (a lane may be between two jobs when Ctrl-C comes). */
let stopped = false;

/** Stops every running worker (Ctrl-C); what they had finished is already in the staging area. */
export function stopWorkers(): number {
  stopped = true;
  for (const child of live) child.kill('SIGTERM');
  return live.size;
}

export interface PoolReporter {
  start(job: Job): void;
  message(job: Job, message: WorkerMessage): void;
  finish(job: Job, error?: string): void;
}

export interface JobOutcome {
  job: Job;
  ok: boolean;
  error?: string;
  durationS?: number;
}

function runInWorker(job: Job, reporter: PoolReporter): Promise<JobOutcome> {
  return new Promise((resolve) => {
    // tsx's loader lets the worker run the TypeScript sources directly, as the CLI does.
    const child = fork(WORKER, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
    live.add(child);
    let stderr = '';
    let outcome: JobOutcome | undefined;
    // A worker killed by the same Ctrl-C (the terminal signals the whole process group) closes its
    // channel: the send below then fails with EPIPE, which is an outcome of this job, not a crash.
    child.on('error', (error) => {
      stderr += `${error.message}\n`;
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('message', (message: WorkerMessage) => {
      reporter.message(job, message);
      if (message.type === 'done') outcome = { job, ok: true, durationS: message.durationS };
      if (message.type === 'error') outcome = { job, ok: false, error: message.message };
    });
    child.on('exit', (code, signal) => {
      live.delete(child);
      const result = outcome ?? { job, ok: false, error: `worker exited (${signal ?? `code ${code}`}) ${stderr.trim()}` };
      reporter.finish(job, result.ok ? undefined : result.error);
      resolve(result);
    });
    reporter.start(job);
    child.send(job);
  });
}

export async function runPool(jobs: Job[], concurrency: number, reporter: PoolReporter): Promise<JobOutcome[]> {
  const queue = [...jobs];
  const outcomes: JobOutcome[] = [];
  const lanes = Array.from({ length: Math.max(1, Math.min(concurrency, jobs.length)) }, async () => {
    for (let job = queue.shift(); job && !stopped; job = queue.shift()) outcomes.push(await runInWorker(job, reporter));
  });
  await Promise.all(lanes);
  return outcomes;
}
