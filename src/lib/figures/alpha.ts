/** Figures for sections 6 and 9: probabilities over α, the rule against the model, random pairs. */
import type { AlphaSection } from '../../../schema/results';
import { CLASS_COLORS, COLORS, figure, responsiveFigure, specs, type Figure } from '../charts';
import { fixed, num, pct } from '../../../core/format';
import { alphaRule } from '../readings';

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
const a2 = (a: number) => fixed(a);

/** Classes whose probability ever reaches 2% somewhere on the α range (the others stay flat near 0). */
function visibleClasses(s: AlphaSection): number[] {
  return DIGITS.map((_, c) => c).filter((c) => s.images.some((im) => im.probabilities[c] >= 0.02));
}

/** Where the model's prediction first switches to the rule's "high-α" label, if it does. */
function describeCrossings(s: AlphaSection): string {
  if (s.crossings.length === 0) return `The model predicts the same digit, ${s.images[0]?.predicted}, for every α.`;
  const parts = s.crossings.map((c) => `from ${c.from} to ${c.to} at α = ${a2(c.alpha)}`);
  return `The prediction changes ${s.crossings.length === 1 ? 'once' : `${s.crossings.length} times`}: ${parts.join(', ')}; the rule switches at α = ${a2(s.threshold)}.`;
}

export async function probabilityFigure(id: string, s: AlphaSection): Promise<Figure> {
  const classes = visibleClasses(s);
  const rows = s.images.flatMap((im) => classes.map((c) => ({ x: im.alpha, y: im.probabilities[c], series: `P(${c})`, run: 'mean' })));
  const spec = (width: number) => specs.curves({
    rows, xTitle: 'α', yTitle: 'probability', yFormat: '.0%', yDomain: [0, 1],
    seriesColors: Object.fromEntries(classes.map((c) => [`P(${c})`, CLASS_COLORS[c]])),
    xRules: [{ value: s.threshold, label: `rule: ${s.source_labels.i1} from α = ${a2(s.threshold)}`, color: '#666666' }],
    legendColumns: Math.min(classes.length, width < 500 ? 5 : 10), width, height: width < 500 ? 220 : 280, xFormat: '.1f',
  });
  return responsiveFigure(`${id}-probabilities`, spec, { wide: 820, narrow: 330 }, {
    label: `Class probabilities of the ${s.images.length} blended images as α goes from ${a2(s.alpha_range[0])} to ${a2(s.alpha_range[1])}.`,
    caption: `The model’s probability for each digit along the blend (digits that never reach 2% are left out). ${describeCrossings(s)}`,
    table: {
      columns: ['α', 'rule says', 'model says', ...classes.map((c) => `P(${c})`)],
      rows: s.images.map((im) => [a2(im.alpha), im.truth, im.predicted, ...classes.map((c) => pct(im.probabilities[c], 1))]),
    },
  });
}

export async function ruleStripFigure(id: string, s: AlphaSection): Promise<Figure> {
  const step = s.images.length > 1 ? s.images[1].alpha - s.images[0].alpha : 0.01;
  const lanes = ['rule', 'model'];
  const segments = s.images.flatMap((im) => [
    { x: im.alpha, x2: im.alpha + step, lane: 'rule', cls: String(im.truth) },
    { x: im.alpha, x2: im.alpha + step, lane: 'model', cls: String(im.predicted) },
  ]);
  const used = [...new Set(segments.map((g) => Number(g.cls)))].sort();
  const spec = (width: number) => specs.strip({
    segments, lanes, classes: used.map(String), colors: used.map((c) => CLASS_COLORS[c]), xTitle: 'α', height: 64, width,
    xRules: [{ value: s.threshold, label: 'rule threshold' }],
  });
  const wrong = s.images.filter((im) => !im.correct);
  return responsiveFigure(`${id}-strip`, spec, { wide: 820, narrow: 330 }, {
    label: `The rule’s label and the model’s prediction for each α: they agree on ${s.images.length - wrong.length} of ${s.images.length} images.`,
    caption: `Top lane: the label the rule “${alphaRule(s)}” gives; bottom lane: the model’s prediction. Where the colours differ the image counts as wrong: ${wrong.length} of ${s.images.length}, so the accuracy is ${pct(s.accuracy, 0)}.`,
    table: {
      columns: ['α', 'rule', 'model', 'counted as'],
      rows: s.images.map((im) => [a2(im.alpha), im.truth, im.predicted, im.correct ? 'correct' : 'wrong']),
    },
  });
}

export async function randomPairsFigure(id: string, s: AlphaSection, original?: number): Promise<Figure> {
  const rp = s.random_pairs;
  const marks: { value: number; label: string; color: string }[] = [{ value: s.accuracy, label: `this pair ${pct(s.accuracy, 0)}`, color: COLORS.highlight }];
  if (original !== undefined) marks.push({ value: original, label: `original ${pct(original, 0)}`, color: '#666666' });
  const spec = specs.histogram({ values: rp.accuracies, xTitle: 'accuracy of a random pair', step: 0.02, extent: [0, 1.02], format: '.0%', marks });
  const lo = Math.min(...rp.accuracies);
  const hi = Math.max(...rp.accuracies);
  return figure(`${id}-random-pairs`, spec, {
    label: `Accuracy of the same experiment over ${num(rp.count)} random pairs of a test '${s.source_labels.i1}' and a test '${s.source_labels.i2}'.`,
    caption: `The same 100-image experiment for ${num(rp.count)} random (${s.source_labels.i1}, ${s.source_labels.i2}) pairs of test images (generator seed ${rp.rng_seed}): ` +
      `mean ${pct(rp.mean, 1)}, std ${pct(rp.std, 1)}, range ${pct(lo, 0)}–${pct(hi, 0)}. ` +
      `The chosen pair scores ${pct(s.accuracy, 0)}, above ${pct(rp.percentile_of_chosen, 0)} of the random pairs.`,
    table: {
      columns: ['accuracy bin', 'pairs'],
      rows: Array.from({ length: 51 }, (_, i) => i * 0.02)
        .map((b) => [`${pct(b, 0)}–${pct(b + 0.02, 0)}`, rp.accuracies.filter((a) => a >= b - 1e-9 && a < b + 0.02 - 1e-9).length] as [string, number])
        .filter(([, n]) => n > 0),
    },
  });
}

export async function seedsFigure(id: string, s: AlphaSection, original?: number): Promise<Figure> {
  const st = s.accuracy_by_seed;
  const rows = st.seeds.map((x) => ({ category: `seed ${x.seed}${x.seed === s.published_seed ? ' (published)' : ''}`, value: x.value }));
  const spec = specs.dots({
    rows, categoryTitle: '', valueTitle: 'accuracy on the 100 blends', format: '.0%', domain: [0, 1],
    ...(original !== undefined ? { rule: { value: original, label: `original ${pct(original, 0)}` } } : {}),
  });
  return figure(`${id}-seeds`, spec, {
    label: `Accuracy on the same 100 blends for each of ${st.n} seeds of the model.`,
    caption: `Same pair, same rule, every trained seed of the model: mean ${pct(st.mean, 1)} (std ${pct(st.std, 1)}).`,
    table: { columns: ['seed', 'accuracy'], rows: st.seeds.map((x) => [x.seed, pct(x.value, 0)]) },
  });
}
