/**
 * Where everything lives in an output folder (public/ or --out), relative to it, and where a training
 * run keeps its state for that folder: next to it, never in it, so nothing of it is ever served or copied
 * into the site, and on the same file system, so the switch to a new generation is made of renames.
 * Pure path arithmetic on "/"-separated paths: the trainer, the site's loader and the browser share it.
 */

/** The folders that make one generation, in the order the switch renames them. */
export const GENERATION_FOLDERS = ['runs', 'models', 'results'] as const;
export type GenerationFolder = (typeof GENERATION_FOLDERS)[number];

/** A saved model's two files (tfjs Layers format). */
export const MODEL_FILES = { json: 'model.json', weights: 'weights.bin' } as const;
/** A trained run's record, beside its model files. */
export const RUN_FILE = 'run.json';

/** Files under results/, relative to it. */
export const RESULT_FILES = { manifest: 'manifest.json', summary: 'summary.json', study: 'study.json' } as const;
export const sectionFilePath = (id: string) => `section-${id}.json`;
export const galleryBinaryPath = (dataset: string) => `gallery/${dataset}.bin`;
export const galleryJsonPath = (model: string) => `gallery/${model}.json`;
export const montagePaths = (name: string) => ({ image: `montages/${name}.png`, meta: `montages/${name}.json` });

/** A trained run's folder, relative to runs/. */
export const runFolder = (model: string, seed: number) => `${model}/seed-${seed}`;
export const modelPath = (model: string) => `models/${model}/${MODEL_FILES.json}`;

export interface GenerationPaths {
  out: string;
  /** `<parent>/.<name>.train/`: everything below. */
  state: string;
  /** Exclusive lock of the running `npm run train` (lock.ts). */
  lock: string;
  /** Present only while a switch is under way (journal.ts). */
  journal: string;
  /** Finished training jobs, by job hash, until a generation that uses them is switched in. */
  jobs: string;
  /** The generation being assembled. */
  next: string;
  /** The previous generation's folders, moved aside during the switch. */
  old: string;
}

export function generationPaths(out: string): GenerationPaths {
  const trimmed = out.length > 1 ? out.replace(/\/+$/, '') : out;
  const cut = trimmed.lastIndexOf('/');
  const parent = cut < 0 ? '.' : cut === 0 ? '/' : trimmed.slice(0, cut);
  const state = `${parent === '/' ? '' : parent}/.${trimmed.slice(cut + 1)}.train`;
  return {
    out,
    state,
    lock: `${state}/lock`,
    journal: `${state}/journal.json`,
    jobs: `${state}/jobs`,
    next: `${state}/next`,
    old: `${state}/old`,
  };
}
