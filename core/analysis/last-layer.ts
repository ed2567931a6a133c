/** Kind "last-layer", numbers only: the softmax outputs of every test image, read by argmax and by evaluate. */
import type { LastLayerSection } from '../../schema/results.ts';
import { modelOf, type SectionOf } from '../../schema/study.ts';
import { CLASSES } from '../network.ts';
import { argmax } from '../stats.ts';
import type { AnalysisInputs } from './inputs.ts';

export async function compute(inputs: AnalysisInputs, { model, bins }: SectionOf<'last-layer'>): Promise<LastLayerSection> {
  const dataset = modelOf(inputs.study, model).dataset;
  const test = inputs.test(dataset);
  const { probabilities } = await inputs.predictions(model, dataset);
  const evaluated = await inputs.evaluate(model);
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
  return {
    kind: 'last-layer',
    model,
    published_seed: inputs.publishedSeed(model),
    test_count: test.count,
    argmax_accuracy: argmaxAccuracy,
    evaluate_accuracy: evaluated.accuracy,
    evaluate_loss: evaluated.loss,
    // evaluate averages float32 batch means, so compare at the resolution of one test image.
    equal: Math.round(argmaxAccuracy * test.count) === Math.round(evaluated.accuracy * test.count),
    calibration: calibration.map((b) => ({ lo: b.lo, hi: b.hi, count: b.count, mean_confidence: b.count ? b.confSum / b.count : 0, accuracy: b.count ? b.correct / b.count : 0 })),
    expected_calibration_error: ece,
    confidence_histogram: calibration.map((b) => ({ lo: b.lo, hi: b.hi, correct: b.correct, incorrect: b.count - b.correct })),
  };
}
