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
  MODEL_IDS, galleryFile, manifestFile, montageMeta, sectionFile, summaryFile,
  type AlphaSection, type CrossSection, type GalleryFile, type HiddenSection, type HistogramSection,
  type LastLayerSection, type ManifestFile, type MontageMeta, type MontageRef, type SectionFile, type SectionId,
  type SummaryFile, type TrainingSection,
} from '../../schema/results';
import { generationPaths } from '../../training/output/generation-paths';
import { PUBLIC_DIR, RESULTS_DIR } from './paths';

/** Where each section's JSON lives, relative to public/results. */
export const sectionPath = (id: SectionId) => `section-${id}.json`;

export interface SectionFiles {
  '1': TrainingSection; '2': TrainingSection; '3': TrainingSection; '4': HistogramSection; '5': CrossSection;
  '6': AlphaSection; '7': HiddenSection; '8': LastLayerSection; '9': AlphaSection;
}
const KINDS: { [K in SectionId]: SectionFiles[K]['kind'] } = {
  '1': 'training', '2': 'training', '3': 'training', '4': 'histogram', '5': 'cross',
  '6': 'alpha', '7': 'hidden', '8': 'last-layer', '9': 'alpha',
};

export interface Results {
  dir: string;
  manifest: ManifestFile;
  summary: SummaryFile;
  sections: SectionFiles;
  /** Montage metadata keyed by its path relative to public/results. */
  montages: Map<string, MontageMeta>;
  galleries: Map<string, GalleryFile>;
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
export class InterruptedSwitchError extends Error {
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
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) throw new ResultsError(dir, [`${shown('manifest.json')}: missing — no results to build from`]);
  const manifestParsed = parseJson(manifestPath, manifestFile, shown('manifest.json'), problems);
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
  const read = <T>(file: string, schema: z.ZodType<T>): T | undefined => {
    if (!listed.has(file)) problems.push(`${shown(file)}: not listed in manifest.json`);
    if (!existsSync(join(dir, file))) { if (listed.has(file)) return undefined; problems.push(`${shown(file)}: missing`); return undefined; }
    return parseJson(join(dir, file), schema, shown(file), problems);
  };

  const summary = read('summary.json', summaryFile);
  const sections: Partial<Record<SectionId, SectionFile>> = {};
  for (const id of Object.keys(KINDS) as SectionId[]) {
    const s = read(sectionPath(id), sectionFile);
    if (!s) continue;
    if (s.kind !== KINDS[id]) problems.push(`${shown(sectionPath(id))}: kind "${s.kind}", expected "${KINDS[id]}"`);
    else sections[id] = s;
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
  for (const [id, s] of Object.entries(sections)) {
    const where = sectionPath(id as SectionId);
    if (s.kind === 'training') { checkMontage(s.montages.samples, where); checkMontage(s.montages.misclassified, where); }
    if (s.kind === 'alpha') checkMontage(s.montage, where);
  }

  const galleries = new Map<string, GalleryFile>();
  for (const file of listed) {
    if (!/^gallery\/[^/]+\.json$/.test(file)) continue;
    const g = read(file, galleryFile);
    if (g) galleries.set(file, g);
  }

  // Published models: listed in the manifest, present with their weight files.
  for (const id of MODEL_IDS) {
    const entries = manifest.models.filter((m) => m.id === id);
    if (entries.length === 0) { problems.push(`manifest.json: no published model "${id}"`); continue; }
    for (const m of entries) checkModel(join(publicDir, m.path), showPublic(m.path), problems);
  }

  if (summary) crossCheck(summary, sections as Partial<SectionFiles>, manifest, problems);
  if (problems.length > 0 || !summary) throw new ResultsError(dir, problems);
  return { dir, manifest, summary, sections: sections as SectionFiles, montages, galleries };
}

function parseJson<T>(path: string, schema: z.ZodType<T>, shown: string, problems: string[]): T | undefined {
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

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9;

const SUMMARY_KEYS = ['1', '2', '3', '4', '5a', '5b', '6', '7', '8', '9'] as const;

/** The summary repeats headline numbers of the section files: all must be there, and agree. */
function crossCheck(summary: SummaryFile, s: Partial<SectionFiles>, manifest: ManifestFile, problems: string[]): void {
  const missing = SUMMARY_KEYS.filter((k) => !summary.sections[k]);
  if (missing.length) problems.push(`summary.json: no entry for section${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (a partial --only run?)`);
  const sum = summary.sections;
  const bad = (what: string) => problems.push(`summary.json disagrees with ${what}`);
  for (const id of ['1', '2', '3'] as const) {
    const sec = s[id]; const row = sum[id];
    if (!sec || !row) continue;
    if (sec.model !== row.model || sec.published_seed !== row.published_seed) bad(`${sectionPath(id)} on the model or published seed`);
    if (!close(sec.test_accuracy.mean, row.test_accuracy.mean)) bad(`${sectionPath(id)} on test accuracy`);
    if (!close(sec.train_accuracy.mean, row.train_accuracy.mean)) bad(`${sectionPath(id)} on train accuracy`);
  }
  if (s['4'] && sum['4'] && !close(s['4'].correct_fraction, sum['4'].correct_fraction)) bad(`${sectionPath('4')} on the correct fraction`);
  if (s['5'] && sum['5a'] && !close(s['5'].a.test_accuracy.mean, sum['5a'].test_accuracy.mean)) bad(`${sectionPath('5')} on part A`);
  if (s['5'] && sum['5b'] && !close(s['5'].b.test_accuracy.mean, sum['5b'].test_accuracy.mean)) bad(`${sectionPath('5')} on part B`);
  for (const id of ['6', '9'] as const) {
    const sec = s[id]; const row = sum[id];
    if (sec && row && !close(sec.accuracy, row.accuracy)) bad(`${sectionPath(id)} on the accuracy`);
  }
  if (s['8'] && sum['8'] && !close(s['8'].argmax_accuracy, sum['8'].argmax_accuracy)) bad(`${sectionPath('8')} on the argmax accuracy`);
  // Each section's published seed is a model the manifest publishes.
  for (const [id, sec] of Object.entries(s)) {
    const parts = sec.kind === 'cross' ? [sec.a, sec.b] : [sec];
    for (const p of parts) {
      if (!manifest.models.some((m) => m.id === p.model && m.seed === p.published_seed)) {
        problems.push(`${sectionPath(id as SectionId)}: published seed ${p.published_seed} of ${p.model} is not a model in manifest.json`);
      }
    }
  }
}

let cached: Results | undefined;
/** The site's results, loaded once per build. */
export function getResults(): Results {
  return (cached ??= loadResults());
}
