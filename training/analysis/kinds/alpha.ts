/**
 * Kind "alpha": blends I(α) = α·I1 + (1−α)·I2 of two test images (no clipping), labelled by the rule
 * "I1's label when α >= threshold, else I2's", for the chosen pair and for many random pairs.
 */
import { alphaSection, type AlphaSection, type SectionFile, type SummaryRow } from '../../../schema/results.ts';
import type { SectionOf } from '../../../schema/study.ts';
import { compareSentence, num, pairVsSeed, pct, pm } from '../../../src/lib/format.ts';
import { PIXELS, type MlpParams } from '../../../trainer/mlp.ts';
import { argmax, predict } from '../../../trainer/inference.ts';
import { createRng } from '../../../trainer/rng.ts';
import type { AnalysisContext } from '../context.ts';
import type { SectionKindModule } from '../section-kind.ts';
import { expectKind, rowStart } from '../section-kind.ts';
import { writePredictionMontage } from '../montages.ts';
import { mean, probabilityRow, seedStat, std } from '../stats.ts';

type AlphaSpec = SectionOf<'alpha'>;

/** `count` evenly spaced values over [from, to), rounded to 1e-9 so 0.5 is exactly 0.5. */
export function alphaGrid(from: number, to: number, count: number): number[] {
  return Array.from({ length: count }, (_, k) => Math.round((from + (k * (to - from)) / count) * 1e9) / 1e9);
}

export function alphaTruth(alpha: number, threshold: number, label1: number, label2: number): number {
  return alpha >= threshold ? label1 : label2;
}

/** Writes the blends of images i1 and i2 of `images` for every α into one count×784 buffer. */
export function blendImages(images: Float32Array, i1: number, i2: number, alphas: number[]): Float32Array {
  const out = new Float32Array(alphas.length * PIXELS);
  const a = images.subarray(i1 * PIXELS, (i1 + 1) * PIXELS);
  const b = images.subarray(i2 * PIXELS, (i2 + 1) * PIXELS);
  alphas.forEach((alpha, k) => {
    for (let p = 0; p < PIXELS; p++) out[k * PIXELS + p] = alpha * a[p] + (1 - alpha) * b[p];
  });
  return out;
}

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

function pairAccuracy(params: MlpParams, images: Float32Array, i1: number, i2: number, alphas: number[], truths: number[]): number {
  const { probabilities } = predict(params, blendImages(images, i1, i2, alphas), alphas.length);
  return truths.filter((t, k) => argmax(probabilities, k) === t).length / alphas.length;
}

async function analyse(ctx: AnalysisContext, spec: AlphaSpec): Promise<AlphaSection> {
  const { id } = spec;
  const dataset = ctx.datasetOf(spec.model);
  const test = ctx.tests[dataset];
  for (const [name, src] of [['i1', spec.i1], ['i2', spec.i2]] as const) {
    if (test.labels[src.index] !== src.label) {
      throw new Error(`Section ${id}: test image ${src.index} (${name}) is a '${test.labels[src.index]}', not the configured '${src.label}'; fix ${name} in training/config/experiments.ts.`);
    }
  }
  const alphas = alphaGrid(spec.from, spec.to, spec.count);
  const truths = alphas.map((a) => alphaTruth(a, spec.threshold, spec.i1.label, spec.i2.label));
  const params = await ctx.params(spec.model);
  const blends = blendImages(test.images, spec.i1.index, spec.i2.index, alphas);
  const { probabilities } = predict(params, blends, alphas.length);
  const images = alphas.map((alpha, k) => {
    const predicted = argmax(probabilities, k);
    return { alpha, truth: truths[k], predicted, correct: predicted === truths[k], probabilities: probabilityRow(probabilities, k) };
  });
  const accuracy = images.filter((im) => im.correct).length / images.length;
  const crossings = images.slice(1).flatMap((im, k) => (im.predicted !== images[k].predicted ? [{ alpha: im.alpha, from: images[k].predicted, to: im.predicted }] : []));

  const bySeed = [];
  for (const run of ctx.runsOf(spec.model)) {
    bySeed.push({ seed: run.seed, value: pairAccuracy(await ctx.params(spec.model, run.seed), test.images, spec.i1.index, spec.i2.index, alphas, truths) });
  }

  const accuracies = randomPairs(test.labels, spec, ctx.randomPairs ?? spec.randomPairs).map(([i1, i2]) =>
    pairAccuracy(params, test.images, i1, i2, alphas, truths),
  );

  const montage = await writePredictionMontage(ctx, `section-${id}-alpha`, {
    model: spec.model,
    dataset,
    tiles: blends,
    probabilities,
    cells: alphas.map((alpha, k) => ({ index: null, alpha, trueLabel: truths[k], row: k })),
    columns: 10,
    alt: `The ${alphas.length} blends of test image ${spec.i1.index} (a '${spec.i1.label}') and test image ${spec.i2.index} (a '${spec.i2.label}') for α from ${spec.from} to ${alphas[alphas.length - 1]}`,
  });

  return alphaSection.parse({
    kind: 'alpha',
    model: spec.model,
    published_seed: ctx.publishedSeed(spec.model),
    source_indices: { i1: spec.i1.index, i2: spec.i2.index },
    source_labels: { i1: spec.i1.label, i2: spec.i2.label },
    alpha_range: [spec.from, spec.to],
    threshold: spec.threshold,
    rule: `The true label is '${spec.i1.label}' (I1's) when α ≥ ${spec.threshold}, otherwise '${spec.i2.label}' (I2's).`,
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
      percentile_of_chosen: accuracies.filter((a) => a < accuracy).length / accuracies.length,
    },
    montage,
  });
}

function summarise(file: SectionFile, section: AlphaSpec): SummaryRow {
  const a = expectKind(file, 'alpha');
  const o = section.original[0];
  return {
    ...rowStart(section),
    original: o?.printed ?? section.originalWords ?? '–',
    ours: `${pm(a.accuracy_by_seed, 1)} (this pair); ${pct(a.random_pairs.mean, 0)} over ${num(a.random_pairs.count)} random pairs`,
    reading: `${o ? `${compareSentence(o.value, o.printed, a.accuracy_by_seed)} ` : ''}${pairVsSeed(a)}`,
    figures: [
      { label: 'blends, published seed', ours: a.accuracy, original: o?.value ?? null },
      { label: 'blends, every seed', ours: a.accuracy_by_seed, original: o?.value ?? null },
      { label: `${num(a.random_pairs.count)} random pairs`, ours: a.random_pairs.mean, original: null },
    ],
  };
}

export const kind: SectionKindModule<'alpha'> = { analyse, summarise };
