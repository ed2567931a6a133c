/**
 * "What it means" for each section, as sentences computed from the results: every comparison,
 * direction and judgement below follows from the numbers passed in.
 */
import type { AlphaSection, CrossSection, HiddenSection, HistogramSection, LastLayerSection, TrainingSection } from '../../schema/results';
import type { OriginalFigure, SectionOf } from '../../schema/study';
import { agreement, compareSentence, higherLower, num, pairVsSeed, pct, pm } from './format';
import { modelLabel } from './sections';
import { deadPhrase } from './figures/hidden';
import { meanCurve } from './figures/training';
import { sectionResult, type Results } from './results';

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/** The comparison with the original's figure, or nothing where it printed none. */
const versus = (o: OriginalFigure | undefined, stat: TrainingSection['test_accuracy']) => (o ? ` ${compareSentence(o.value, o.printed, stat)}` : '');

export function trainingReading(section: SectionOf<'training'>, s: TrainingSection, r: Results): string[] {
  const [oTrain, oTest] = section.original;
  const out = [
    `Training accuracy as Keras prints it (the running mean over the last epoch) is ${pm(s.train_accuracy)}.${versus(oTrain, s.train_accuracy)}`,
    `Test accuracy is ${pm(s.test_accuracy)} over ${s.test_accuracy.n} seeds.${versus(oTest, s.test_accuracy)}`,
  ];
  const gap = s.train_accuracy_eval.mean - s.test_accuracy.mean;
  const runVsEval = s.train_accuracy_eval.mean - s.train_accuracy.mean;
  out.push(
    `Evaluated after training on the whole training set, the final weights score ${pm(s.train_accuracy_eval)}, ` +
      `${Math.abs(runVsEval) < 0.0005 ? 'about the same as' : `${higherLower(runVsEval, 2, ['above', 'below'])}`} the running figure` +
      `${runVsEval > 0 ? ', which averages over weights that were still improving during the epoch' : ''}. ` +
      `The gap between training and test accuracy is ${(gap * 100).toFixed(2)} points.`,
  );
  const loss = meanCurve(s, 'test_loss');
  const best = loss.indexOf(Math.min(...loss));
  const rise = loss[loss.length - 1] / loss[best] - 1;
  // Only a clear rise (10% or more) is worth a sentence; smaller wiggles are epoch-to-epoch noise.
  if (loss.length > 2 && rise >= 0.1) {
    const acc = meanCurve(s, 'test_accuracy');
    const drop = acc[best] - acc[acc.length - 1];
    out.push(
      `The mean test loss is lowest after epoch ${best + 1} (${loss[best].toFixed(4)}) and ends ${pct(rise, 0)} higher (${loss[loss.length - 1].toFixed(4)}), ` +
        `while test accuracy moves from ${pct(acc[best])} to ${pct(acc[acc.length - 1])}: the model grows more confident on the images it gets wrong ` +
        `${drop <= s.test_accuracy.std ? 'without losing accuracy' : `and loses ${(drop * 100).toFixed(2)} points of accuracy`}.`,
    );
  }
  if (section.baseline) {
    const small = sectionResult(r, section.baseline, 'training');
    const d = s.test_accuracy.mean - small.test_accuracy.mean;
    const sep = Math.abs(d) > 2 * Math.hypot(s.test_accuracy.std, small.test_accuracy.std) ? 'more than' : 'within';
    out.push(
      `Against the model of section ${section.baseline} (${modelLabel(r.study, small)}: ${pm(small.test_accuracy)}), the bigger model scores ${higherLower(d)} on the test set — ` +
        `${sep} twice the combined seed-to-seed spread — while its training accuracy reaches ${pct(s.train_accuracy_eval.mean)}.`,
    );
  }
  return out;
}

