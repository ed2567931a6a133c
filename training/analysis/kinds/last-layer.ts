/** Kind "last-layer": the softmax outputs of every test image, read by argmax and by evaluate. */
import * as tf from '@tensorflow/tfjs-core';

import { lastLayerSection, type LastLayerSection, type SectionFile, type SummaryRow } from '../../../schema/results.ts';
import { modelOf, type SectionOf } from '../../../schema/study.ts';
import { pct } from '../../../src/lib/format.ts';
import { CLASSES, IMAGE_SIZE, compileLikeKeras, createMlp, writeParams } from '../../../trainer/mlp.ts';
import { INFERENCE_BATCH, argmax } from '../../../trainer/inference.ts';
import type { AnalysisContext } from '../context.ts';
import type { SectionKindModule } from '../section-kind.ts';
import { expectKind, rowStart } from '../section-kind.ts';

/** Accuracy as tfjs-layers' own `evaluate` reports it, on a freshly built model with the saved weights. */
async function keraslikeEvaluate(ctx: AnalysisContext, model: string): Promise<{ accuracy: number; loss: number }> {
  const test = ctx.tests[ctx.datasetOf(model)];
  const net = createMlp({ units: modelOf(ctx.study, model).units, seed: 0 });
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

async function analyse(ctx: AnalysisContext, { model, bins }: SectionOf<'last-layer'>): Promise<LastLayerSection> {
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


function summarise(file: SectionFile, section: SectionOf<'last-layer'>): SummaryRow {
  const s = expectKind(file, 'last-layer');
  return {
    ...rowStart(section),
    ours: `${pct(s.argmax_accuracy)} and ${pct(s.evaluate_accuracy)}`,
    reading: s.equal ? 'Equal, as in the original.' : `Not equal: they differ by ${Math.abs(s.argmax_accuracy - s.evaluate_accuracy).toExponential(1)}.`,
    figures: [
      { label: 'argmax of the last layer', ours: s.argmax_accuracy, original: null },
      { label: 'evaluate', ours: s.evaluate_accuracy, original: null },
    ],
  };
}

export const kind: SectionKindModule<'last-layer'> = { analyse, summarise };
