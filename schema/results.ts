/**
 * The contract between the training step and the report: every file the training step writes under
 * public/results is described here once, and both sides validate against it (training before writing,
 * the pages when loading). Accuracies are fractions in [0, 1].
 */
import { z } from 'zod';

/** A model of the study's declaration (schema/study.ts checks that every reference is declared). */
export const modelId = z.string().min(1);
export type ModelId = string;

/** A dataset of the registry (core/datasets.ts) or of the study's declaration. */
export const datasetId = z.string().min(1);
export type { DatasetId } from '../core/datasets.ts';

const fraction = z.number().min(0).max(1);
const probabilities = z.array(z.number()).length(10);

/** A metric measured once per seed, with its mean and (sample) standard deviation. */
export const seedStat = z.object({
  mean: z.number(),
  std: z.number(),
  n: z.number().int().positive(),
  seeds: z.array(z.object({ seed: z.number().int(), value: z.number() })),
});
export type SeedStat = z.infer<typeof seedStat>;

const epochRecord = z.object({
  epoch: z.number().int().positive(),
  /** Running mean over the epoch's batches: what Keras prints during fit. */
  train_loss: z.number(),
  train_accuracy: fraction,
  test_loss: z.number(),
  test_accuracy: fraction,
  seconds: z.number(),
});
export type EpochRecord = z.infer<typeof epochRecord>;

const runSummary = z.object({
  seed: z.number().int(),
  history: z.array(epochRecord),
  /** Running accuracy of the last epoch (Keras's printed "accuracy"). */
  train_accuracy: fraction,
  /** The final weights evaluated on the whole training set. */
  train_accuracy_eval: fraction,
  test_accuracy: fraction,
  test_loss: z.number(),
  /** Accuracy of this model on the other dataset's test set (section 5). */
  cross_accuracy: fraction.nullable(),
  duration_s: z.number(),
});

