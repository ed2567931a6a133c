/**
 * Reuse from the output file itself: a model of the existing keras.json is carried over unchanged when it
 * provably came from the jobs the study plans now. The per-seed cache (run-jobs.ts) is local and a fresh
 * clone has none, so without this a study that gains a model would train every committed model again.
 */
import { existsSync, readFileSync } from 'node:fs';
import { crosscheckFile, type CrosscheckFile, type KerasModel } from '../schema/crosscheck.ts';
import type { KerasJob } from './plan.ts';

/** The previous file, or why there is none to carry over from. */
export type Previous = { file: CrosscheckFile } | { file?: undefined; reason: string };

export function readPrevious(path: string): Previous {
  if (!existsSync(path)) return { reason: `no file at ${path}` };
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { reason: `${path} is not JSON (${(error as Error).message})` };
  }
  const parsed = crosscheckFile.safeParse(json);
  return parsed.success ? { file: parsed.data } : { reason: `${path} does not match schema/crosscheck.ts` };
}

export interface CarryContext {
  codeHash: string;
  quick: boolean;
  threads: number;
  /** Images a job trains on (its train_count, or the whole training set). */
  trainCount: (job: KerasJob) => number;
}

/** Whether one model of the study is carried over, and the proof, or why it runs. */
export interface CarryDecision {
  model: string;
  keep: boolean;
  reason: string;
}

export const KEPT_BY_KEY = 'same job keys';
export const KEPT_BY_SETTINGS = 'same runner code, settings and seeds';

const list = (values: readonly (number | string)[]) => values.join(', ') || 'none';
const sortedNumbers = (values: number[]) => [...values].sort((a, b) => a - b);

/** Why the file's α entries of `model` are not the ones its jobs compute, or null when they are. */
function alphaMismatch(file: CrosscheckFile, model: string, jobs: KerasJob[]): string | null {
  const planned = jobs[0].alpha;
  const stored = Object.entries(file.alpha).filter(([, a]) => a.model === model).map(([section]) => section);
  const want = planned.map((a) => a.section);
  if ([...stored].sort().join('|') !== [...want].sort().join('|')) return `α sections ${list(stored)} in the file, ${list(want)} now`;
  const differs = planned.find((a) => file.alpha[a.section].random_pairs !== a.pairs.length);
  return differs ? `section ${differs.section} has ${file.alpha[differs.section].random_pairs} random pairs in the file, ${differs.pairs.length} now` : null;
}

/**
 * A file written before runs carried their key. Its models are accepted when everything the key would
 * have hashed matches what the file records: the job settings (dataset, units, epochs, train_count,
 * threads, the seeds, the α sections and their random-pair counts), the runner code hash, and full vs
 * quick. The key's other input, the data hashes, needs no check: the loader verifies every data file
 * against fixed SHA-256s before any job runs, so the data cannot differ. What such a file does not record
 * is the α blends' own parameters (source images, α range, pair seed); those are fixed in the study
 * declaration and unchanged since the committed keyless file was made. Runs written now carry keys, so
 * only models carried over from that old file still take this path (carrying keeps them unchanged,
 * keyless); once the file's runs all carry keys (after `--rerun`), this fallback can be deleted.
 */
function settingsMismatch(file: CrosscheckFile, entry: KerasModel, jobs: KerasJob[], ctx: CarryContext): string | null {
  if (file.code_hash !== ctx.codeHash) return 'the Keras runner code changed since the file was made';
  if (file.threads !== ctx.threads) return `${file.threads} TensorFlow thread(s) in the file, ${ctx.threads} now`;
  const job = jobs[0];
  const now = { dataset: job.dataset, units: job.units, epochs: job.epochs, train_count: ctx.trainCount(job) };
  for (const [name, value] of Object.entries(now)) {
    const stored = entry[name as keyof typeof now];
    if (stored !== value) return `${name} ${stored} in the file, ${value} now`;
  }
  return null;
}

function decideModel(file: CrosscheckFile, model: string, jobs: KerasJob[], ctx: CarryContext): CarryDecision {
  const run = (reason: string): CarryDecision => ({ model, keep: false, reason });
  const entry = file.models[model];
  if (!entry) return run('not in the file');
  const fileSeeds = sortedNumbers(entry.runs.map((r) => r.seed));
  const jobSeeds = sortedNumbers(jobs.map((j) => j.seed));
  if (fileSeeds.join() !== jobSeeds.join()) return run(`seeds ${list(fileSeeds)} in the file, ${list(jobSeeds)} now`);
  const alpha = alphaMismatch(file, model, jobs);
  if (alpha) return run(alpha);
  if (entry.runs.some((r) => r.key !== undefined)) {
    const keys = new Map(entry.runs.map((r) => [r.seed, r.key]));
    const changed = jobs.filter((j) => keys.get(j.seed) !== j.key).map((j) => j.seed);
    if (changed.length) return run(`seed ${list(sortedNumbers(changed))}: a different key (settings, data or runner code changed)`);
    return { model, keep: true, reason: KEPT_BY_KEY };
  }
  const settings = settingsMismatch(file, entry, jobs, ctx);
  return settings ? run(settings) : { model, keep: true, reason: KEPT_BY_SETTINGS };
}

/** One decision per model that has jobs, in `models` order (the study's). */
export function decideCarryOver(previous: Previous, models: readonly string[], jobs: KerasJob[], ctx: CarryContext): CarryDecision[] {
  const planned = models.filter((model) => jobs.some((j) => j.model === model));
  const all = (reason: string) => planned.map((model) => ({ model, keep: false, reason }));
  if (!previous.file) return all(previous.reason);
  const { file } = previous;
  // A quick file holds 1-epoch results on a slice: never a stand-in for the full study, nor the reverse.
  if (file.quick !== ctx.quick) return all(`the file is a ${file.quick ? '--quick' : 'full'} run`);
  return planned.map((model) => decideModel(file, model, jobs.filter((j) => j.model === model), ctx));
}

/** The log lines: which models are kept and on what proof, and what runs and why. */
export function describeCarryOver(decisions: CarryDecision[], jobs: KerasJob[], path: string): string[] {
  const lines: string[] = [];
  for (const keep of [true, false]) {
    for (const reason of new Set(decisions.filter((d) => d.keep === keep).map((d) => d.reason))) {
      const group = decisions.filter((d) => d.keep === keep && d.reason === reason).map((d) => d.model);
      const count = jobs.filter((j) => group.includes(j.model)).length;
      lines.push(keep ? `keeping ${group.join(', ')} from ${path} (${reason})` : `running ${count} job(s) for ${group.join(', ')} (${reason})`);
    }
  }
  return lines;
}
