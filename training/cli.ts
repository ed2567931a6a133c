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
import { QUICK, STUDY, loadStudy } from './config/experiments.ts';
import { StudyError, modelsOf, sectionOf } from '../schema/study.ts';
import { DataError } from './data/errors.ts';
import { dataFingerprint } from './data/file-hashes.ts';
import { ROOT, allCodeHash, analysisCodeHash, hashValue, trainingCodeHash } from './pipeline/code-hash.ts';
import { isFresh, planJobs } from './pipeline/jobs.ts';
import { UsageError, checkOnly, helpText, parseTrainArgs } from './pipeline/options.ts';
import { plannedBackend } from './pipeline/planned-backend.ts';
import { chooseProcessCount, jobCost } from './pipeline/schedule.ts';
import { printSummary } from './pipeline/summary-table.ts';

const log = (line: string) => process.stderr.write(`${line}\n`);

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
  const sectionIds = options.only ? [options.only] : study.sections.map((s) => s.id);
  const models = [...new Set(sectionIds.flatMap((id) => modelsOf(sectionOf(study, id))))];
  const quick = options.quick ? { ...QUICK, seeds: options.seeds ?? QUICK.seeds } : undefined;

  const backend = plannedBackend();
  const dataHashes = Object.fromEntries(
    await Promise.all(study.datasets.map(async ({ id }) => [id, (await dataFingerprint(id)).map((f) => f.sha256)] as const)),
  );
  const jobs = planJobs({ study, models, seeds: options.seeds, quick, runsDir: dirs.runs, backend, trainingCodeHash: trainingCodeHash(), dataHashes });
  const stale = jobs.filter((job) => !isFresh(job));
  const analysisHash = hashValue({ code: analysisCodeHash(), jobs: jobs.map((j) => j.hash), study, sections: sectionIds, quick: Boolean(quick) });
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
  await trainAndAnalyse({ study, out, dirs, jobs, stale, sectionIds, quick: Boolean(quick), randomPairs: quick?.randomPairs, concurrency: options.jobs ?? chooseProcessCount(stale.map(jobCost), cpus().length), analysisHash, codeHash, backend, wallStart, log });
  printSummary(dirs.results, log);
  if (options.quick) log(`Quick results written to ${out} (the committed results were not touched).`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof DataError || error instanceof StudyError) log(`error: ${error.message}`);
    else log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
