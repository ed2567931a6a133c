/** Figures for section 4: correct vs incorrect, and where the incorrect ones fall. */
import type { HistogramSection } from '../../../schema/results';
import { COLORS, figure, specs, type Figure } from '../charts';
import { num, pct } from '../../../core/format';

export async function correctFigure(s: HistogramSection): Promise<Figure> {
  const rows = [
    { category: 'correct', value: s.correct_count, group: 'correct' },
    { category: 'incorrect', value: s.incorrect_count, group: 'incorrect' },
  ];
  const spec = specs.bars({
    rows, categoryTitle: 'prediction', valueTitle: 'test images', sort: ['correct', 'incorrect'],
    groupColors: COLORS, width: 260, height: 240, labels: true, legend: false,
  });
  return figure('4-correct', spec, {
    label: `${num(s.correct_count)} of ${num(s.test_count)} test images (${pct(s.correct_fraction)}) are predicted correctly and ${num(s.incorrect_count)} (${pct(s.incorrect_fraction)}) incorrectly.`,
    caption: `The original’s histogram, redrawn: ${num(s.correct_count)} correct (${pct(s.correct_fraction)}) against ${num(s.incorrect_count)} incorrect (${pct(s.incorrect_fraction)}), published seed ${s.published_seed}.`,
    table: {
      columns: ['prediction', 'test images', 'share'],
      rows: [['correct', num(s.correct_count), pct(s.correct_fraction)], ['incorrect', num(s.incorrect_count), pct(s.incorrect_fraction)]],
    },
  });
}

export async function perClassErrorsFigure(s: HistogramSection): Promise<Figure> {
  const rows = s.per_class.map((c) => ({ category: c.name, value: c.incorrect }));
  const worst = [...s.per_class].sort((a, b) => b.incorrect - a.incorrect);
  const spec = specs.bars({
    rows, categoryTitle: 'true class', valueTitle: 'incorrect predictions', horizontal: true,
    sort: s.per_class.map((c) => c.name), width: 380, height: 260, labels: true,
  });
  const rate = (c: (typeof s.per_class)[number]) => c.incorrect / Math.max(1, c.correct + c.incorrect);
  return figure('4-per-class', spec, {
    label: `Incorrect test predictions per true class; most for ${worst[0].name} (${worst[0].incorrect}), fewest for ${worst.at(-1)!.name} (${worst.at(-1)!.incorrect}).`,
    caption: `Where the ${num(s.incorrect_count)} errors fall, by the true class of the image. ` +
      `The highest error rate is ${worst.map((c) => ({ c, r: rate(c) })).sort((a, b) => b.r - a.r)[0].c.name}’s.`,
    table: {
      columns: ['true class', 'correct', 'incorrect', 'error rate'],
      rows: s.per_class.map((c) => [c.name, num(c.correct), num(c.incorrect), pct(rate(c))]),
    },
  });
}

export async function seedErrorsFigure(s: HistogramSection): Promise<Figure> {
  const st = s.incorrect_fraction_by_seed;
  const rows = st.seeds.map((x) => ({ category: `seed ${x.seed}${x.seed === s.published_seed ? ' (published)' : ''}`, value: x.value }));
  const spec = specs.dots({
    rows, categoryTitle: 'seed', valueTitle: 'incorrect share of the test set', format: '.2%',
    rule: { value: st.mean, label: `mean ${pct(st.mean)}` },
  });
  return figure('4-seeds', spec, {
    label: `Incorrect share of the test set for each of ${st.n} seeds, mean ${pct(st.mean)}.`,
    caption: `The same count for every seed of the model: the published seed’s ${pct(s.incorrect_fraction)} against a mean of ${pct(st.mean)} (std ${pct(st.std)}).`,
    table: { columns: ['seed', 'incorrect share'], rows: st.seeds.map((x) => [x.seed, pct(x.value)]) },
  });
}
