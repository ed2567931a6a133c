/**
 * How long the models still to train will take: per model from its own epochs so far (the one under way
 * included, from its batches), else from a model already measured in this browser scaled by the work per
 * epoch (images × hidden units), else from the build's own time for the run scaled by how this browser
 * compares with it; and for the whole set by handing the remaining models to the workers, longest first,
 * as the scheduler does.
 */

export interface ModelWork {
  /** Images × hidden units per epoch: what an epoch's time is proportional to, roughly. */
  workPerEpoch: number;
  epochs: number;
  /** Epochs finished (in any session). */
  epochsDone: number;
  /** Seconds of the epochs finished in this session, and how many they are. */
  sessionSeconds: number;
  sessionEpochs: number;
  /** The fraction of the epoch under way, and its seconds so far; 0 when none is under way. */
  partialFraction: number;
  partialSeconds: number;
  /** The build's seconds per epoch for this run (run.json), a last resort. */
  buildSecondsPerEpoch: number | null;
  done: boolean;
}

/** Seconds per epoch measured for this model in this session, or null before its first epoch ends. */
function ownRate(m: ModelWork): number | null {
  if (m.sessionEpochs > 0) return m.sessionSeconds / m.sessionEpochs;
  if (m.partialFraction >= 0.05) return m.partialSeconds / m.partialFraction;
  return null;
}

/** Seconds per unit of work in this browser, from every model measured so far; null before any is. */
function browserRate(models: readonly ModelWork[]): number | null {
  let seconds = 0;
  let work = 0;
  for (const m of models) {
    const r = ownRate(m);
    if (r !== null) {
      seconds += r;
      work += m.workPerEpoch;
    }
  }
  return work > 0 ? seconds / work : null;
}

/** This browser's speed against the build's, from models measured in both; 1 before any is. */
function buildRatio(models: readonly ModelWork[]): number {
  const pairs = models.map((m) => [ownRate(m), m.buildSecondsPerEpoch] as const).filter((p): p is [number, number] => p[0] !== null && p[1] !== null && p[1] > 0);
  return pairs.length ? pairs.reduce((a, [own, build]) => a + own / build, 0) / pairs.length : 1;
}

/** Seconds left for each model (0 when done), or null when nothing yet allows an estimate. */
export function modelEtas(models: readonly ModelWork[]): (number | null)[] {
  const perWork = browserRate(models);
  const ratio = buildRatio(models);
  return models.map((m) => {
    if (m.done) return 0;
    const rate = ownRate(m) ?? (perWork !== null ? perWork * m.workPerEpoch : m.buildSecondsPerEpoch !== null ? m.buildSecondsPerEpoch * ratio : null);
    if (rate === null) return null;
    const left = m.epochs - m.epochsDone - m.partialFraction;
    return Math.max(0, left * rate);
  });
}

/**
 * Seconds until every model is done with `workers` in parallel: the running ones continue on their
 * workers, the queued ones go, longest first, to whichever worker frees up first. Null when a model
 * cannot be estimated yet.
 */
export function totalEta(etas: readonly (number | null)[], running: readonly boolean[], workers: number): number | null {
  if (etas.some((e) => e === null)) return null;
  const free = Array.from({ length: Math.max(1, workers) }, () => 0);
  const runningLeft = etas.filter((_, i) => running[i]) as number[];
  runningLeft.forEach((e, i) => (free[i % free.length] += e));
  const queued = (etas.filter((e, i) => !running[i] && (e as number) > 0) as number[]).sort((a, b) => b - a);
  for (const e of queued) {
    const i = free.indexOf(Math.min(...free));
    free[i] += e;
  }
  return Math.max(...free);
}

/**
 * The workers a Reproduce starts with unless the reader picks: two, or one on a single core. Measured on
 * 2 cores (README): the whole study took 801 s with 2 workers and 1,117 s with 1 (so not cores − 1), and
 * its longest model alone is most of that, so a third worker saves little and costs ~100 MB more.
 * `navigator.hardwareConcurrency` is no core count in WebKit either: below 8 cores it reports 4.
 */
export function defaultWorkers(cores: number): number {
  return Math.max(1, Math.min(2, Math.floor(cores)));
}

/** "2 min 05 s", "45 s", "1 h 03 min". */
export function duration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}
