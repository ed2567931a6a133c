/**
 * What a "Reproduce" widget is told by the build (src/components/widgets/reproduce-config.ts), and the
 * plan it makes from it: one training job per (model, seed) to reproduce.
 */
import type { DatasetId } from '../../../schema/results.ts';
import type { DatasetOffer } from '../widget-config.ts';
import type { ReproJob } from './messages.ts';
import { modelKey } from './model-key.ts';
import type { PlannedModel } from './scheduler.ts';

interface SeedRef {
  seed: number;
  trainCount: number;
  epochs: number;
  publishedSha256: string | null;
  buildSecondsPerEpoch: number;
}

export interface ModelRef {
  model: string;
  dataset: DatasetId;
  /** The dataset whose test set the build also scored the model on, or null. */
  other: DatasetId | null;
  units: number;
  batchSize: number;
  learningRate: number;
  publishedSeed: number;
  seeds: SeedRef[];
}

export interface ReproduceConfig {
  section: string;
  sectionUrl: string;
  trainerVersion: string;
  models: ModelRef[];
  datasets: Record<DatasetId, DatasetOffer>;
  /** The published figures (results/section-<id>.json) and the declaration (results/study.json). */
  sectionFileUrl: string;
  studyUrl: string;
}

/** What the home page's "Reproduce the whole study" is told: every section, and the site's identity. */
export interface StudyConfig {
  trainerVersion: string;
  datasets: Record<DatasetId, DatasetOffer>;
  studyUrl: string;
  sections: (Pick<ReproduceConfig, 'section' | 'sectionUrl' | 'sectionFileUrl' | 'models'> & { title: string })[];
  /** The results the site was built from: when, and the hashes of their code and analysis. */
  site: { url: string; generatedAt: string; codeHash: string; analysisHash: string; quick: boolean };
  /** The repository's web address (REPOSITORY_URL at build time), for a prefilled issue; null when not set. */
  repositoryUrl: string | null;
}

/** Why the section cannot be reproduced on this site (a dataset the build did not have), or null. */
export function unavailable(config: Pick<ReproduceConfig, 'models' | 'datasets'>): string | null {
  for (const m of config.models) {
    for (const d of [m.dataset, m.other]) {
      const offer = d ? config.datasets[d] : null;
      if (offer && !offer.available) return `the build had no ${d} files (${offer.reason})`;
    }
  }
  return null;
}

/** The seeds to train: each model's published seed, or every seed the build trained. */
function seedsToTrain(m: ModelRef, allSeeds: boolean): SeedRef[] {
  return m.seeds.filter((s) => allSeeds || s.seed === m.publishedSeed);
}

const absolute = <T extends { url: string }>(files: T[]): T[] => files.map((f) => ({ ...f, url: new URL(f.url, location.href).href }));

/** The training jobs, keyed for the store. */
export async function plan(config: Pick<ReproduceConfig, 'models' | 'datasets' | 'trainerVersion'>, allSeeds: boolean): Promise<PlannedModel[]> {
  const out: PlannedModel[] = [];
  for (const m of config.models) {
    const offer = config.datasets[m.dataset];
    if (!offer.available) throw new Error(`${m.model} cannot be trained here: ${offer.reason}`);
    const otherOffer = m.other ? config.datasets[m.other] : null;
    for (const s of seedsToTrain(m, allSeeds)) {
      const settings = { dataset: m.dataset, units: m.units, epochs: s.epochs, seed: s.seed, trainCount: s.trainCount, batchSize: m.batchSize, learningRate: m.learningRate };
      const job: ReproJob = {
        key: await modelKey(settings, config.trainerVersion),
        settings,
        trainerVersion: config.trainerVersion,
        files: absolute(offer.files),
        other: m.other && otherOffer?.available ? { dataset: m.other, files: absolute(otherOffer.files) } : null,
      };
      out.push({ model: m.model, seed: s.seed, job, publishedSha256: s.publishedSha256, buildSecondsPerEpoch: s.buildSecondsPerEpoch });
    }
  }
  return out;
}
