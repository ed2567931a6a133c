/**
 * Every sentence the site says about a section's results, in one place: "What it means" on each section
 * page, and each section's row of the home page's table (original, ours, reading). The results files hold
 * numbers only; every comparison, direction and judgement below follows from the numbers passed in.
 */
import type { AlphaSection, CrossSection, FactorialSection, HiddenSection, HistogramSection, LastLayerSection, SectionFile, TrainingSection } from '../../schema/results';
import type { OriginalFigure, SectionOf, SectionSpec } from '../../schema/study';
import { higherLower, num, pct, pm } from '../../core/format';
import { mean } from '../../core/stats';
import { agreement, compareSentence, pairVsSeed } from './sentences';
import { modelLabel } from './sections';
import { deadPhrase } from './figures/hidden';
import { meanCurve } from './figures/training';
import { sectionResult, type Results } from './results';

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

type Factor = FactorialSection['factors'][number]['name'];
type Cell = FactorialSection['cells'][number];
type Effect = FactorialSection['effects'][number];

/** How the reading names a change of each factor. */
export const FACTOR_LABELS: Record<Factor, string> = { units: 'width', epochs: 'training longer' };

const FACTOR_WORDS: Record<Factor, (level: number) => string> = {
  units: (n) => `${num(n)} hidden units`,
  epochs: (n) => `${num(n)} epoch${n === 1 ? '' : 's'}`,
};

/** Points with a sign and their standard error: "+0.52 ± 0.06 points". */
const pointsSe = (e: Effect) => `${e.estimate >= 0 ? '+' : '−'}${Math.abs(e.estimate * 100).toFixed(2)} ± ${(e.se * 100).toFixed(2)} points`;
/** Clear when the estimate is more than two standard errors from zero (about 95% for a normal error). */
const clear = (e: Effect) => e.se === 0 ? e.estimate !== 0 : Math.abs(e.estimate) > 2 * e.se;

/** The reading in words, computed from the cells and effects only. */
export function factorialReading(file: Pick<FactorialSection, 'factors' | 'cells' | 'effects'>): string[] {
  const [fa, fb] = file.factors.map((f) => ({ ...f, label: FACTOR_LABELS[f.name] }));
  const find = (id: Effect['id'], factor: Factor | null) => file.effects.find((e) => e.id === id && e.factor === factor) as Effect;
  const total = find('total', null);
  const [simpleA, simpleB, mainA, mainB] = [find('simple', fa.name), find('simple', fb.name), find('main', fa.name), find('main', fb.name)];
  const interaction = find('interaction', null);
  const word = (f: typeof fa, k: 0 | 1) => FACTOR_WORDS[f.name](f.levels[k]);
  const cell = (a: 0 | 1, b: 0 | 1) => file.cells.find((c) => c.levels[0] === fa.levels[a] && c.levels[1] === fb.levels[b]) as Cell;
  const out = [
    `From ${word(fa, 0)} and ${word(fb, 0)} to ${word(fa, 1)} and ${word(fb, 1)} — both changes at once, as the original made them — test accuracy moves by ${pointsSe(total)} (difference of the means over seeds ± its standard error).`,
    `One change at a time: ${word(fa, 1)} with ${word(fb, 0)} gives ${pointsSe(simpleA)}; ${word(fb, 1)} with ${word(fa, 0)} gives ${pointsSe(simpleB)}.`,
  ];
  if (!clear(total)) {
    out.push(`The whole gain is within two standard errors of zero, so there is no clear gain to split between the two changes: averaged over the other setting, ${fa.label} changes test accuracy by ${pointsSe(mainA)} and ${fb.label} by ${pointsSe(mainB)}.`);
  } else {
    const share = (e: Effect) => Math.round((e.estimate / total.estimate) * 100);
    const verdict = (e: Effect, label: string) => (clear(e) ? `${label} ${e.estimate > 0 ? 'helps' : 'hurts'} clearly` : `${label} has no clear effect`);
    out.push(
      `Averaged over the other setting, ${fa.label} ${mainA.estimate >= 0 ? 'adds' : 'changes test accuracy by'} ${pointsSe(mainA)} and ${fb.label} ${pointsSe(mainB)}. ` +
        `These two main effects add up to the whole gain, so ${fa.label} account${fa.label.endsWith('s') ? '' : 's'} for about ${share(mainA)}% of it and ${fb.label} for about ${share(mainB)}%: ${verdict(mainA, fa.label)}, ${verdict(mainB, fb.label)}.`,
    );
  }
  out.push(
    clear(interaction)
      ? `The interaction (${pointsSe(interaction)}) is clear: each change ${interaction.estimate > 0 ? 'helps more' : 'helps less'} when the other is made too, so the split above is an average over two different situations.`
      : `The interaction (${pointsSe(interaction)}) is within two standard errors of zero: on these seeds the two changes simply add up.`,
  );
  const gaps = file.cells.map((c) => ({ c, gap: c.train_accuracy_eval.mean - c.test_accuracy.mean }));
  const widest = gaps.reduce((a, b) => (b.gap > a.gap ? b : a));
  const narrowest = gaps.reduce((a, b) => (b.gap < a.gap ? b : a));
  const label = (c: Cell) => `${FACTOR_WORDS[fa.name](c.levels[0])} and ${FACTOR_WORDS[fb.name](c.levels[1])}`;
  out.push(
    `Over-fitting: the gap between accuracy on the training set (final weights) and on the test set is widest for ${label(widest.c)} (${(widest.gap * 100).toFixed(2)} points, training ${pm(widest.c.train_accuracy_eval)}) ` +
      `and narrowest for ${label(narrowest.c)} (${(narrowest.gap * 100).toFixed(2)} points).` +
      (cell(1, 1) === widest.c || cell(0, 1) === widest.c ? ` Longer training fits the training set more closely than it improves the test set.` : ''),
  );
  return out;
}

