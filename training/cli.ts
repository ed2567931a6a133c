/**
 * `npm run train`: datasets → training jobs (parallel worker processes) → analysis → public/.
 * Staleness is decided by content hashes before anything heavy is loaded, so an up-to-date tree is a
 * sub-second no-op.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { manifestFile, type ModelId } from '../schema/results.ts';
import { QUICK, STUDY, loadStudy } from './config/experiments.ts';
import { StudyError, type StudySpec } from '../schema/study.ts';
import { DataError } from '../core/data-error.ts';
import { datasetEntry } from '../core/datasets.ts';
import { dataFingerprint } from './data/file-hashes.ts';
import { acquireLock, LockError } from './output/lock.ts';
import { RESULT_FILES, generationPaths, type GenerationPaths } from '../core/layout.ts';
import { readJournal } from './output/journal.ts';
import { recoverOutput } from './output/recover.ts';
import { describeWriteError } from './output/write-error.ts';
import { deferredExit, handleInterrupts } from './pipeline/interrupt.ts';
import { ROOT, codeHashes, hashValue } from './pipeline/code-hash.ts';
import { isFresh, planJobs } from './pipeline/jobs.ts';
import { UsageError, checkOnly, helpText, parseTrainArgs, type TrainOptions } from './pipeline/options.ts';
import { chooseProcessCount, jobCost } from './pipeline/schedule.ts';
import { runScope } from './pipeline/scope.ts';
import { plannedBackend, requestedBackend } from './tf/backend-name.ts';
import { printSummary } from './pipeline/summary-table.ts';

const log = (line: string) => process.stderr.write(`${line}\n`);
/** The output being written, for the error message of a failed run. */
let target: GenerationPaths | undefined;

async function main(): Promise<number> {
  const wallStart = performance.now();
  const options = parseTrainArgs(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(helpText(options.study ? loadStudy(options.study) : STUDY));
    return 0;
  }
  const study = loadStudy(options.study);
  checkOnly(options.only, study);
  const out = resolve(options.out ?? (options.quick ? await mkdtemp(join(tmpdir(), 'digits-fashion-quick-')) : join(ROOT, 'public')));
  const dirs = { results: join(out, 'results'), models: join(out, 'models'), runs: join(out, 'runs') };
  const paths = (target = generationPaths(out));
  const releaseLock = acquireLock(paths.lock, log);
  try {
    handleInterrupts(paths, releaseLock, log);
    await recoverOutput(paths, log);
    if (options.recover) {
      log(`${out} holds one whole generation.`);
      return 0;
    }
    return await train(study, options, paths, dirs, wallStart);
  } finally {
    releaseLock();
  }
}

async function train(study: StudySpec, options: TrainOptions, paths: GenerationPaths, dirs: Record<'results' | 'models' | 'runs', string>, wallStart: number): Promise<number> {
  const out = paths.out;
  const quick = options.quick ? { ...QUICK, seeds: options.seeds ?? QUICK.seeds } : undefined;
  let backend;
  try {
    backend = plannedBackend(requestedBackend(options.backend));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const dataHashes = Object.fromEntries(
    await Promise.all(study.datasets.map(async ({ id }) => [id, (await dataFingerprint(datasetEntry(id, study))).map((f) => f.sha256)] as const)),
  );
  const code = await codeHashes();
  const plan = (models: ModelId[]) => planJobs({ study, models, seeds: options.seeds, quick, runsDir: dirs.runs, backend, trainingCodeHash: code.training, dataHashes });
  const scope = runScope(study, options.only, (model) => plan([model]).every(isFresh));
  const sectionIds = scope.sections;
  for (const { section, stale } of scope.kept) {
    log(`Section ${section} also reads a model this run retrains, but keeps its previous results: its other model${stale.length > 1 ? 's' : ''} ${stale.join(', ')} ${stale.length > 1 ? 'are' : 'is'} out of date. Run npm run train -- --only ${section} (or without --only) to bring it up to date.`);
  }
  const jobs = plan(scope.models);
  const stale = jobs.filter((job) => !isFresh(job));
  const analysisHash = hashValue({ code: code.analysis, jobs: jobs.map((j) => j.hash), study, sections: sectionIds, quick: Boolean(quick) });
  const manifestPath = join(dirs.results, RESULT_FILES.manifest);
  const codeHash = code.all;
  if (stale.length === 0 && existsSync(manifestPath)) {
    const manifest = manifestFile.safeParse(JSON.parse(readFileSync(manifestPath, 'utf8')));
    if (manifest.success && manifest.data.analysis_hash === analysisHash && manifest.data.code_hash === codeHash) {
      log(`Up to date: ${jobs.length} runs and the results in ${out} match the code, configuration, data and backend (${backend}).`);
      printSummary(dirs.results, log);
      return 0;
    }
  }

  // Everything past this point loads tfjs and the datasets.
  const { trainAndAnalyse } = await import('./pipeline/train-and-analyse.ts');
  await trainAndAnalyse({ study, paths, jobs, backend, sectionIds, quick: Boolean(quick), randomPairs: quick?.randomPairs, concurrency: options.jobs ?? chooseProcessCount(stale.map(jobCost), cpus().length), analysisHash, codeHash, wallStart, log });
  printSummary(dirs.results, log);
  if (options.quick) log(`Quick results written to ${out} (the committed results were not touched).`);
  const signalled = deferredExit();
  if (signalled !== undefined) log('Interrupted during the switch: the new generation is in place.');
  return signalled ?? 0;
}

/** After a failure: is the output the old generation, or half-way through a switch? */
function outputState(paths: GenerationPaths): string {
  if (readJournal(paths.journal)) return `The switch to the new generation in ${paths.out} stopped half-way; run npm run train -- --recover to complete it.`;
  return `${paths.out} was not changed.`;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const writeError = describeWriteError(error);
    if (error instanceof UsageError || error instanceof DataError || error instanceof LockError || error instanceof StudyError) log(`error: ${error.message}`);
    else if (writeError) log(`error: ${writeError}`);
    else log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    if (target && !(error instanceof UsageError)) log(outputState(target));
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
