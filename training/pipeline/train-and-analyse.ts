/** The heavy half of `npm run train`: run stale jobs in parallel, then rebuild results and models. */
import { cp, mkdir, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { modelOf, type StudySpec } from '../../schema/study.ts';
import { loadDataset } from '../data/datasets.ts';
import { initBackend } from '../tf/backend.ts';
import { AnalysisContext } from '../analysis/context.ts';
import { runAnalysis } from '../analysis/run-analysis.ts';
import { recoverSwaps, replaceDirAtomic, writeJsonAtomic } from '../output/atomic.ts';
import { buildManifest, hashTree } from '../output/manifest.ts';
import type { Job } from './jobs.ts';
import { runPool } from './pool.ts';
import { createReporter } from './progress.ts';
import { runFile } from '../../schema/results.ts';
import { hashValue as hashValueOf } from './code-hash.ts';

export interface TrainPlan {
  study: StudySpec;
  out: string;
  dirs: { results: string; models: string; runs: string };
  jobs: Job[];
  stale: Job[];
  sectionIds: string[];
  quick: boolean;
  randomPairs?: number;
  concurrency: number;
  analysisHash: string;
  codeHash: string;
  backend: string;
  wallStart: number;
  log: (line: string) => void;
}

export async function trainAndAnalyse(plan: TrainPlan): Promise<void> {
  const { dirs, log, study } = plan;
  await recoverSwaps([dirs.results, dirs.models]);
  const backend = await initBackend();
  log(`Backend: ${backend.name}${backend.warning ? `\nWARNING: ${backend.warning}` : ''}`);
  // Fail on missing or corrupt data here, with the loader's message, before any worker starts.
  await Promise.all(study.datasets.map(({ id }) => loadDataset(id)));

  if (plan.stale.length > 0) {
    log(`Training ${plan.stale.length} of ${plan.jobs.length} runs in ${Math.min(plan.concurrency, plan.stale.length)} worker processes on ${cpus().length} cores.`);
    const outcomes = await runPool(plan.stale, plan.concurrency, createReporter(log));
    const failed = outcomes.filter((o) => !o.ok);
    if (failed.length > 0) {
      throw new Error(`${failed.length} training run(s) failed; results were not updated:\n${failed.map((f) => `  ${f.job.model} seed ${f.job.seed}: ${f.error}`).join('\n')}`);
    }
  }

  log('Analysing the runs.');
  const runs = await Promise.all(plan.jobs.map(async (job) => ({ job, run: runFile.parse(JSON.parse(await readFile(join(job.dir, 'run.json'), 'utf8'))) })));
  const trainer = [...new Set(runs.map((r) => r.run.trainer))].join('; ');
  const runBackend = [...new Set(runs.map((r) => r.run.backend))].join('; ');

  await replaceDirAtomic(dirs.models, async (tmp) => {
    if (existsSync(dirs.models)) await cp(dirs.models, tmp, { recursive: true });
    for (const model of new Set(plan.jobs.map((j) => j.model))) {
      const published = plan.jobs.find((j) => j.model === model && j.seed === modelOf(study, model).publishedSeed);
      if (!published) throw new Error(`The published seed of ${model} is not among the trained seeds.`);
      await mkdir(join(tmp, model), { recursive: true });
      for (const file of ['model.json', 'weights.bin']) await cp(join(published.dir, file), join(tmp, model, file));
    }
  });

  await replaceDirAtomic(dirs.results, async (tmp) => {
    if (existsSync(dirs.results)) await cp(dirs.results, tmp, { recursive: true });
    const ctx = await AnalysisContext.create(study, plan.jobs, tmp, plan.quick, plan.randomPairs);
    await runAnalysis(ctx, plan.sectionIds, { backend: runBackend, trainer }, log);
    const wall = (performance.now() - plan.wallStart) / 1000;
    const data = [];
    for (const { id } of study.datasets) {
      for (const f of (await loadDataset(id)).files) data.push({ dataset: id, file: f.file, bytes: f.bytes, sha256: f.sha256 });
    }
    await writeJsonAtomic(
      join(tmp, 'manifest.json'),
      buildManifest({
        quick: plan.quick,
        backend: runBackend,
        trainer,
        code_hash: plan.codeHash,
        config_hash: hashValueOf(study),
        analysis_hash: plan.analysisHash,
        data,
        jobs: runs.map(({ run }) => ({ model: run.model, seed: run.seed, hash: run.hash, duration_s: run.duration_s, epochs: run.epochs })),
        models: await Promise.all(
          [...new Set(plan.jobs.map((j) => j.model))].map(async (id) => ({
            id,
            seed: modelOf(study, id).publishedSeed,
            path: `models/${id}/model.json`,
            bytes: (await readFile(join(dirs.models, id, 'weights.bin'))).byteLength,
          })),
        ),
        files: await hashTree(plan.out, [
          { dir: tmp, as: 'results' },
          { dir: dirs.models, as: 'models' },
          { dir: dirs.runs, as: 'runs' },
        ]),
        // Only a run that trained something has a meaningful wall time; re-analysis keeps the old one.
        wall_s: plan.stale.length > 0 ? wall : await previousWall(dirs.results),
      }),
    );
  });
}

async function previousWall(resultsDir: string): Promise<number | null> {
  try {
    return (JSON.parse(await readFile(join(resultsDir, 'manifest.json'), 'utf8')) as { wall_s: number | null }).wall_s;
  } catch {
    return null;
  }
}

