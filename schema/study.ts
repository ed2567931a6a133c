/**
 * The shape of the study's declaration (training/config/experiments.ts holds the declaration itself):
 * its datasets, trained models and sections, with everything the report says about each section — its
 * title, summary, the original's words and figures. Training writes the parsed declaration beside its
 * results (results/study.json), so the pages are built from the same declaration the numbers came from.
 * Unknown keys, duplicate ids and references to undeclared models or datasets are errors.
 */
import { z } from 'zod';
import { BUILT_IN_DATASETS, IDX_FILES, type DatasetEntry, type DatasetId } from '../core/datasets.ts';
import { CLASSES } from '../core/network.ts';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and "-"');

const checksum = z.object({ bytes: z.number().int().positive(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict();

/** A dataset the registry does not know, declared with everything core/datasets.ts holds for a built-in one. */
const datasetSource = z
  .object({
    id,
    title: z.string().min(1),
    classNames: z.array(z.string().min(1)).length(CLASSES),
    files: z.object(Object.fromEntries(IDX_FILES.map((f) => [f, checksum])) as Record<(typeof IDX_FILES)[number], typeof checksum>).strict(),
    envVar: z.string().regex(/^[A-Z_][A-Z0-9_]*$/),
    /** A folder holding the four files, absolute or relative to the project root. */
    packaged: z.object({ dir: z.string().min(1), label: z.string().min(1) }).strict().optional(),
    install: z.string().optional(),
    mirror: z.string().url().optional(),
  })
  .strict() satisfies z.ZodType<DatasetEntry>;

const dataset = z
  .object({
    id,
    /** "Fashion-MNIST": how the report names the dataset. */
    name: z.string().min(1),
    /** "Fashion-MNIST clothing images": the dataset in a sentence of the Setup list. */
    description: z.string().min(1),
    /** The registry entry of a dataset that is not built in (core/datasets.ts lists those). */
    source: datasetSource.optional(),
  })
  .strict();

const model = z
  .object({
    id,
    dataset: id,
    /** Width of the hidden Dense(relu) layer. */
    units: z.number().int().positive(),
    epochs: z.number().int().positive(),
    /** Default number of seeds (0..seeds-1); `--seeds N` overrides it for every model. */
    seeds: z.number().int().positive(),
    /** The seed whose weights are published under public/models and used by the probing sections. */
    publishedSeed: z.number().int().nonnegative(),
  })
  .strict();
export type ModelSpec = z.infer<typeof model>;

/** A figure the original printed: its label, the value as a fraction, and how the write-up prints it. */
const originalFigure = z.object({ label: z.string(), value: z.number(), printed: z.string() }).strict();
export type OriginalFigure = z.infer<typeof originalFigure>;

/** What every section declares, whatever its kind. */
const sectionBase = {
  id: z.string().regex(/^\d+$/, 'section ids are numbers ("1", "10")'),
  title: z.string().min(1),
  /** A few words for navigation. */
  short: z.string().min(1),
  /** One sentence: what was done and why it is interesting. */
  summary: z.string().min(1),
  /** The original's sentence(s), verbatim; null for a section the original did not have. */
  quote: z.string().nullable(),
  /** The original's headline figures (none where it printed no number). */
  original: z.array(originalFigure),
  /** The original's result in words when it printed no number ("seems to be random"). */
  originalWords: z.string().optional(),
  /** The live widgets on the section's page, in order, each with this section's model. */
  widgets: z.array(z.enum(['re-predict', 'draw', 'train-yourself', 'alpha-explorer', 'hidden-layer'])).default([]),
};

const imageRef = z.object({ index: z.number().int().nonnegative(), label: z.number().int().min(0).max(9) }).strict();

/** One schema per section kind: the parameters its analysis takes (see training/analysis/kinds/). */
const sectionSpec = z.discriminatedUnion('kind', [
  z
    .object({
      ...sectionBase,
      kind: z.literal('training'),
      model: id,
      /** A training section this one is compared with (the original's "in comparison to the previous model"). */
      baseline: z.string().optional(),
    })
    .strict(),
  z.object({ ...sectionBase, kind: z.literal('histogram'), model: id }).strict(),
  z.object({ ...sectionBase, kind: z.literal('cross'), a: id, b: id }).strict(),
  z
    .object({
      ...sectionBase,
      kind: z.literal('alpha'),
      model: id,
      /** Test-set indices of I1 and I2, with the labels they must have (checked at run time). */
      i1: imageRef,
      i2: imageRef,
      /** α runs over [from, to) in `count` even steps. */
      from: z.number(),
      to: z.number(),
      count: z.number().int().positive(),
      /** Ground truth is I1's label when α >= threshold, else I2's. */
      threshold: z.number(),
      randomPairs: z.number().int().positive(),
      pairSeed: z.number().int(),
    })
    .strict(),
  z
    .object({
      ...sectionBase,
      kind: z.literal('hidden'),
      model: id,
      images: z.array(z.number().int().nonnegative()).min(1),
      projectionCount: z.number().int().positive(),
    })
    .strict(),
  z.object({ ...sectionBase, kind: z.literal('last-layer'), model: id, bins: z.number().int().positive() }).strict(),
  z
    .object({
      ...sectionBase,
      kind: z.literal('factorial'),
      /** Two factors, each a setting of the models (units or epochs); every combination is one model. */
      factors: z.tuple([z.enum(['units', 'epochs']), z.enum(['units', 'epochs'])]),
      models: z.array(id).length(4),
    })
    .strict(),
]);
export type SectionSpec = z.infer<typeof sectionSpec>;
export type SectionKind = SectionSpec['kind'];
export type SectionOf<K extends SectionKind> = Extract<SectionSpec, { kind: K }>;

/** Every model a section reads: what `--only` trains, and what must exist in the declaration. */
export function modelsOf(section: SectionSpec): string[] {
  switch (section.kind) {
    case 'cross':
      return [section.a, section.b];
    case 'factorial':
      return section.models;
    default:
      return [section.model];
  }
}

const duplicates = (ids: string[]) => ids.filter((x, i) => ids.indexOf(x) !== i);

export const studySpec = z
  .object({
    datasets: z.array(dataset).min(1),
    models: z.array(model).min(1),
    sections: z.array(sectionSpec).min(1),
    /** How many test images the live widgets get (bundled as one binary per dataset). */
    galleryCount: z.number().int().positive(),
  })
  .strict()
  .superRefine((study, ctx) => {
    const problem = (path: (string | number)[], message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });
    for (const [key, ids] of [
      ['datasets', study.datasets.map((d) => d.id)],
      ['models', study.models.map((m) => m.id)],
      ['sections', study.sections.map((s) => s.id)],
    ] as const) {
      for (const dup of new Set(duplicates(ids))) problem([key], `id "${dup}" is declared twice; give each entry its own id`);
    }
    const datasets = new Set<string>(study.datasets.map((d) => d.id));
    study.datasets.forEach((d, i) => {
      const builtIn = BUILT_IN_DATASETS.some((b) => b.id === d.id);
      if (!builtIn && !d.source) problem(['datasets', i], `dataset "${d.id}" is not built in (${BUILT_IN_DATASETS.map((b) => b.id).join(', ')}): declare its files, checksums and class names as its \`source\``);
      if (d.source && d.source.id !== d.id) problem(['datasets', i, 'source', 'id'], `dataset "${d.id}": its source's id is "${d.source.id}"; make them the same`);
    });
    study.models.forEach((m, i) => {
      if (!datasets.has(m.dataset)) problem(['models', i, 'dataset'], `model "${m.id}" uses dataset "${m.dataset}", which is not in datasets`);
      if (m.publishedSeed >= m.seeds) problem(['models', i, 'publishedSeed'], `model "${m.id}": published seed ${m.publishedSeed} is not among its ${m.seeds} seeds (0..${m.seeds - 1})`);
    });
    const models = new Map(study.models.map((m) => [m.id, m]));
    study.sections.forEach((s, i) => {
      for (const m of modelsOf(s)) {
        if (!models.has(m)) problem(['sections', i], `section ${s.id} names model "${m}", which is not in models (declared: ${[...models.keys()].join(', ')})`);
      }
      if (s.kind === 'training' && s.baseline !== undefined && !study.sections.some((b) => b.id === s.baseline && b.kind === 'training')) {
        problem(['sections', i, 'baseline'], `section ${s.id}: baseline "${s.baseline}" is not a section of kind "training"`);
      }
      if (s.kind === 'factorial' && modelsOf(s).every((m) => models.has(m))) {
        const problemText = factorialProblem(s, models);
        if (problemText) problem(['sections', i, 'models'], `section ${s.id}: ${problemText}`);
      }
    });
  });
export type StudySpec = z.infer<typeof studySpec>;

/** A 2 × 2 design needs each factor at two levels and every combination exactly once, the rest equal. */
function factorialProblem(s: SectionOf<'factorial'>, models: Map<string, ModelSpec>): string | undefined {
  const [fa, fb] = s.factors;
  if (fa === fb) return `the two factors must differ (both are "${fa}")`;
  const specs = s.models.map((m) => models.get(m) as ModelSpec);
  const levels = (f: 'units' | 'epochs') => [...new Set(specs.map((m) => m[f]))];
  if (levels(fa).length !== 2 || levels(fb).length !== 2) return `the four models must take two values of ${fa} and two of ${fb}`;
  const cells = new Set(specs.map((m) => `${m[fa]}/${m[fb]}`));
  if (cells.size !== 4) return `each combination of ${fa} and ${fb} must be exactly one model`;
  if (new Set(specs.map((m) => m.dataset)).size !== 1) return 'the four models must be trained on one dataset';
  return undefined;
}

/** Parse a declaration with a message that names each problem and where it is. */
export function parseStudy(raw: unknown, where: string): StudySpec {
  const r = studySpec.safeParse(raw);
  if (r.success) return r.data;
  const lines = r.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new StudyError(`The study declaration in ${where} is not valid (${lines.length} problem${lines.length === 1 ? '' : 's'}):\n${lines.join('\n')}`);
}

export class StudyError extends Error {
  override name = 'StudyError';
}

/** Lookups every consumer of the declaration needs. */
export function modelOf(study: StudySpec, id: string): ModelSpec {
  const m = study.models.find((x) => x.id === id);
  if (!m) throw new StudyError(`Model "${id}" is not in the study (declared: ${study.models.map((x) => x.id).join(', ')}).`);
  return m;
}

export function sectionOf(study: StudySpec, id: string): SectionSpec {
  const s = study.sections.find((x) => x.id === id);
  if (!s) throw new StudyError(`Section ${id} is not in the study (declared: ${study.sections.map((x) => x.id).join(', ')}).`);
  return s;
}

export function datasetOf(study: StudySpec, id: DatasetId) {
  const d = study.datasets.find((x) => x.id === id);
  if (!d) throw new StudyError(`Dataset "${id}" is not in the study.`);
  return d;
}

/**
 * The study's other dataset for a model, whose test set each of its runs is also scored on (run.json's
 * cross_accuracy, section 5's question); null when the study has one dataset.
 */
export function otherDatasetOf(study: StudySpec, model: string): DatasetId | null {
  const { dataset } = modelOf(study, model);
  return study.datasets.find((d) => d.id !== dataset)?.id ?? null;
}

/** The section that trains a model (of kind "training"), where pages that reuse it link to. */
export function trainedIn(study: StudySpec, model: string): SectionOf<'training'> | undefined {
  return study.sections.find((s): s is SectionOf<'training'> => s.kind === 'training' && s.model === model);
}
