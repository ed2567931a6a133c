/**
 * `npm run train`: datasets → training jobs (parallel worker processes) → analysis → public/.
 * Staleness is decided by content hashes before anything heavy is loaded, so an up-to-date tree is a
 * sub-second no-op.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { manifestFile } from '../schema/results.ts';
import { QUICK, STUDY, modelsFor, type SectionKey } from './config/experiments.ts';
import { DataError } from './data/errors.ts';
import { dataFingerprint } from './data/file-hashes.ts';
import { ROOT, allCodeHash, analysisCodeHash, hashValue, trainingCodeHash } from './pipeline/code-hash.ts';
import { isFresh, planJobs } from './pipeline/jobs.ts';
import { HELP, UsageError, parseTrainArgs } from './pipeline/options.ts';
import { plannedBackend } from './pipeline/planned-backend.ts';
import { chooseProcessCount, jobCost } from './pipeline/schedule.ts';
import { printSummary } from './pipeline/summary-table.ts';
import type { ModelId } from '../schema/results.ts';

const log = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<number> {
  const wallStart = performance.now();
  const options = parseTrainArgs(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const out = resolve(options.out ?? (options.quick ? await mkdtemp(join(tmpdir(), 'digits-fashion-quick-')) : join(ROOT, 'public')));
  const dirs = { results: join(out, 'results'), models: join(out, 'models'), runs: join(out, 'runs') };
  const sectionIds = options.only ? [options.only] : Object.keys(STUDY.sections).sort();
  const models = [...new Set(sectionIds.flatMap((id) => modelsFor(STUDY.sections[id as SectionKey])))] as ModelId[];
  const quick = options.quick ? { ...QUICK, seeds: options.seeds ?? QUICK.seeds } : undefined;

  const backend = plannedBackend();
  const dataHashes = {
    digits: (await dataFingerprint('digits')).map((f) => f.sha256),
    fashion: (await dataFingerprint('fashion')).map((f) => f.sha256),
  };
  const jobs = planJobs({ study: STUDY, models, seeds: options.seeds, quick, runsDir: dirs.runs, backend, trainingCodeHash: trainingCodeHash(), dataHashes });
  const stale = jobs.filter((job) => !isFresh(job));
  const analysisHash = hashValue({ code: analysisCodeHash(), jobs: jobs.map((j) => j.hash), study: STUDY, sections: sectionIds, quick: Boolean(quick) });
  const manifestPath = join(dirs.results, 'manifest.json');
  const codeHash = allCodeHash();
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
  await trainAndAnalyse({ out, dirs, jobs, stale, sectionIds, quick: Boolean(quick), randomPairs: quick?.randomPairs, concurrency: options.jobs ?? chooseProcessCount(stale.map(jobCost), cpus().length), analysisHash, codeHash, backend, wallStart, log });
  printSummary(dirs.results, log);
  if (options.quick) log(`Quick results written to ${out} (the committed results were not touched).`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof DataError) log(`error: ${error.message}`);
    else log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