/** The α sections' ground truth in words. */
export function alphaRule(s: Pick<AlphaSection, 'source_labels' | 'threshold'>): string {
  return `The true label is '${s.source_labels.i1}' (I1's) when α ≥ ${s.threshold}, otherwise '${s.source_labels.i2}' (I2's).`;
}

/** A section's row of the home page's table: the original's result, ours, and one sentence between them. */
export interface SummaryReading {
  original: string;
  ours: string;
  reading: string;
}

/** The original's result as the declaration words it: its printed figures, or its words where it printed none. */
const originalWords = (section: SectionSpec) => section.originalWords ?? (section.original.map((o) => o.printed).join(', ') || '–');

/** A seed statistic of 1 − x (the correct share from the incorrect share). */
const complement = (s: TrainingSection['test_accuracy']) => ({ ...s, mean: 1 - s.mean, seeds: s.seeds.map((x) => ({ seed: x.seed, value: 1 - x.value })) });

export function summaryReading(section: SectionSpec, file: SectionFile): SummaryReading {
  const original = originalWords(section);
  switch (file.kind) {
    case 'training': {
      const [oTrain, oTest] = section.original;
      return {
        original: oTrain && oTest ? `train ${oTrain.printed}, test ${oTest.printed}` : original,
        ours: `train ${pm(file.train_accuracy)}, test ${pm(file.test_accuracy)}`,
        reading: oTest ? compareSentence(oTest.value, `test ${oTest.printed}`, file.test_accuracy) : `Test accuracy ${pm(file.test_accuracy)}.`,
      };
    }
    case 'histogram': {
      const correct = complement(file.incorrect_fraction_by_seed);
      const [oCorrect, oIncorrect] = section.original;
      return {
        original: oCorrect && oIncorrect ? `${oCorrect.printed} correct, ${oIncorrect.printed} incorrect` : original,
        ours: `${pm(correct)} correct`,
        reading: oCorrect ? compareSentence(oCorrect.value, oCorrect.printed, correct) : `${pm(correct)} of test images are classified correctly.`,
      };
    }
    case 'cross': {
      const { a, b } = file;
      return {
        original,
        ours: `A ${pm(a.test_accuracy, 1)}, B ${pm(b.test_accuracy, 1)}`,
        reading: `Chance is ${pct(a.chance, 0)}: A is ${higherLower(a.test_accuracy.mean - a.chance, 1)}, B ${higherLower(b.test_accuracy.mean - b.chance, 1)}.`,
      };
    }
    case 'alpha': {
      const o = section.original[0];
      return {
        original: o?.printed ?? original,
        ours: `${pm(file.accuracy_by_seed, 1)} (this pair); ${pct(file.random_pairs.mean, 0)} over ${num(file.random_pairs.count)} random pairs`,
        reading: `${o ? `${compareSentence(o.value, o.printed, file.accuracy_by_seed)} ` : ''}${pairVsSeed(file)}`,
      };
    }
    case 'hidden':
      return {
        original,
        ours: `${file.units} units, ${file.dead_units} never active; PCA map of ${num(file.projection.points.length)} images`,
        reading: `Two components alone place ${pct(file.projection.nearest_centre_accuracy, 0)} of images nearest their own class centre (chance 10%).`,
      };
    case 'last-layer':
      return {
        original,
        ours: `${pct(file.argmax_accuracy)} and ${pct(file.evaluate_accuracy)}`,
        reading: file.equal ? 'Equal, as in the original.' : `Not equal: they differ by ${Math.abs(file.argmax_accuracy - file.evaluate_accuracy).toExponential(1)}.`,
      };
    case 'factorial': {
      const [fa, fb] = file.factors;
      const effect = (id: Effect['id'], factor: Factor | null) => file.effects.find((e) => e.id === id && e.factor === factor) as Effect;
      const reading = factorialReading(file);
      return {
        original,
        ours: `gain ${pointsSe(effect('total', null))}: ${FACTOR_LABELS[fa.name]} ${pointsSe(effect('main', fa.name))}, ${FACTOR_LABELS[fb.name]} ${pointsSe(effect('main', fb.name))}`,
        reading: reading[2] ?? reading[0],
      };
    }
  }
}
