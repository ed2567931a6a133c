/** Figures for section 8: argmax vs evaluate, calibration, confidence. */
import type { LastLayerSection } from '../../../schema/results';
import { COLORS, figure, specs, type Figure } from '../charts';
import { num, pct } from '../../../core/format';

export async function accuracyPairFigure(s: LastLayerSection): Promise<Figure> {
  const rows = [
    { category: 'argmax of the probabilities', value: s.argmax_accuracy },
    { category: 'model.evaluate', value: s.evaluate_accuracy },
  ];
  const spec = specs.bars({
    rows, categoryTitle: '', valueTitle: 'test accuracy', horizontal: true, domain: [0, 1], format: '.0%',
    labels: true, labelFormat: '.2%', width: 360, height: 90, sort: rows.map((r) => r.category),
  });
  return figure('8-accuracies', spec, {
    label: `Accuracy from the argmax of the last layer, ${pct(s.argmax_accuracy)}, beside evaluate's ${pct(s.evaluate_accuracy)}.`,
    caption: `Both on all ${num(s.test_count)} test images with the published seed ${s.published_seed}: ` +
      (s.equal ? 'the two numbers are identical.' : `they differ by ${Math.abs(s.argmax_accuracy - s.evaluate_accuracy).toExponential(2)}.`),
    table: { columns: ['method', 'test accuracy'], rows: rows.map((r) => [r.category, r.value.toFixed(6)]) },
  });
}

export async function calibrationFigure(s: LastLayerSection): Promise<Figure> {
  const bins = s.calibration.filter((b) => b.count > 0);
  const spec = specs.calibration({ bins, width: 360, height: 320 });
  return figure('8-calibration', spec, {
    label: `Reliability diagram: accuracy against mean confidence in ${bins.length} bins of the top probability.`,
    caption: `Test images grouped by the model’s top probability; each dot is a group (area ∝ number of images), at its mean confidence and its accuracy. ` +
      `On the dashed diagonal, confidence equals accuracy. Expected calibration error: ${pct(s.expected_calibration_error)}.`,
    table: {
      columns: ['top probability', 'images', 'mean confidence', 'accuracy'],
      rows: bins.map((b) => [`${pct(b.lo, 0)}–${pct(b.hi, 0)}`, num(b.count), pct(b.mean_confidence), pct(b.accuracy)]),
    },
  });
}

export async function confidenceFigure(s: LastLayerSection): Promise<Figure> {
  const rows = s.confidence_histogram.flatMap((b) => [
    { category: `${pct(b.lo, 0)}–${pct(b.hi, 0)}`, value: b.correct, group: 'correct' },
    { category: `${pct(b.lo, 0)}–${pct(b.hi, 0)}`, value: b.incorrect, group: 'incorrect' },
  ]);
  const top = s.confidence_histogram.at(-1)!;
  const total = s.confidence_histogram.reduce((a, b) => a + b.correct + b.incorrect, 0);
  const wrong = s.confidence_histogram.reduce((a, b) => a + b.incorrect, 0);
  const spec = specs.bars({
    rows, categoryTitle: 'top probability', valueTitle: 'test images (log scale)', groupColors: COLORS,
    sort: s.confidence_histogram.map((b) => `${pct(b.lo, 0)}–${pct(b.hi, 0)}`), grouped: true, log: true, width: 440, height: 240,
  });
  return figure('8-confidence', spec, {
    label: `How sure the model is: test images by top probability, correct and incorrect side by side.`,
    caption: `${pct((top.correct + top.incorrect) / total, 1)} of the test images get a top probability of at least ${pct(top.lo, 0)}; ` +
      `${top.incorrect} of the ${wrong} errors are among them. The count axis is logarithmic.`,
    table: {
      columns: ['top probability', 'correct', 'incorrect'],
      rows: s.confidence_histogram.map((b) => [`${pct(b.lo, 0)}–${pct(b.hi, 0)}`, num(b.correct), num(b.incorrect)]),
    },
  });
}
