/** Sections 4, 5 and 8: the published models' test predictions, counted three ways. */
import * as tf from '@tensorflow/tfjs-core';

import {
  crossSection,
  histogramSection,
  lastLayerSection,
  type CrossPart,
  type CrossSection,
  type HistogramSection,
  type LastLayerSection,
  type ModelId,
} from '../../schema/results.ts';
import { CLASSES, IMAGE_SIZE, compileLikeKeras, createMlp, writeParams } from '../../trainer/mlp.ts';
import { INFERENCE_BATCH, argmax, scorePredictions } from '../../trainer/inference.ts';
import type { AnalysisContext } from './context.ts';
import { confusion, seedStat } from './stats.ts';

export async function histogramSectionFile(ctx: AnalysisContext, model: ModelId): Promise<HistogramSection> {
  const dataset = ctx.datasetOf(model);
  const test = ctx.tests[dataset];
  const { predicted } = scorePredictions((await ctx.predictions(model, dataset)).probabilities, test.labels);
  const names = ctx.classNames(dataset);
  const perClass = names.map((name, label) => ({ label, name, correct: 0, incorrect: 0 }));
  for (let i = 0; i < test.count; i++) perClass[test.labels[i]][predicted[i] === test.labels[i] ? 'correct' : 'incorrect']++;
  const correct = perClass.reduce((s, c) => s + c.correct, 0);
  return histogramSection.parse({
    kind: 'histogram',
    model,
    published_seed: ctx.publishedSeed(model),
    test_count: test.count,
    correct_count: correct,
    incorrect_count: test.count - correct,
    correct_fraction: correct / test.count,
    incorrect_fraction: (test.count - correct) / test.count,
    per_class: perClass,
    incorrect_fraction_by_seed: seedStat(ctx.runsOf(model).map((r) => ({ seed: r.seed, value: 1 - r.test_accuracy }))),
  });
}

async function crossPart(ctx: AnalysisContext, model: ModelId): Promise<CrossPart> {
  const trainedOn = ctx.datasetOf(model);
  const testedOn = trainedOn === 'digits' ? 'fashion' : 'digits';
  const test = ctx.tests[testedOn];
  const { predicted } = scorePredictions((await ctx.predictions(model, testedOn)).probabilities, test.labels);
  return {
    model,
    trained_on: trainedOn,
    tested_on: testedOn,
    published_seed: ctx.publishedSeed(model),
    test_accuracy: seedStat(ctx.runsOf(model).map((r) => ({ seed: r.seed, value: r.cross_accuracy }))),
    chance: 1 / CLASSES,
    model_class_names: ctx.classNames(trainedOn),
    tested_class_names: ctx.classNames(testedOn),
    counts: confusion(test.labels, predicted),
  };
}

export async function crossSectionFile(ctx: AnalysisContext, a: ModelId, b: ModelId): Promise<CrossSection> {
  return crossSection.parse({ kind: 'cross', a: await crossPart(ctx, a), b: await crossPart(ctx, b) });
}

/** Accuracy as tfjs-layers' own `evaluate` reports it, on a freshly built model with the saved weights. */
async function keraslikeEvaluate(ctx: AnalysisContext, model: ModelId): Promise<{ accuracy: number; loss: number }> {
  const test = ctx.tests[ctx.datasetOf(model)];
  const net = createMlp({ units: ctx.study.models[model].units, seed: 0 });
  writeParams(net, await ctx.params(model));
  compileLikeKeras(net);
  const xs = tf.tensor3d(test.images, [test.count, IMAGE_SIZE, IMAGE_SIZE]);
  const ys = tf.tensor1d(test.labels, 'float32');
  try {
    const [loss, acc] = net.evaluate(xs, ys, { batchSize: INFERENCE_BATCH }) as tf.Scalar[];
    const out = { loss: (await loss.data())[0], accuracy: (await acc.data())[0] };
    tf.dispose([loss, acc]);
    return out;
  } finally {
    tf.dispose([xs, ys]);
    net.dispose();
  }
}

export async function lastLayerSectionFile(ctx: AnalysisContext, model: ModelId, bins: number): Promise<LastLayerSection> {
  const dataset = ctx.datasetOf(model);
  const test = ctx.tests[dataset];
  const { probabilities } = await ctx.predictions(model, dataset);
  const evaluated = await keraslikeEvaluate(ctx, model);
  const calibration = Array.from({ length: bins }, (_, b) => ({ lo: b / bins, hi: (b + 1) / bins, count: 0, confSum: 0, correct: 0 }));
  let correct = 0;
  for (let i = 0; i < test.count; i++) {
    const p = argmax(probabilities, i);
    const confidence = probabilities[i * CLASSES + p];
    const ok = p === test.labels[i];
    if (ok) correct++;
    const bin = calibration[Math.min(bins - 1, Math.floor(confidence * bins))];
    bin.count++;
    bin.confSum += confidence;
    if (ok) bin.correct++;
  }
  const argmaxAccuracy = correct / test.count;
  const ece = calibration.reduce((s, b) => (b.count ? s + (b.count / test.count) * Math.abs(b.correct / b.count - b.confSum / b.count) : s), 0);
  return lastLayerSection.parse({
    kind: 'last-layer',
    model,
    published_seed: ctx.publishedSeed(model),
    test_count: test.count,
    argmax_accuracy: argmaxAccuracy,
    evaluate_accuracy: evaluated.accuracy,
    evaluate_loss: evaluated.loss,
    // evaluate averages float32 batch means, so compare at the resolution of one test image.
    equal: Math.round(argmaxAccuracy * test.count) === Math.round(evaluated.accuracy * test.count),
    calibration: calibration.map((b) => ({ lo: b.lo, hi: b.hi, count: b.count, mean_confidence: b.count ? b.confSum / b.count : 0, accuracy: b.count ? b.correct / b.count : 0 })),
    expected_calibration_error: ece,
    confidence_histogram: calibration.map((b) => ({ lo: b.lo, hi: b.hi, correct: b.correct, incorrect: b.count - b.correct })),
  });
}

