/**
 * The heavy half of `npm run train`: run stale jobs in parallel into the staging area, assemble a whole
 * new generation (runs, models, results) next to the output, check it, and switch it in
 * (training/output/journal.ts). Until the switch, the output is not touched.
 */
import { mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { manifestFile } from '../../schema/results.ts';
import { modelOf, type StudySpec } from '../../schema/study.ts';
import { datasetEntry } from '../../core/datasets.ts';
import { loadDataset } from '../data/datasets.ts';
import { initBackend, type BackendName } from '../tf/backend.ts';
import { AnalysisContext } from '../analysis/context.ts';
import { runAnalysis } from '../analysis/run-analysis.ts';
import { linkFile, writeJsonAtomic } from '../output/atomic.ts';
import { generationFolders, placeRuns, readRuns, startGeneration, verifyGeneration } from '../output/generation.ts';
import type { GenerationPaths } from '../../core/layout.ts';
import { switchGeneration } from '../output/journal.ts';
import { buildManifest, hashTree } from '../output/manifest.ts';
import { removeUsed, resolveSources } from '../output/staging.ts';
import type { Job } from './jobs.ts';
import { runPool } from './pool.ts';
import { createReporter } from './progress.ts';
import { hashValue as hashValueOf } from './code-hash.ts';
import { MODEL_FILES, RESULT_FILES, modelPath, sectionFilePath } from '../../core/layout.ts';

export interface TrainPlan {
  study: StudySpec;
  paths: GenerationPaths;
  jobs: Job[];
  /** What the jobs were planned for; the analysis runs on it too. */
  backend: BackendName;
  sectionIds: string[];
  quick: boolean;
  randomPairs?: number;
  concurrency: number;
  analysisHash: string;
  codeHash: string;
  wallStart: number;
  log: (line: string) => void;
}

export async function trainAndAnalyse(plan: TrainPlan): Promise<void> {
  const { paths, log, study } = plan;
  const backend = await initBackend(plan.backend);
  log(`Backend: ${backend.name}${backend.warning ? `\nWARNING: ${backend.warning}` : ''}`);
  // Fail on missing or corrupt data here, with the loader's message, before any worker starts.
  await Promise.all(study.datasets.map(({ id }) => loadDataset(datasetEntry(id, study))));

  const sources = resolveSources(plan.jobs, paths);
  const reused = sources.filter((s) => s.from === 'staged').length;
  if (reused > 0) log(`Reusing ${reused} finished run${reused === 1 ? '' : 's'} from an interrupted run (${paths.jobs}).`);
  const toTrain = sources.filter((s) => s.from === 'train');
  if (toTrain.length > 0) {
    await mkdir(paths.jobs, { recursive: true });
    log(`Training ${toTrain.length} of ${plan.jobs.length} runs in ${Math.min(plan.concurrency, toTrain.length)} worker processes on ${cpus().length} cores.`);
    const outcomes = await runPool(toTrain.map((s) => ({ ...s.job, dir: s.dir })), plan.concurrency, createReporter(log));
    const failed = outcomes.filter((o) => !o.ok);
    if (failed.length > 0) {
      throw new Error(
        `${failed.length} training run(s) failed; ${paths.out} was not changed and the ${outcomes.length - failed.length} finished runs are kept in ${paths.jobs}:\n` +
          failed.map((f) => `  ${f.job.model} seed ${f.job.seed}: ${f.error}`).join('\n'),
      );
    }
  }

  log(`Assembling the new generation in ${paths.next}.`);
  await startGeneration(paths);
  const jobs = await placeRuns(paths, sources);
  const next = (folder: string) => join(paths.next, folder);
  await publishModels(study, jobs, next('models'));

  log('Analysing the runs.');
  const runs = await readRuns(next('runs'));
  const trainer = [...new Set(runs.map((r) => r.trainer))].join('; ');
  const runBackend = [...new Set(runs.map((r) => r.backend))].join('; ');
  const ctx = await AnalysisContext.create(study, jobs, next('results'), plan.quick, plan.randomPairs);
  await runAnalysis(ctx, plan.sectionIds, { backend: runBackend, trainer }, log);
  const data = [];
  for (const { id } of study.datasets) {
    for (const f of (await loadDataset(datasetEntry(id, study))).files) data.push({ dataset: id, file: f.file, bytes: f.bytes, sha256: f.sha256 });
  }
  const manifestModels = [];
  for (const id of await listModels(study, next('models'))) {
    manifestModels.push({ id, seed: modelOf(study, id).publishedSeed, path: modelPath(id), bytes: (await readFile(join(next('models'), id, MODEL_FILES.weights))).byteLength });
  }
  await writeJsonAtomic(
    join(next('results'), RESULT_FILES.manifest),
    buildManifest({
      quick: plan.quick,
      backend: runBackend,
      trainer,
      code_hash: plan.codeHash,
      config_hash: hashValueOf(study),
      analysis_hash: plan.analysisHash,
      data,
      jobs: runs.map((run) => ({ model: run.model, seed: run.seed, hash: run.hash, duration_s: run.duration_s, epochs: run.epochs })),
      models: manifestModels,
      files: await hashTree(paths.next, generationFolders(paths.next)),
      // Only a run that trained something has a meaningful wall time; re-analysis keeps the old one.
      wall_s: toTrain.length > 0 ? (performance.now() - plan.wallStart) / 1000 : await previousWall(join(paths.out, 'results')),
    }),
  );
  await verifyGeneration(paths.next);
  const missing = study.sections.map((x) => x.id).filter((id) => !existsSync(join(next('results'), sectionFilePath(id))));
  if (missing.length > 0) log(`WARNING: this generation has no results for section${missing.length > 1 ? 's' : ''} ${missing.join(', ')}: the site will not build from it until a run without --only adds them.`);

  log(`Switching the new generation into ${paths.out}.`);
  await switchGeneration(paths);
  await removeUsed(sources, paths);
}

/** Each trained model's published seed becomes models/<id>/ (the current generation's other models stay). */
async function publishModels(study: StudySpec, jobs: Job[], modelsDir: string): Promise<void> {
  for (const model of new Set(jobs.map((j) => j.model))) {
    const { publishedSeed } = modelOf(study, model);
    const published = jobs.find((j) => j.model === model && j.seed === publishedSeed);
    if (!published) throw new Error(`The published seed of ${model} (${publishedSeed}) is not among the trained seeds; train more seeds or change publishedSeed in training/config/experiments.ts.`);
    const dir = join(modelsDir, model);
    await rm(dir, { recursive: true, force: true });
    for (const file of Object.values(MODEL_FILES)) await linkFile(join(published.dir, file), join(dir, file));
  }
}

/** The declared models present in a generation's models folder (a model no longer declared is left out). */
async function listModels(study: StudySpec, modelsDir: string): Promise<string[]> {
  if (!existsSync(modelsDir)) return [];
  const declared = new Set(study.models.map((m) => m.id));
  return (await readdir(modelsDir)).filter((n) => declared.has(n)).sort();
}

async function previousWall(resultsDir: string): Promise<number | null> {
  try {
    const manifest = manifestFile.safeParse(JSON.parse(await readFile(join(resultsDir, RESULT_FILES.manifest), 'utf8')));
    return manifest.success ? manifest.data.wall_s : null;
  } catch {
    return null; // no previous manifest
  }
}
