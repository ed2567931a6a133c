/**
 * The Keras jobs of the study: one per (model, seed) of the declaration in training/config/experiments.ts,
 * each with a key that decides whether a cached result can be reused. The α sections' grid, truths and
 * random pairs come from the training step's own functions, so Keras scores exactly the same blends.
 */
import type { DatasetId } from '../schema/results.ts';
import type { SectionOf, StudySpec } from '../schema/study.ts';
import { QUICK } from '../training/config/experiments.ts';
import { alphaSteps, randomPairs } from '../core/analysis/alpha.ts';
import { hashValue } from '../training/pipeline/code-hash.ts';
import { jobCost } from '../training/pipeline/schedule.ts';

/** What `--quick` runs: the training step's quick slice and epoch count, one seed. */
export const CROSSCHECK_QUICK = { trainCount: QUICK.trainCount, epochs: QUICK.epochs, seeds: 1, randomPairs: QUICK.randomPairs } as const;

interface AlphaPlan {
  section: string;
  i1: number;
  i2: number;
  alphas: number[];
  truths: number[];
  pairs: [number, number][];
}

/** The part of a job that decides its result, and so its key. */
interface JobSettings {
  dataset: DatasetId;
  units: number;
  epochs: number;
  seed: number;
  /** null: the whole training set. */
  train_count: number | null;
  threads: number;
  alpha: AlphaPlan[];
}

export interface KerasJob extends JobSettings {
  model: string;
  key: string;
  cost: number;
}

export interface PlanInput {
  study: StudySpec;
  /** Test labels of each dataset (the random α pairs are drawn from them). */
  testLabels: Record<DatasetId, ArrayLike<number>>;
  /** SHA-256 of every data file, per dataset. */
  dataHashes: Record<DatasetId, string[]>;
  codeHash: string;
  threads: number;
  quick: boolean;
}

type AlphaSpec = SectionOf<'alpha'>;

function alphaPlans(input: PlanInput, model: string, dataset: DatasetId): AlphaPlan[] {
  return input.study.sections
    .filter((spec): spec is AlphaSpec => spec.kind === 'alpha' && spec.model === model)
    .map((spec) => {
      const { alphas, truths } = alphaSteps(spec);
      const count = input.quick ? CROSSCHECK_QUICK.randomPairs : spec.randomPairs;
      return {
        section: spec.id,
        i1: spec.i1.index,
        i2: spec.i2.index,
        alphas,
        truths,
        pairs: randomPairs(input.testLabels[dataset], spec, count),
      };
    });
}

/** Every (model, seed), longest first (the pool starts the critical path first). */
export function planKerasJobs(input: PlanInput): KerasJob[] {
  const jobs: KerasJob[] = [];
  for (const { id: model, ...spec } of input.study.models) {
    const seeds = input.quick ? CROSSCHECK_QUICK.seeds : spec.seeds;
    const alpha = alphaPlans(input, model, spec.dataset);
    for (let seed = 0; seed < seeds; seed++) {
      const settings: JobSettings = {
        dataset: spec.dataset,
        units: spec.units,
        epochs: input.quick ? CROSSCHECK_QUICK.epochs : spec.epochs,
        seed,
        train_count: input.quick ? CROSSCHECK_QUICK.trainCount : null,
        threads: input.threads,
        alpha,
      };
      const key = hashValue({ settings, data: input.dataHashes, code: input.codeHash });
      const cost = jobCost({ epochs: settings.epochs, units: settings.units, trainCount: settings.train_count });
      jobs.push({ ...settings, model, key, cost });
    }
  }
  return jobs.sort((a, b) => b.cost - a.cost);
}
