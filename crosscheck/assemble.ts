/** Gathers the per-seed Keras results into the file the report reads (schema/crosscheck.ts). */
import { cpus, platform } from 'node:os';
import { crosscheckFile, type CrosscheckFile, type KerasModel, type KerasSeedResult } from '../schema/crosscheck.ts';
import type { ModelId } from '../schema/results.ts';
import type { StudySpec } from '../schema/study.ts';
import { mean, median, seedStat } from '../core/stats.ts';
import type { KerasJob } from './plan.ts';

/** The original's calls, which run_job.py makes (shown on the Methods page). */
const KERAS_CALLS = [
  "model = keras.Sequential([keras.Input(shape=(28, 28)), keras.layers.Flatten(), keras.layers.Dense(units, activation='relu'), keras.layers.Dense(10, activation='softmax')])",
  "model.compile(optimizer='adam', loss='sparse_categorical_crossentropy', metrics=['accuracy'])",
  'model.fit(x_train / 255.0, y_train, epochs=epochs)',
];

export interface AssembleInput {
  study: StudySpec;
  /** The jobs that ran (or came from the per-seed cache), with their results. */
  jobs: KerasJob[];
  results: Map<KerasJob, KerasSeedResult>;
  /** Models taken unchanged from the previous file, with their α entries (crosscheck/carry-over.ts). */
  carried?: { file: CrosscheckFile; models: string[] };
  codeHash: string;
  quick: boolean;
  trainCount: (job: KerasJob) => number;
}

export function assembleCrosscheck(input: AssembleInput): CrosscheckFile {
  const models: Record<string, KerasModel> = {};
  const alpha: CrosscheckFile['alpha'] = {};
  const carried = input.carried;
  const first = input.results.get(input.jobs[0]);
  const base = first ?? carried?.file;
  if (!base) throw new Error('No Keras results to assemble: no job ran and no model was carried over.');
  // One file names one set of versions: results of another Keras or TensorFlow cannot sit side by side.
  if (first && carried?.models.length && JSON.stringify(first.versions) !== JSON.stringify(carried.file.versions)) {
    throw new Error(`The carried models (${carried.models.join(', ')}) were trained with ${JSON.stringify(carried.file.versions)}, the new runs with ${JSON.stringify(first.versions)}. Fix: \`npm run crosscheck -- --rerun\` (the new runs stay in the per-seed cache).`);
  }
  for (const { id: model } of input.study.models) {
    if (carried?.models.includes(model)) {
      models[model] = carried.file.models[model];
      for (const [section, entry] of Object.entries(carried.file.alpha)) if (entry.model === model) alpha[section] = entry;
      continue;
    }
    const jobs = input.jobs.filter((j) => j.model === model).sort((a, b) => a.seed - b.seed);
    if (!jobs.length) throw new Error(`Model ${model} has neither Keras results nor an entry carried over from the previous file.`);
    const results = jobs.map((j) => input.results.get(j) as KerasSeedResult);
    const stat = (pick: (r: KerasSeedResult) => number) => seedStat(results.map((r) => ({ seed: r.seed, value: pick(r) })));
    const perEpoch = (r: KerasSeedResult) => median(r.history.map((e) => e.seconds));
    models[model] = {
      dataset: jobs[0].dataset,
      units: jobs[0].units,
      epochs: jobs[0].epochs,
      train_count: input.trainCount(jobs[0]),
      runs: results.map((r, i) => ({
        seed: r.seed,
        key: jobs[i].key,
        history: r.history,
        train_accuracy: r.train_accuracy,
        train_accuracy_eval: r.train_accuracy_eval,
        test_accuracy: r.test_accuracy,
        test_loss: r.test_loss,
        cross_accuracy: r.cross_accuracy,
        duration_s: r.duration_s,
        workers: r.workers,
        seconds_per_epoch: perEpoch(r),
      })),
      train_accuracy: stat((r) => r.train_accuracy),
      train_accuracy_eval: stat((r) => r.train_accuracy_eval),
      test_accuracy: stat((r) => r.test_accuracy),
      cross_accuracy: stat((r) => r.cross_accuracy),
      seconds_per_epoch: stat(perEpoch),
    };
    for (const section of jobs[0].alpha.map((a) => a.section)) {
      const bySeed = results.map((r) => {
        const found = r.alpha.find((a) => a.section === section);
        if (!found) throw new Error(`Keras result ${model} seed ${r.seed} has no α figures for section ${section}.`);
        return { seed: r.seed, ...found };
      });
      alpha[section] = {
        model: model as ModelId,
        accuracy: seedStat(bySeed.map((a) => ({ seed: a.seed, value: a.accuracy }))),
        random_pairs_mean: seedStat(bySeed.map((a) => ({ seed: a.seed, value: mean(a.random_pairs) }))),
        random_pairs: bySeed[0].random_pairs.length,
      };
    }
  }
  return crosscheckFile.parse({
    generated_at: new Date().toISOString(),
    quick: input.quick,
    code_hash: input.codeHash,
    versions: base.versions,
    threads: base.threads,
    workers: Math.max(...Object.values(models).flatMap((m) => m.runs.map((r) => r.workers))),
    machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, platform: `${platform()} ${process.arch}` },
    calls: KERAS_CALLS,
    models,
    alpha,
  });
}
