/**
 * How many worker processes to start. One per core is right until one long job becomes the critical
 * path: the study's three 200-epoch runs on two cores would run two, then the third alone (400
 * epoch-times), while three processes share the two cores and finish together (~300). Past one process
 * per core the OS time-slices, so the pool is simulated with processor sharing, longest job first, and
 * the smallest count within 2 % of the best finish time wins (each process holds ~0.5 GB).
 */
import type { Job } from './jobs.ts';

/**
 * A job's cost in arbitrary units. Measured per step on wasm: ~1.2 ms at 128 units, ~2.2 ms at 300,
 * i.e. about proportional to units + 80.
 */
export function jobCost(job: Pick<Job, 'epochs' | 'units' | 'trainCount'>): number {
  return job.epochs * (job.units + 80) * (job.trainCount ?? 60_000);
}

/** Finish time of `costs` run longest first by `processes` processes sharing `cores` cores. */
export function makespan(costs: readonly number[], processes: number, cores: number): number {
  const queue = [...costs].sort((a, b) => b - a);
  let running = queue.splice(0, processes);
  let time = 0;
  while (running.length > 0) {
    const speed = Math.min(1, cores / running.length);
    const first = Math.min(...running);
    time += first / speed;
    running = running.map((left) => left - first).filter((left) => left > 0);
    while (running.length < processes && queue.length > 0) running.push(queue.shift() as number);
  }
  return time;
}

export function chooseProcessCount(costs: readonly number[], cores: number): number {
  if (costs.length <= cores) return Math.max(1, costs.length);
  const candidates = [];
  for (let k = cores; k <= Math.min(costs.length, 2 * cores); k++) candidates.push({ k, time: makespan(costs, k, cores) });
  const best = Math.min(...candidates.map((c) => c.time));
  return candidates.find((c) => c.time <= best * 1.02)?.k ?? cores;
}
