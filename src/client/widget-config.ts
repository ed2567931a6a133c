/**
 * What the build hands each widget: one JSON `data-config` per widget element, with one schema each,
 * checked when the widget starts instead of cast. The components (src/components/widgets/*.astro) type
 * what they write with the same schemas. zod's mini build keeps this small in the page (~6 kB gzip).
 */
import * as z from 'zod/v4-mini';
import { IDX_FILES } from '../../core/datasets.ts';
import { showError } from './ui.ts';

// zod compiles object schemas with `new Function` when it may; the pages' CSP (script-src without
// 'unsafe-eval') refuses that, and Chrome logs the refusal as an issue (Lighthouse best practices 96).
// The schemas below are created after this line, so none of them tries.
z.config({ jitless: true });

const model = z.object({ url: z.string(), name: z.string() });
const gallery = z.object({ url: z.string(), binaryUrl: z.string() });
const int = z.number().check(z.int());

export const hiddenLayerConfig = z.object({
  model,
  units: int,
  /** The section that lists the reference images (named in the widget's text). */
  section: z.string(),
  gallery,
  /** Build-time activations of the section's images, to compare with the browser's. */
  reference: z.array(z.object({ index: int, activations: z.array(z.number()) })),
});

export const rePredictConfig = z.object({
  dataset: z.string(),
  model,
  gallery,
  /** The gallery holds this model's build-time predictions, which the widget compares with. */
  compare: z.boolean(),
  /** Images per page of the grid. */
  page: int.check(z.positive()),
});

export const drawPadConfig = z.object({ dataset: z.string(), model, classNames: z.array(z.string()) });

const alphaSource = z.object({
  /** The dataset. */
  id: z.string(),
  label: z.string(),
  modelName: z.string(),
  modelUrl: z.string(),
  galleryUrl: z.string(),
  binaryUrl: z.string(),
  /** Default test indices (null: the first image of the label). */
  i1: z.nullable(int),
  i2: z.nullable(int),
  l1: int,
  l2: int,
});

export const alphaExplorerConfig = z.object({
  threshold: z.number(),
  /** The section's own α range, shaded in the chart. */
  range: z.tuple([z.number(), z.number()]),
  sources: z.array(alphaSource).check(z.minLength(1)),
});

const epochRecord = z.object({
  epoch: int,
  train_loss: z.number(),
  train_accuracy: z.number(),
  test_loss: z.number(),
  test_accuracy: z.number(),
  seconds: z.number(),
});
const runConfig = z.object({
  dataset: z.string(),
  units: int,
  epochs: int,
  learningRate: z.number(),
  batchSize: int,
  seed: int,
  trainCount: int,
});
const datasetOffer = z.union([
  z.object({ available: z.literal(true), files: z.array(z.object({ file: z.enum(IDX_FILES), url: z.string(), gzBytes: int })) }),
  z.object({ available: z.literal(false), reason: z.string() }),
]);
const referenceRuns = z.object({
  model: z.string(),
  publishedSeed: int,
  runs: z.array(z.object({ seed: int, test_accuracy: z.number(), history: z.array(epochRecord) })),
});

export const trainConfig = z.object({
  model: z.string(),
  published: runConfig,
  publishedSha256: z.string(),
  /** The backend the published run was trained on (run.json). */
  publishedBackend: z.string(),
  weightsUrl: z.string(),
  datasets: z.record(z.string(), datasetOffer),
  references: z.record(z.string(), z.nullable(referenceRuns)),
});

export type HiddenLayerConfig = z.infer<typeof hiddenLayerConfig>;
export type RePredictConfig = z.infer<typeof rePredictConfig>;
export type DrawPadConfig = z.infer<typeof drawPadConfig>;
export type AlphaSource = z.infer<typeof alphaSource>;
export type AlphaExplorerConfig = z.infer<typeof alphaExplorerConfig>;
export type TrainConfig = z.infer<typeof trainConfig>;
export type ReferenceRuns = z.infer<typeof referenceRuns>;
export type DatasetOffer = z.infer<typeof datasetOffer>;

/** A `data-config` text checked against `schema`: the config, or a sentence naming the field, the problem and the fix. */
export function parseConfig<T>(text: string | undefined, schema: z.ZodMiniType<T>): { config: T } | { problem: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text ?? '');
  } catch {
    raw = undefined;
  }
  const parsed = z.safeParse(schema, raw);
  if (parsed.success) return { config: parsed.data };
  const issue = parsed.error.issues[0];
  const where = raw === undefined ? 'data-config: not JSON' : `${issue?.path.join('.') || 'data-config'}: ${issue?.message ?? 'invalid'}`;
  return { problem: `This figure’s settings from the build do not match what the page expects (${where}): rebuild the site with npm run build.` };
}

/** The widget's `data-config`, checked against `schema`; null, with the widget's error box saying why, when it does not match. */
export function readConfig<T>(root: HTMLElement, schema: z.ZodMiniType<T>): T | null {
  const read = parseConfig(root.dataset.config, schema);
  if ('config' in read) return read.config;
  showError(root, read.problem);
  return null;
}
