/**
 * Loads every result file the report uses from public/results at build time, validates each against
 * schema/results.ts, and checks them against manifest.json (listed, present, same size and SHA-256) and
 * against each other (summary vs section files, published models present). Any problem fails the build
 * with one message that names every missing or inconsistent file and says how to fix it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { z } from 'zod';
import {
  galleryFile, manifestFile, montageMeta, runFile, sectionFile, summaryFile,
  type GalleryFile, type ManifestFile, type MontageMeta, type MontageRef, type RunFile, type SectionFile,
  type SummaryFile, type TrainingSection,
} from '../../schema/results';
import { studySpec, trainedIn, type StudySpec } from '../../schema/study';
import { RESULT_FILES, generationPaths, sectionFilePath } from '../../core/layout';
import { PUBLIC_DIR, RESULTS_DIR } from './paths';

/** Where each section's JSON lives, relative to public/results. */

export interface Results {
  dir: string;
  /** The declaration the results were made from (results/study.json). */
  study: StudySpec;
  manifest: ManifestFile;
  summary: SummaryFile;
  /** Every declared section's results file, by section id. */
  sections: Map<string, SectionFile>;
  /** Montage metadata keyed by its path relative to public/results. */
  montages: Map<string, MontageMeta>;
  galleries: Map<string, GalleryFile>;
  /** Every trained seed's run.json (public/runs), by model id, in seed order. */
  runs: Map<string, RunFile[]>;
}

export class ResultsError extends Error {
  constructor(readonly dir: string, readonly problems: string[]) {
    super(
      `The results in ${dir} are missing or inconsistent (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${p}`).join('\n') +
        '\nThe site is built only from committed results: restore them (git checkout -- public/results public/models public/runs)' +
        ' or regenerate them with `npm run train`.',
    );
    this.name = 'ResultsError';
  }
}

/** The output is half-way through switching to a new generation (training/output/journal.ts). */
class InterruptedSwitchError extends Error {
  constructor(readonly dir: string, readonly journal: string, readonly fix: string) {
    super(
      `The results in ${dir} are half-way through a switch to a new generation: an \`npm run train\` was interrupted while ` +
        `renaming runs/, models/ and results/ (its journal is ${journal}). Complete the switch with \`${fix}\` ` +
        '(renames only, no training), then build again.',
    );
    this.name = 'InterruptedSwitchError';
  }
}

const sha256 = (buf: Buffer) => createHash('sha256').update(buf).digest('hex');
const issues = (e: z.ZodError) =>
  e.issues.slice(0, 4).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ') + (e.issues.length > 4 ? `; … ${e.issues.length - 4} more` : '');

/**
 * Read and check everything. `dir` is public/results by default. The manifest's paths are relative to
 * its parent (public/: "results/section-1.json", "models/digits-300/model.json", "runs/…"); paths inside
 * the section files are relative to `dir` itself ("montages/section-1-samples.png").
 */