export function histogramReading(section: SectionOf<'histogram'>, s: HistogramSection): string[] {
  const [oCorrect, oIncorrect] = section.original;
  const st = s.incorrect_fraction_by_seed;
  const counts = `The published model gets ${num(s.correct_count)} of ${num(s.test_count)} test images right (${pct(s.correct_fraction)}) and ${num(s.incorrect_count)} wrong (${pct(s.incorrect_fraction)})`;
  if (!oCorrect || !oIncorrect) return [`${counts}; across seeds the incorrect share is ${pm(st)}.`];
  const where = agreement(oIncorrect.value, st);
  return [
    `${counts}; the original reports ${oCorrect.printed} and ${oIncorrect.printed}.`,
    `Across seeds the incorrect share is ${pm(st)}: the original’s ${oIncorrect.printed} is ${where === 'one-std' ? 'within one standard deviation of it' : where === 'two-std' ? 'within two standard deviations' : 'outside two standard deviations'}. ` +
      `A histogram of right and wrong is the same number as the test accuracy; the per-class split is what adds information.`,
  ];
}

export function crossReading(s: CrossSection): string[] {
  return [s.a, s.b].map((p, k) => {
    const d = p.test_accuracy.mean - p.chance;
    // Standard error of the mean over seeds: is the mean distinguishable from chance?
    const se = p.test_accuracy.std / Math.sqrt(Math.max(1, p.test_accuracy.n));
    const z = se > 0 ? Math.abs(d) / se : Infinity;
    return `${k === 0 ? 'A' : 'B'}: the ${p.trained_on} model scores ${pm(p.test_accuracy)} on ${p.tested_on}, ${higherLower(d)} than chance (${pct(p.chance, 0)}); ` +
      (z <= 2
        ? `that is within two standard errors of the mean over ${p.test_accuracy.n} seeds: indistinguishable from guessing.`
        : `that is more than two standard errors of the mean over ${p.test_accuracy.n} seeds: a consistent ${d > 0 ? 'excess' : 'shortfall'}, set by which of the model’s favourite answers happen to share a label number with the other dataset’s classes.`);
  }).concat([
    'A label number means a digit in one dataset and a garment in the other, so a “correct” answer here only says that the model’s favourite answers share a number with the true class. ' +
      'Per seed, ' + [s.a, s.b].map((p) => `${p.trained_on}-on-${p.tested_on} ranges from ${pct(Math.min(...p.test_accuracy.seeds.map((x) => x.value)), 1)} to ${pct(Math.max(...p.test_accuracy.seeds.map((x) => x.value)), 1)}`).join(' and ') + '.',
  ]);
}

/** Where the errors are relative to the rule's threshold and the model's switch. */
function switchSentence(s: AlphaSection): string {
  const wrong = s.images.filter((im) => !im.correct);
  const [lo, hi] = [Math.min(...s.images.map((im) => im.alpha)), Math.max(...s.images.map((im) => im.alpha))];
  const inside = wrong.filter((im) => im.alpha >= 0 && im.alpha < 1).length;
  const first = s.crossings.find((c) => c.to === s.source_labels.i1);
  const switchText = first
    ? `the model first switches to ${s.source_labels.i1} at α = ${first.alpha.toFixed(2)}, ${first.alpha > s.threshold ? 'after' : first.alpha < s.threshold ? 'before' : 'exactly at'} the rule’s ${s.threshold.toFixed(2)}`
    : `the model never predicts ${s.source_labels.i1} on this range`;
  const outside = lo < 0 || hi >= 1 ? ` ${inside} of the ${wrong.length} errors lie inside [0, 1) and ${wrong.length - inside} outside it, where pixels go below 0 or above 1.` : '';
  return `Of the ${s.images.length} blends, ${wrong.length} break the rule: ${switchText}.${outside}`;
}