const montageRef = z.object({
  /** Paths relative to public/results. */
  image: z.string(),
  meta: z.string(),
  alt: z.string(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
export type MontageRef = z.infer<typeof montageRef>;

/** The JSON written beside each montage PNG: which image sits where. */
export const montageMeta = z.object({
  dataset: datasetId,
  model: modelId,
  tile: z.number().int().positive(),
  scale: z.number().int().positive(),
  columns: z.number().int().positive(),
  rows: z.number().int().positive(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  class_names: z.array(z.string()).length(10),
  cells: z.array(
    z.object({
      row: z.number().int().nonnegative(),
      col: z.number().int().nonnegative(),
      /** Test-set index, or null for a generated (blended) image. */
      index: z.number().int().nonnegative().nullable(),
      alpha: z.number().optional(),
      true_label: z.number().int().min(0).max(9),
      predicted: z.number().int().min(0).max(9),
      probabilities,
    }),
  ),
});
export type MontageMeta = z.infer<typeof montageMeta>;

const setup = z.object({
  model: modelId,
  dataset: datasetId,
  units: z.number().int().positive(),
  epochs: z.number().int().positive(),
  batch_size: z.number().int().positive(),
  learning_rate: z.number().positive(),
  seeds: z.array(z.number().int()),
  published_seed: z.number().int(),
});

export const trainingSection = setup.extend({
  kind: z.literal('training'),
  class_names: z.array(z.string()).length(10),
  train_accuracy: seedStat,
  train_accuracy_eval: seedStat,
  test_accuracy: seedStat,
  test_loss: seedStat,
  runs: z.array(runSummary),
  /** Published seed: confusion[true][predicted] over the test set. */
  confusion: z.array(z.array(z.number().int().nonnegative()).length(10)).length(10),
  per_class_accuracy: z.array(fraction).length(10),
  montages: z.object({ samples: montageRef, misclassified: montageRef }),
});
export type TrainingSection = z.infer<typeof trainingSection>;

export const histogramSection = z.object({
  kind: z.literal('histogram'),
  model: modelId,
  published_seed: z.number().int(),
  test_count: z.number().int().positive(),
  correct_count: z.number().int().nonnegative(),
  incorrect_count: z.number().int().nonnegative(),
  correct_fraction: fraction,
  incorrect_fraction: fraction,
  per_class: z.array(
    z.object({ label: z.number().int(), name: z.string(), correct: z.number().int(), incorrect: z.number().int() }),
  ),
  /** Incorrect fraction of every seed of the model, to place the published one. */
  incorrect_fraction_by_seed: seedStat,
});
export type HistogramSection = z.infer<typeof histogramSection>;

const crossPart = z.object({
  model: modelId,
  trained_on: datasetId,
  tested_on: datasetId,
  published_seed: z.number().int(),
  test_accuracy: seedStat,
  chance: fraction,
  model_class_names: z.array(z.string()).length(10),
  tested_class_names: z.array(z.string()).length(10),
  /** Published seed: counts[true class of the tested set][class the model predicts]. */
  counts: z.array(z.array(z.number().int().nonnegative()).length(10)).length(10),
});
export type CrossPart = z.infer<typeof crossPart>;

export const crossSection = z.object({ kind: z.literal('cross'), a: crossPart, b: crossPart });
export type CrossSection = z.infer<typeof crossSection>;

export const alphaSection = z.object({
  kind: z.literal('alpha'),
  model: modelId,
  published_seed: z.number().int(),
  source_indices: z.object({ i1: z.number().int().nonnegative(), i2: z.number().int().nonnegative() }),
  source_labels: z.object({ i1: z.number().int(), i2: z.number().int() }),
  alpha_range: z.tuple([z.number(), z.number()]),
  /** Ground truth is source_labels.i1 when alpha >= threshold, else source_labels.i2 (core/alpha.ts). */
  threshold: z.number(),
  alphas: z.array(z.number()),
  accuracy: fraction,
  images: z.array(
    z.object({
      alpha: z.number(),
      truth: z.number().int(),
      predicted: z.number().int(),
      correct: z.boolean(),
      probabilities,
    }),
  ),
  /** Alphas where the predicted class changes between neighbouring images. */
  crossings: z.array(z.object({ alpha: z.number(), from: z.number().int(), to: z.number().int() })),
  /** The same experiment with the published seed of every other seed of the model. */
  accuracy_by_seed: seedStat,
  random_pairs: z.object({
    count: z.number().int().positive(),
    rng_seed: z.number().int(),
    accuracies: z.array(fraction),
    mean: fraction,
    std: z.number(),
    /** Fraction of random pairs whose accuracy is below the chosen pair's. */
    percentile_of_chosen: fraction,
  }),
  montage: montageRef,
});
export type AlphaSection = z.infer<typeof alphaSection>;

export const hiddenSection = z.object({
  kind: z.literal('hidden'),
  model: modelId,
  published_seed: z.number().int(),
  units: z.number().int().positive(),
  images: z.array(
    z.object({
      index: z.number().int().nonnegative(),
      label: z.number().int(),
      predicted: z.number().int(),
      /** Post-ReLU outputs of the hidden Dense layer. */
      activations: z.array(z.number()),
      active_units: z.number().int().nonnegative(),
    }),
  ),
  projection: z.object({
    method: z.literal('pca'),
    explained_variance_ratio: z.tuple([z.number(), z.number()]),
    points: z.array(
      z.object({ index: z.number().int(), x: z.number(), y: z.number(), label: z.number().int(), predicted: z.number().int() }),
    ),
 
    /** Share of points whose nearest class centre in the map is their own class (chance: 10%). */
    nearest_centre_accuracy: fraction,
  }),
  dead_units: z.number().int().nonnegative(),
});
export type HiddenSection = z.infer<typeof hiddenSection>;

export const lastLayerSection = z.object({
  kind: z.literal('last-layer'),
  model: modelId,
  published_seed: z.number().int(),
  test_count: z.number().int().positive(),
  argmax_accuracy: fraction,
  evaluate_accuracy: fraction,
  evaluate_loss: z.number(),
  equal: z.boolean(),
  calibration: z.array(
    z.object({ lo: z.number(), hi: z.number(), count: z.number().int(), mean_confidence: z.number(), accuracy: z.number() }),
  ),
  expected_calibration_error: z.number(),
  /** Histogram of the top probability, split by correct / incorrect. */
  confidence_histogram: z.array(
    z.object({ lo: z.number(), hi: z.number(), correct: z.number().int(), incorrect: z.number().int() }),
  ),
});
export type LastLayerSection = z.infer<typeof lastLayerSection>;

const factor = z.enum(['units', 'epochs']);

export const factorialSection = z.object({
  kind: z.literal('factorial'),
  dataset: datasetId,
  /** The two factors, each at its two levels (low, high). */
  factors: z.tuple([
    z.object({ name: factor, levels: z.tuple([z.number(), z.number()]) }),
    z.object({ name: factor, levels: z.tuple([z.number(), z.number()]) }),
  ]),
  /** One cell per model: its levels of the two factors, every seed, and the mean curves over seeds. */
  cells: z.array(
    z.object({
      model: modelId,
      units: z.number().int().positive(),
      epochs: z.number().int().positive(),
      levels: z.tuple([z.number(), z.number()]),
      seeds: z.array(z.number().int()),
      test_accuracy: seedStat,
      train_accuracy: seedStat,
      train_accuracy_eval: seedStat,
      curve: z.array(z.object({ epoch: z.number().int().positive(), train_accuracy: fraction, test_accuracy: fraction })),
    }),
  ).length(4),
  /**
   * Effects on test accuracy (fractions) with their standard errors: the whole gain, each factor alone
   * from the low-low cell ("simple"), each averaged over the other factor ("main"), and the interaction.
   */
  effects: z.array(
    z.object({ id: z.enum(['total', 'simple', 'main', 'interaction']), factor: factor.nullable(), estimate: z.number(), se: z.number().nonnegative() }),
  ),
});
export type FactorialSection = z.infer<typeof factorialSection>;

export const sectionFile = z.discriminatedUnion('kind', [
  trainingSection,
  histogramSection,
  crossSection,
  alphaSection,
  hiddenSection,
  lastLayerSection,
  factorialSection,
]);
export type SectionFile = z.infer<typeof sectionFile>;

export type SectionId = string;

/**
 * One row per section, in the declaration's order: its headline numbers, which the CLI's summary table
 * prints. The home page's sentences about them are the site's (src/lib/readings.ts).
 */
const summaryRow = z.object({
  section: z.string(),
  figures: z.array(
    z.object({
      label: z.string(),
      /** Mean ± std over seeds, or a single value (the published seed's). */
      ours: z.union([seedStat, z.number()]),
      /** The original's figure, as a fraction; null where it printed none. */
      original: z.number().nullable(),
    }),
  ),
});
export type SummaryRow = z.infer<typeof summaryRow>;

export const summaryFile = z.object({
  backend: z.string(),
  trainer: z.string(),
  generated_at: z.string(),
  quick: z.boolean(),
  rows: z.array(summaryRow),
});
export type SummaryFile = z.infer<typeof summaryFile>;

/** Test images bundled for the live widgets: a raw uint8 file of count*784 pixels beside this JSON. */
export const galleryFile = z.object({
  dataset: datasetId,
  model: modelId,
  binary: z.string(),
  count: z.number().int().positive(),
  class_names: z.array(z.string()).length(10),
  items: z.array(
    z.object({ index: z.number().int(), label: z.number().int(), predicted: z.number().int(), probabilities }),
  ),
});
export type GalleryFile = z.infer<typeof galleryFile>;

export const manifestFile = z.object({
  generated_at: z.string(),
  quick: z.boolean(),
  backend: z.string(),
  trainer: z.string(),
  /** SHA-256 of the training code and the experiment configuration together. */
  code_hash: z.string(),
  config_hash: z.string(),
  analysis_hash: z.string(),
  node: z.string(),
  platform: z.string(),
  cpus: z.number().int(),
  packages: z.record(z.string()),
  data: z.array(z.object({ dataset: datasetId, file: z.string(), bytes: z.number().int(), sha256: z.string() })),
  jobs: z.array(
    z.object({ model: modelId, seed: z.number().int(), hash: z.string(), duration_s: z.number(), epochs: z.number().int() }),
  ),
  models: z.array(z.object({ id: modelId, seed: z.number().int(), path: z.string(), bytes: z.number().int() })),
  files: z.array(z.object({ path: z.string(), bytes: z.number().int(), sha256: z.string() })),
  wall_s: z.number().nullable(),
});
export type ManifestFile = z.infer<typeof manifestFile>;

/** public/runs/<model>/seed-<n>/run.json: one trained (model, seed), written by a training job. */
export const runFile = runSummary.extend({
  model: modelId,
  dataset: datasetId,
  units: z.number().int().positive(),
  epochs: z.number().int().positive(),
  /** Images trained on: 60000, or fewer in a quick run. */
  train_count: z.number().int().positive(),
  hash: z.string(),
  backend: z.string(),
  trainer: z.string(),
  created: z.string(),
});
export type RunFile = z.infer<typeof runFile>;