export function loadResults(dir: string = RESULTS_DIR): Results {
  const problems: string[] = [];
  const publicDir = dirname(dir.replace(/\/+$/, ''));
  const resultsPrefix = `${relative(publicDir, dir)}/`;
  const showPublic = (file: string) => relative(process.cwd(), join(publicDir, file)) || file;
  const shown = (file: string) => showPublic(resultsPrefix + file);

  // A switch that a kill interrupted leaves a mix of two generations; completing it is the only fix.
  const journal = generationPaths(publicDir).journal;
  if (existsSync(journal)) {
    const out = publicDir === PUBLIC_DIR.replace(/\/+$/, '') ? '' : ` --out ${relative(process.cwd(), publicDir) || '.'}`;
    throw new InterruptedSwitchError(dir, relative(process.cwd(), journal), `npm run train -- --recover${out}`);
  }
  const manifestPath = join(dir, RESULT_FILES.manifest);
  if (!existsSync(manifestPath)) throw new ResultsError(dir, [`${shown(RESULT_FILES.manifest)}: missing — no results to build from`]);
  const manifestParsed = parseJson(manifestPath, manifestFile, shown(RESULT_FILES.manifest), problems);
  if (!manifestParsed) throw new ResultsError(dir, problems);
  const manifest = manifestParsed;
  /** Files under `dir` that the manifest lists, by their path relative to `dir`. */
  const listed = new Set(manifest.files.filter((f) => f.path.startsWith(resultsPrefix)).map((f) => f.path.slice(resultsPrefix.length)));

  // Every file the manifest lists is present with the recorded size and hash.
  for (const f of manifest.files) {
    const p = join(publicDir, f.path);
    if (!existsSync(p)) { problems.push(`${showPublic(f.path)}: missing (listed in manifest.json)`); continue; }
    const buf = readFileSync(p);
    if (buf.length !== f.bytes) problems.push(`${showPublic(f.path)}: ${buf.length} bytes, manifest.json says ${f.bytes}`);
    else if (sha256(buf) !== f.sha256) problems.push(`${showPublic(f.path)}: SHA-256 differs from manifest.json`);
  }

  /** Parse a results file the pages use; it must be listed in the manifest. */
  const read = <T>(file: string, schema: z.ZodType<T, z.ZodTypeDef, unknown>): T | undefined => {
    if (!listed.has(file)) problems.push(`${shown(file)}: not listed in manifest.json`);
    if (!existsSync(join(dir, file))) { if (listed.has(file)) return undefined; problems.push(`${shown(file)}: missing`); return undefined; }
    return parseJson(join(dir, file), schema, shown(file), problems);
  };

  const study = read(RESULT_FILES.study, studySpec);
  if (!study) throw new ResultsError(dir, problems);
  const summary = read(RESULT_FILES.summary, summaryFile);
  const sections = new Map<string, SectionFile>();
  for (const { id, kind } of study.sections) {
    const s = read(sectionFilePath(id), sectionFile);
    if (!s) continue;
    if (s.kind !== kind) problems.push(`${shown(sectionFilePath(id))}: kind "${s.kind}", but study.json declares section ${id} as "${kind}"`);
    else sections.set(id, s);
  }

  const montages = new Map<string, MontageMeta>();
  const checkMontage = (ref: MontageRef, where: string) => {
    if (!listed.has(ref.image)) problems.push(`${shown(ref.image)}: montage image of ${where} not listed in manifest.json`);
    const meta = read(ref.meta, montageMeta);
    if (!meta) return;
    montages.set(ref.meta, meta);
    if (meta.width !== ref.width || meta.height !== ref.height) {
      problems.push(`${shown(ref.meta)}: ${meta.width}×${meta.height}, ${where} says ${ref.width}×${ref.height}`);
    }
    const outside = meta.cells.find((c) => c.row >= meta.rows || c.col >= meta.columns);
    if (outside) problems.push(`${shown(ref.meta)}: cell (${outside.row}, ${outside.col}) outside the ${meta.rows}×${meta.columns} grid`);
  };
  for (const [id, s] of sections) {
    const where = sectionFilePath(id);
    if (s.kind === 'training') { checkMontage(s.montages.samples, where); checkMontage(s.montages.misclassified, where); }
    if (s.kind === 'alpha') checkMontage(s.montage, where);
  }

  const galleries = new Map<string, GalleryFile>();
  for (const file of listed) {
    if (!/^gallery\/[^/]+\.json$/.test(file)) continue;
    const g = read(file, galleryFile);
    if (g) galleries.set(file, g);
  }

  const runs = new Map<string, RunFile[]>();
  for (const f of manifest.files) {
    if (!/^runs\/[^/]+\/seed-\d+\/run\.json$/.test(f.path) || !existsSync(join(publicDir, f.path))) continue;
    const run = parseJson(join(publicDir, f.path), runFile, showPublic(f.path), problems);
    if (run) runs.set(run.model, [...(runs.get(run.model) ?? []), run].sort((a, b) => a.seed - b.seed));
  }

  // Published models: listed in the manifest, present with their weight files.
  for (const { id } of study.models) {
    const entries = manifest.models.filter((m) => m.id === id);
    if (entries.length === 0) { problems.push(`manifest.json: no published model "${id}"`); continue; }
    for (const m of entries) checkModel(join(publicDir, m.path), showPublic(m.path), problems);
  }

  if (summary) crossCheck(summary, study, sections, manifest, problems);
  if (problems.length > 0 || !summary) throw new ResultsError(dir, problems);
  return { dir, study, manifest, summary, sections, montages, galleries, runs };
}