export function alphaReading(section: SectionOf<'alpha'>, s: AlphaSection): string[] {
  const [orig] = section.original;
  const rp = s.random_pairs;
  if (!orig) return [`The published model scores ${pct(s.accuracy, 0)} on the blends (every seed: ${pm(s.accuracy_by_seed, 1)}). ${pairVsSeed(s)}`, switchSentence(s)];
  const seedWhere = agreement(orig.value, s.accuracy_by_seed);
  const below = rp.accuracies.filter((a) => a < orig.value).length / rp.accuracies.length;
  return [
    `On the original’s kind of pair (test images #${s.source_indices.i1}, a ${s.source_labels.i1}, and #${s.source_indices.i2}, a ${s.source_labels.i2}) the published model scores ${pct(s.accuracy, 0)}, against the original’s ${orig.printed}. ` +
      `Over every seed of the model: ${pm(s.accuracy_by_seed, 1)}; ${seedWhere === 'one-std' ? 'the original is within one standard deviation.' : seedWhere === 'two-std' ? 'the original is within two standard deviations.' : seedWhere === 'outside' ? 'the original is outside two standard deviations.' : ''}`,
    `${pairVsSeed(s)} Over ${num(rp.count)} random pairs the same experiment gives ${pct(rp.mean, 0)} on average (std ${pct(rp.std, 0)}); ` +
      `${pct(below, 0)} of pairs score below the original’s ${orig.printed}, and our pair beats ${pct(rp.percentile_of_chosen, 0)} of them.`,
    switchSentence(s),
  ];
}

export function hiddenReading(s: HiddenSection): string[] {
  const active = s.images.map((im) => im.active_units);
  const [v1, v2] = s.projection.explained_variance_ratio;
  const nc = s.projection.nearest_centre_accuracy;
  return [
    `A ${s.units}-unit hidden layer turns each image into ${s.units} non-negative numbers; for the chosen images ${Math.round(mean(active))} of them are non-zero on average (ReLU sets the rest to zero), and ${deadPhrase(s.dead_units)} zero for every test image.`,
    `Two principal components keep ${pct(v1 + v2, 1)} of the variance of these activations. Even in those two dimensions alone, assigning each image to the nearest class centre gets ${pct(nc, 0)} of the ${num(s.projection.points.length)} mapped images right (chance: 10%); ` +
      `the remaining ${s.units - 2} dimensions carry the rest of the separation the last layer uses.`,
  ];
}

/** Over- or under-confidence, from the calibration bins. */
function calibrationSentence(s: LastLayerSection): string {
  const n = s.calibration.reduce((a, b) => a + b.count, 0) || 1;
  const conf = s.calibration.reduce((a, b) => a + b.count * b.mean_confidence, 0) / n;
  const gap = conf - s.argmax_accuracy;
  const lower = s.calibration.filter((b) => b.count > 0 && b.hi <= 0.9);
  const over = lower.filter((b) => b.mean_confidence > b.accuracy).length;
  return `The probabilities are also a confidence. Averaged over the test set the top probability is ${pct(conf)} against an accuracy of ${pct(s.argmax_accuracy)}: ` +
    `${Math.abs(gap) < 0.0005 ? 'on average the model is exactly as sure as it is right' : `on average its confidence is ${higherLower(gap)} than its accuracy (${gap > 0 ? 'over' : 'under'}-confident)`}; ` +
    `the expected calibration error, which compares the two bin by bin, is ${pct(s.expected_calibration_error)}` +
    (lower.length ? `, and in ${over} of the ${lower.length} groups below 90% confidence the model is over-confident.` : '.');
}

export function lastLayerReading(s: LastLayerSection): string[] {
  return [
    `The argmax of the ten probabilities matches the true label for ${pct(s.argmax_accuracy)} of the ${num(s.test_count)} test images; evaluate reports ${pct(s.evaluate_accuracy)} (loss ${s.evaluate_loss.toFixed(4)}). ` +
      (s.equal ? 'They are equal, as the original found: evaluate’s accuracy is exactly this argmax comparison.' : 'They are not exactly equal.'),
    calibrationSentence(s),
  ];
}
