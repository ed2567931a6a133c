/**
 * Entry point of a training worker process: receives one job from the parent, reports progress as
 * messages, and exits. The wasm backend is single-threaded in Node, so parallelism comes from processes.
 */
import { initBackend } from '../tf/backend.ts';
import { plannedBackend, requestedBackend } from '../tf/backend-name.ts';
import type { Job } from './jobs.ts';
import { runJob, type JobEvent } from './run-job.ts';

export type WorkerMessage = JobEvent | { type: 'done'; durationS: number } | { type: 'error'; message: string };

function send(message: WorkerMessage): void {
  process.send?.(message);
}

process.once('message', (job: Job) => {
  void (async () => {
    try {
      // The job's backend is the one its hash was planned with; a name this project does not know is an error.
      const backend = await initBackend(plannedBackend(requestedBackend(job.backend)));
      if (backend.warning) process.stderr.write(`WARNING: ${backend.warning}\n`);
      const run = await runJob(job, backend.name, send);
      send({ type: 'done', durationS: run.duration_s });
      process.disconnect?.();
    } catch (error) {
      send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      process.exitCode = 1;
      process.disconnect?.();
    }
  })();
});