function parseJson<T>(path: string, schema: z.ZodType<T, z.ZodTypeDef, unknown>, shown: string, problems: string[]): T | undefined {
  let raw: unknown;
  try { raw = JSON.parse(readFileSync(path, 'utf8')); } catch (e) {
    problems.push(`${shown}: not valid JSON (${(e as Error).message})`);
    return undefined;
  }
  const r = schema.safeParse(raw);
  if (!r.success) { problems.push(`${shown}: does not match schema/results.ts — ${issues(r.error)}`); return undefined; }
  return r.data;
}

function checkModel(path: string, shown: string, problems: string[]): void {
  if (!existsSync(path)) { problems.push(`${shown}: missing (listed in manifest.json)`); return; }
  try {
    const model = JSON.parse(readFileSync(path, 'utf8')) as { weightsManifest?: { paths: string[] }[] };
    const paths = (model.weightsManifest ?? []).flatMap((g) => g.paths);
    if (paths.length === 0) problems.push(`${shown}: no weightsManifest`);
    for (const p of paths) if (!existsSync(join(dirname(path), p))) problems.push(`${join(dirname(shown), p)}: missing weights of ${shown}`);
  } catch (e) {
    problems.push(`${shown}: not valid JSON (${(e as Error).message})`);
  }
}

/** The summary has one row per declared section, in order; each section's published seed is published. */
function crossCheck(summary: SummaryFile, study: StudySpec, sections: Map<string, SectionFile>, manifest: ManifestFile, problems: string[]): void {
  const declared = study.sections.map((s) => s.id).join(', ');
  const rows = summary.rows.map((r) => r.section).join(', ');
  if (rows !== declared) problems.push(`summary.json: rows for sections ${rows || 'none'}, study.json declares ${declared}`);
  for (const [id, sec] of sections) {
    const parts = sec.kind === 'cross' ? [sec.a, sec.b] : 'published_seed' in sec ? [sec] : [];
    for (const p of parts) {
      if (!manifest.models.some((m) => m.id === p.model && m.seed === p.published_seed)) {
        problems.push(`${sectionFilePath(id)}: published seed ${p.published_seed} of ${p.model} is not a model in manifest.json`);
      }
    }
  }
}

/** The results file of a section, narrowed to the kind the caller expects. */
export function sectionResult<K extends SectionFile['kind']>(r: Results, id: string, kind: K): Extract<SectionFile, { kind: K }> {
  const s = r.sections.get(id);
  if (!s || s.kind !== kind) throw new Error(`Section ${id} has no results of kind "${kind}".`);
  return s as Extract<SectionFile, { kind: K }>;
}

/** The results of the section that trains `model`: its setup, seeds and curves. */
export function trainingOf(r: Results, model: string): TrainingSection {
  const home = trainedIn(r.study, model);
  if (!home) throw new Error(`No section of kind "training" trains ${model}; declare one in training/config/experiments.ts.`);
  return sectionResult(r, home.id, 'training');
}

/** The run.json of every trained seed of `model`, in seed order. */
export function runsOf(r: Results, model: string): RunFile[] {
  const runs = r.runs.get(model);
  if (!runs?.length) throw new Error(`manifest.json lists no run.json of model ${model}; regenerate the results with \`npm run train\`.`);
  return runs;
}

let cached: Results | undefined;
/** The site's results, loaded once per build. */
export function getResults(): Results {
  return (cached ??= loadResults());
}
