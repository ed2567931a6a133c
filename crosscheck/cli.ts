/**
 * `npm run crosscheck`: the study's trained configurations in Keras 3 on TensorFlow, with the original's
 * calls, every seed of the declaration → public/crosscheck/keras.json. The datasets are found and
 * checked (SHA-256) by the training step's own loader; Python gets the verified paths.
 *
 *   --quick          2,000 training images, 1 epoch, 1 seed (into .cache/crosscheck/quick/ unless --out)
 *   --out FILE       where the JSON goes (default public/crosscheck/keras.json)
 *   --cache DIR      the per-seed results (default .cache/crosscheck, or .cache/crosscheck/quick)
 *   --workers N      Keras processes side by side (default 2)
 *   --threads N      TensorFlow threads per process (default 1)
 *   --rerun          train every model again instead of carrying models over from the existing output file
 */
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { CrosscheckFile } from '../schema/crosscheck.ts';
import { datasetEntry, type DatasetId, type IdxFile } from '../core/datasets.ts';
import { STUDY } from '../training/config/experiments.ts';
import { loadDataset } from '../training/data/datasets.ts';
import { DataError } from '../core/data-error.ts';
import { writeJsonAtomic } from '../training/output/atomic.ts';
import { ROOT } from '../training/pipeline/code-hash.ts';
import { assembleCrosscheck } from './assemble.ts';
import { decideCarryOver, describeCarryOver, readPrevious } from './carry-over.ts';
import { crosscheckCodeHash } from './code-hash.ts';
import { planKerasJobs, type KerasJob } from './plan.ts';
import { PythonSetupError, ensureKerasPython } from './python.ts';
import { runKerasJobs, type DataPaths } from './run-jobs.ts';
import { pm } from '../core/format.ts';

export const DEFAULT_OUT = join(ROOT, 'public', 'crosscheck', 'keras.json');
const log = (line: string) => process.stderr.write(`${line}\n`);

class UsageError extends Error {}

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a whole number ≥ 1, got "${value}".`);
  return n;
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        quick: { type: 'boolean' },
        out: { type: 'string' },
        cache: { type: 'string' },
        workers: { type: 'string' },
        threads: { type: 'string' },
        rerun: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}. Options: --quick, --out FILE, --cache DIR, --workers N, --threads N, --rerun.`);
  }
  const quick = Boolean(parsed.quick);
  const workers = positiveInt('workers', parsed.workers, 2);
  const threads = positiveInt('threads', parsed.threads, 1);
  const cacheDir = resolve(parsed.cache ?? join(ROOT, '.cache', 'crosscheck', ...(quick ? ['quick'] : [])));
  const out = resolve(parsed.out ?? (quick ? join(cacheDir, 'keras.json') : DEFAULT_OUT));

  const data = {} as DataPaths;
  const testLabels = {} as Record<DatasetId, Uint8Array>;
  const dataHashes = {} as Record<DatasetId, string[]>;
  const trainCounts = {} as Record<DatasetId, number>;
  for (const { id } of STUDY.datasets) {
    const dataset = await loadDataset(datasetEntry(id, STUDY), { log });
    data[id] = Object.fromEntries(dataset.files.map((f) => [f.file, f.path])) as Record<IdxFile, string>;
    testLabels[id] = dataset.test.labels;
    dataHashes[id] = dataset.files.map((f) => f.sha256);
    trainCounts[id] = dataset.train.count;
  }
  const codeHash = crosscheckCodeHash();
  const jobs = planKerasJobs({ study: STUDY, testLabels, dataHashes, codeHash, threads, quick });
  const trainCount = (job: KerasJob) => job.train_count ?? trainCounts[job.dataset];
  const previous = parsed.rerun ? { reason: '--rerun' } : readPrevious(out);
  const decisions = decideCarryOver(previous, STUDY.models.map((m) => m.id), jobs, { codeHash, quick, threads, trainCount });
  describeCarryOver(decisions, jobs, relative(process.cwd(), out) || out).forEach(log);
  const kept = decisions.filter((d) => d.keep).map((d) => d.model);
  const toRun = jobs.filter((j) => !kept.includes(j.model));
  if (previous.file && !toRun.length && Object.keys(previous.file.models).length === kept.length) {
    log(`${out} already holds every model of the study: nothing to run or write (--rerun trains them again).`);
    logFigures(previous.file);
    return;
  }
  // A study whose every model is carried over needs no Python at all.
  const results = toRun.length ? await runKerasJobs(toRun, { python: ensureKerasPython(log), cacheDir, data, workers, log }) : new Map();
  const file = assembleCrosscheck({
    study: STUDY,
    jobs: toRun,
    results,
    carried: previous.file ? { file: previous.file, models: kept } : undefined,
    codeHash,
    quick,
    trainCount,
  });
  await writeJsonAtomic(out, file);
  logFigures(file);
  log(`Wrote ${out}`);
}

function logFigures(file: CrosscheckFile): void {
  for (const [model, m] of Object.entries(file.models)) {
    log(`${model}: running train ${pm(m.train_accuracy)}, test ${pm(m.test_accuracy)}, ${m.seconds_per_epoch.mean.toFixed(2)} s/epoch (${m.runs.length} seeds)`);
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError || error instanceof DataError || error instanceof PythonSetupError) log(`error: ${error.message}`);
  else log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = error instanceof UsageError ? 2 : 1;
});
