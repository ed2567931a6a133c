/**
 * The study, declared: three trained configurations and the nine sections that train, reuse or probe
 * them. Every choice the original left implicit is written here with its reason; the CLI validates this
 * (unknown keys are errors) and hashes it, so editing it makes exactly the affected results stale.
 */
import { z } from 'zod';
import { SECTION_IDS, datasetId, modelId, type ModelId, type SectionId } from '../../schema/results.ts';

export type SectionKey = SectionId;

const modelSpec = z
  .object({
    dataset: datasetId,
    /** Width of the hidden Dense(relu) layer. */
    units: z.number().int().positive(),
    epochs: z.number().int().positive(),
    /** Default number of seeds (0..seeds-1); `--seeds N` overrides it for every model. */
    seeds: z.number().int().positive(),
    /** The seed whose weights are published under public/models and used by the probing sections. */
    publishedSeed: z.number().int().nonnegative(),
  })
  .strict();
export type ModelSpec = z.infer<typeof modelSpec>;

const trainingSection = z.object({ kind: z.literal('training'), model: modelId }).strict();
const histogramSection = z.object({ kind: z.literal('histogram'), model: modelId }).strict();
const crossSection = z.object({ kind: z.literal('cross'), a: modelId, b: modelId }).strict();
const alphaSection = z
  .object({
    kind: z.literal('alpha'),
    model: modelId,
    /** Test-set indices of I1 and I2, with the labels they must have (checked at run time). */
    i1: z.object({ index: z.number().int().nonnegative(), label: z.number().int().min(0).max(9) }).strict(),
    i2: z.object({ index: z.number().int().nonnegative(), label: z.number().int().min(0).max(9) }).strict(),
    /** α runs over [from, to) in `count` even steps. */
    from: z.number(),
    to: z.number(),
    count: z.number().int().positive(),
    /** Ground truth is I1's label when α >= threshold, else I2's. */
    threshold: z.number(),
    randomPairs: z.number().int().positive(),
    pairSeed: z.number().int(),
  })
  .strict();
const hiddenSection = z
  .object({
    kind: z.literal('hidden'),
    model: modelId,
    images: z.array(z.number().int().nonnegative()).min(1),
    projectionCount: z.number().int().positive(),
  })
  .strict();
const lastLayerSection = z.object({ kind: z.literal('last-layer'), model: modelId, bins: z.number().int().positive() }).strict();

export const sectionSpec = z.discriminatedUnion('kind', [
  trainingSection,
  histogramSection,
  crossSection,
  alphaSection,
  hiddenSection,
  lastLayerSection,
]);
export type SectionSpec = z.infer<typeof sectionSpec>;

export const studySpec = z
  .object({
    models: z.object({ 'fashion-128': modelSpec, 'digits-128': modelSpec, 'digits-300': modelSpec }).strict(),
    // One entry per section id of the results contract, no more, no fewer.
    sections: z.object(Object.fromEntries(SECTION_IDS.map((id) => [id, sectionSpec])) as Record<SectionId, typeof sectionSpec>).strict(),
    /** How many test images the live widgets get (bundled as one binary per dataset). */
    galleryCount: z.number().int().positive(),
  })
  .strict();
export type StudySpec = z.infer<typeof studySpec>;

// The original trained each model once; seeds give the spread a single run hides. Five seeds for the
// cheap 10-epoch models, three for the 200-epoch one (the minimum; ~10 min each here).
const ALPHA_SOURCES = {
  model: 'digits-300' as ModelId,
  // The original used "a test image of '2'" and "a test image of '1'" without indices: the first of each.
  i1: { index: 1, label: 2 },
  i2: { index: 2, label: 1 },
  count: 100,
  // The original's figures label an image '2' from α = 0.5 on: the blend is then at least half I1.
  threshold: 0.5,
  randomPairs: 1000,
};

export const STUDY: StudySpec = studySpec.parse({
  models: {
    'fashion-128': { dataset: 'fashion', units: 128, epochs: 10, seeds: 5, publishedSeed: 0 },
    'digits-128': { dataset: 'digits', units: 128, epochs: 10, seeds: 5, publishedSeed: 0 },
    'digits-300': { dataset: 'digits', units: 300, epochs: 200, seeds: 3, publishedSeed: 0 },
  },
  sections: {
    '1': { kind: 'training', model: 'fashion-128' },
    '2': { kind: 'training', model: 'digits-128' },
    '3': { kind: 'training', model: 'digits-300' },
    '4': { kind: 'histogram', model: 'digits-300' },
    '5': { kind: 'cross', a: 'digits-128', b: 'fashion-128' },
    '6': { kind: 'alpha', ...ALPHA_SOURCES, from: 0, to: 1, pairSeed: 6 },
    // The first test image of five different digits: 7, 2, 1, 0, 4.
    '7': { kind: 'hidden', model: 'digits-300', images: [0, 1, 2, 3, 4], projectionCount: 3000 },
    '8': { kind: 'last-layer', model: 'digits-300', bins: 10 },
    '9': { kind: 'alpha', ...ALPHA_SOURCES, from: -1, to: 2, pairSeed: 9 },
  },
  galleryCount: 300,
});

/** What `--quick` trains: a slice of the training set for one epoch, two seeds, fewer random pairs. */
export const QUICK = { trainCount: 2000, epochs: 1, seeds: 2, randomPairs: 100 } as const;

export const SECTION_TITLES: Readonly<Record<SectionId, string>> = {
  '1': 'Training and testing on Fashion-MNIST',
  '2': 'Training and testing on handwritten digits',
  '3': 'An improved digits model',
  '4': 'Histogram of correct and incorrect predictions',
  '5': 'Testing on the other dataset',
  '6': 'Blended images, α in [0, 1)',
  '7': 'Outputs of the hidden layer',
  '8': 'Predictions from the last layer',
  '9': 'Blended images, α in [−1, 2)',
};

/** The sections a `--only` run needs, with the models they train. */
export function modelsFor(section: SectionSpec): ModelId[] {
  return section.kind === 'cross' ? [section.a, section.b] : [section.model];
}
