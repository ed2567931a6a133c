/**
 * The contract of the Keras crosscheck (`npm run crosscheck`): what one Keras job writes for one
 * (model, seed), and public/crosscheck/keras.json, the file the report reads. Accuracies are fractions.
 */
import { z } from 'zod';
import { datasetId, modelId, seedStat } from './results.ts';

const fraction = z.number().min(0).max(1);

const kerasEpoch = z.object({
  epoch: z.number().int().positive(),
  /** Keras's running means over the epoch's batches, as `fit` prints them. */
  train_loss: z.number(),
  train_accuracy: fraction,
  /** The weights at the end of the epoch on the test set. */
  test_loss: z.number(),
  test_accuracy: fraction,
  /** Training time of the epoch alone (the test scoring is not in it). */
  seconds: z.number().positive(),
});

const kerasVersions = z.object({ python: z.string(), tensorflow: z.string(), keras: z.string(), numpy: z.string() });

/** What crosscheck/keras/run_job.py writes: one seed of one model. */
export const kerasSeedResult = z
  .object({
    model: z.string(),
    seed: z.number().int().nonnegative(),
    /** The job's key (its settings, data and code): a cached result is reused only when it matches. */
    key: z.string(),
    threads: z.number().int().positive(),
    /** Keras processes running side by side when this one ran. */
    workers: z.number().int().positive(),
    versions: kerasVersions,
    history: z.array(kerasEpoch).min(1),
    train_accuracy: fraction,
    train_accuracy_eval: fraction,
    test_accuracy: fraction,
    test_loss: z.number(),
    cross_accuracy: fraction,
    alpha: z.array(z.object({ section: z.string(), accuracy: fraction, random_pairs: z.array(fraction).min(1) })),
    duration_s: z.number().positive(),
  })
  .strict();
export type KerasSeedResult = z.infer<typeof kerasSeedResult>;

const kerasRun = kerasSeedResult.omit({ model: true, key: true, versions: true, threads: true, alpha: true }).extend({
  /**
   * The job's key, so a later `npm run crosscheck` can carry this model over instead of training it again
   * (crosscheck/carry-over.ts). Optional only because files written before keys were stored have none.
   */
  key: z.string().optional(),
  /** Median of the epochs' training times. */
  seconds_per_epoch: z.number().positive(),
});

const kerasModel = z.object({
  dataset: datasetId,
  units: z.number().int().positive(),
  epochs: z.number().int().positive(),
  /** Images trained on: 60000, or fewer in a quick run. */
  train_count: z.number().int().positive(),
  runs: z.array(kerasRun).min(1),
  train_accuracy: seedStat,
  train_accuracy_eval: seedStat,
  test_accuracy: seedStat,
  cross_accuracy: seedStat,
  seconds_per_epoch: seedStat,
});
export type KerasModel = z.infer<typeof kerasModel>;

const kerasAlpha = z.object({
  model: modelId,
  /** The chosen pair's accuracy on the blends, per seed. */
  accuracy: seedStat,
  /** Mean accuracy over the random pairs (the training step's pairs), per seed. */
  random_pairs_mean: seedStat,
  random_pairs: z.number().int().positive(),
});

export const crosscheckFile = z
  .object({
    generated_at: z.string(),
    quick: z.boolean(),
    /** SHA-256 of the Keras runner's code when the file was made: a different current hash means stale. */
    code_hash: z.string(),
    versions: kerasVersions,
    /** TensorFlow threads per process, and the most Keras processes that ran side by side. */
    threads: z.number().int().positive(),
    workers: z.number().int().positive(),
    machine: z.object({ cpu: z.string(), cores: z.number().int().positive(), platform: z.string() }),
    /** The Keras calls every model was trained with. */
    calls: z.array(z.string()).min(1),
    models: z.record(modelId, kerasModel),
    /** By section id (the α sections). */
    alpha: z.record(z.string(), kerasAlpha),
  })
  .strict();
export type CrosscheckFile = z.infer<typeof crosscheckFile>;
