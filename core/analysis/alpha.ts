/**
 * Kind "alpha", numbers only: blends I(α) = α·I1 + (1−α)·I2 of two test images (no clipping), labelled
 * by the rule "I1's label when α ≥ threshold, else I2's" (core/alpha.ts), for the chosen pair and for
 * many random pairs.
 */
import type { AlphaSection } from '../../schema/results.ts';
import { modelOf, type SectionOf } from '../../schema/study.ts';
import { alphaGrid, blendImages, truthAt } from '../alpha.ts';
import { createRng } from '../rng.ts';
import { argmax, mean, probabilityRow, seedStat, shareBelow, std } from '../stats.ts';
import type { AnalysisInputs } from './inputs.ts';

type AlphaSpec = SectionOf<'alpha'>;

/** The random (I1-label, I2-label) pairs of test indices, drawn with the section's seed (the Keras crosscheck scores the same pairs). */
export function randomPairs(labels: ArrayLike<number>, spec: Pick<AlphaSpec, 'i1' | 'i2' | 'pairSeed'>, count: number): [number, number][] {
  const pool1: number[] = [];
  const pool2: number[] = [];
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] === spec.i1.label) pool1.push(i);
    if (labels[i] === spec.i2.label) pool2.push(i);
  }
  const rng = createRng(spec.pairSeed);
  return Array.from({ length: count }, () => [pool1[Math.floor(rng() * pool1.length)], pool2[Math.floor(rng() * pool2.length)]]);
}

/** The α grid of a section and the truth of each of its blends. */
export function alphaSteps(spec: Pick<AlphaSpec, 'from' | 'to' | 'count' | 'threshold' | 'i1' | 'i2'>): { alphas: number[]; truths: number[] } {
  const alphas = alphaGrid(spec.from, spec.to, spec.count);
  const rule = { label1: spec.i1.label, label2: spec.i2.label, threshold: spec.threshold };
  return { alphas, truths: alphas.map((a) => truthAt(a, rule)) };
}

export async function compute(inputs: AnalysisInputs, spec: AlphaSpec): Promise<Omit<AlphaSection, 'montage'>> {
  const { id, model } = spec;
  const test = inputs.test(modelOf(inputs.study, model).dataset);
  for (const [name, src] of [['i1', spec.i1], ['i2', spec.i2]] as const) {
    if (test.labels[src.index] !== src.label) {
      throw new Error(`Section ${id}: test image ${src.index} (${name}) is a '${test.labels[src.index]}', not the configured '${src.label}'; fix ${name} in the study declaration.`);
    }
  }
  const { alphas, truths } = alphaSteps(spec);
  const pairAccuracy = async (i1: number, i2: number, seed?: number) => {
    const { probabilities } = await inputs.predict(model, blendImages(test.images, i1, i2, alphas), alphas.length, seed);
    return truths.filter((t, k) => argmax(probabilities, k) === t).length / alphas.length;
  };

  const { probabilities } = await inputs.predict(model, blendImages(test.images, spec.i1.index, spec.i2.index, alphas), alphas.length);
  const images = alphas.map((alpha, k) => {
    const predicted = argmax(probabilities, k);
    return { alpha, truth: truths[k], predicted, correct: predicted === truths[k], probabilities: probabilityRow(probabilities, k) };
  });
  const accuracy = images.filter((im) => im.correct).length / images.length;
  const crossings = images.slice(1).flatMap((im, k) => (im.predicted !== images[k].predicted ? [{ alpha: im.alpha, from: images[k].predicted, to: im.predicted }] : []));

  const bySeed = [];
  for (const run of inputs.runsOf(model)) bySeed.push({ seed: run.seed, value: await pairAccuracy(spec.i1.index, spec.i2.index, run.seed) });
  const accuracies = [];
  for (const [i1, i2] of randomPairs(test.labels, spec, inputs.randomPairs ?? spec.randomPairs)) accuracies.push(await pairAccuracy(i1, i2));

  return {
    kind: 'alpha',
    model,
    published_seed: inputs.publishedSeed(model),
    source_indices: { i1: spec.i1.index, i2: spec.i2.index },
    source_labels: { i1: spec.i1.label, i2: spec.i2.label },
    alpha_range: [spec.from, spec.to],
    threshold: spec.threshold,
    alphas,
    accuracy,
    images,
    crossings,
    accuracy_by_seed: seedStat(bySeed),
    random_pairs: {
      count: accuracies.length,
      rng_seed: spec.pairSeed,
      accuracies,
      mean: mean(accuracies),
      std: std(accuracies),
      percentile_of_chosen: shareBelow(accuracies, accuracy),
    },
  };
}
