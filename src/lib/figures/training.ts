/** Figures for sections 1–3: learning curves, confusion matrix, per-class accuracy. */
import type { TrainingSection } from '../../../schema/results';
import { COLORS, figure, specs, type Figure } from '../charts';
import { num, pct } from '../../../core/format';

type Metric = 'accuracy' | 'loss';

/** Per-epoch mean over seeds of one history field. */
export function meanCurve(s: TrainingSection, field: 'train_loss' | 'train_accuracy' | 'test_loss' | 'test_accuracy'): number[] {
  const epochs = Math.max(...s.runs.map((r) => r.history.length));
  return Array.from({ length: epochs }, (_, i) => {
    const v = s.runs.map((r) => r.history[i]?.[field]).filter((x): x is number => x !== undefined);
    return v.reduce((a, b) => a + b, 0) / v.length;
  });
}

export async function curveFigure(id: string, s: TrainingSection, metric: Metric): Promise<Figure> {
  const trainName = 'train (running mean)';
  const fields = { train: `train_${metric}`, test: `test_${metric}` } as const;
  const rows: { x: number; y: number; series: string; run: string }[] = [];
  for (const run of s.runs) {
    for (const h of run.history) {
      rows.push({ x: h.epoch, y: h[fields.train], series: trainName, run: String(run.seed) });
      rows.push({ x: h.epoch, y: h[fields.test], series: 'test', run: String(run.seed) });
    }
  }
  const meanTrain = meanCurve(s, fields.train);
  const meanTest = meanCurve(s, fields.test);
  meanTrain.forEach((y, i) => rows.push({ x: i + 1, y, series: trainName, run: 'mean' }));
  meanTest.forEach((y, i) => rows.push({ x: i + 1, y, series: 'test', run: 'mean' }));
  const fmt = (v: number) => (metric === 'accuracy' ? pct(v) : v.toFixed(4));
  const last = meanTest.length - 1;
  const best = metric === 'loss' ? meanTest.indexOf(Math.min(...meanTest)) : meanTest.indexOf(Math.max(...meanTest));
  const spec = specs.curves({
    rows, xTitle: 'epoch', yTitle: metric, yFormat: metric === 'accuracy' ? '.1%' : '.2f',
    seriesColors: { [trainName]: COLORS.train, test: COLORS.test },
  });
  return figure(`${id}-${metric}`, spec, {
    label: `Train and test ${metric} per epoch for ${s.runs.length} seeds of ${s.model}, with their mean.`,
    caption:
      `${metric === 'accuracy' ? 'Accuracy' : 'Loss'} per epoch: each thin line is one seed, the thick line their mean. ` +
      `After the last epoch the mean test ${metric} is ${fmt(meanTest[last])}; its ${metric === 'loss' ? 'lowest' : 'highest'} ` +
      `value, ${fmt(meanTest[best])}, comes at epoch ${best + 1}.`,
    table: {
      columns: ['epoch', `train ${metric} (mean)`, `test ${metric} (mean)`],
      rows: meanTest.map((t, i) => [i + 1, fmt(meanTrain[i]), fmt(t)]),
    },
  });
}

export async function confusionFigure(id: string, s: TrainingSection): Promise<Figure> {
  const names = s.class_names;
  const cells = s.confusion.flatMap((row, t) => {
    const total = row.reduce((a, b) => a + b, 0) || 1;
    return row.map((count, p) => ({ row: names[t], col: names[p], value: count / total, text: count ? String(count) : '' }));
  });
  const offDiag = s.confusion.flatMap((row, t) => row.map((c, p) => ({ t, p, c }))).filter((x) => x.t !== x.p);
  const worst = offDiag.sort((a, b) => b.c - a.c).slice(0, 3);
  const spec = specs.heatmap({
    cells, rows: names, cols: names, rowTitle: 'true class', colTitle: 'predicted class', legendTitle: 'share of the true class',
    width: 380, height: 380,
  });
  return figure(`${id}-confusion`, spec, {
    label: `Confusion matrix of the published model (seed ${s.published_seed}) on the ${num(s.confusion.flat().reduce((a, b) => a + b, 0))} test images.`,
    caption:
      `Rows are the true class, columns the prediction; the numbers are counts and the colour is the share of the row. ` +
      `The most frequent confusions: ${worst.map((w) => `${names[w.t]} taken for ${names[w.p]} (${w.c})`).join(', ')}.`,
    table: {
      columns: ['true \\ predicted', ...names],
      rows: s.confusion.map((row, t) => [names[t], ...row]),
    },
  });
}

export async function perClassFigure(id: string, s: TrainingSection): Promise<Figure> {
  const total = s.confusion.flat().reduce((a, b) => a + b, 0);
  const overall = s.confusion.reduce((a, row, i) => a + row[i], 0) / total;
  const rows = s.per_class_accuracy.map((v, i) => ({ category: s.class_names[i], value: v }));
  const lo = Math.min(...s.per_class_accuracy);
  const worst = rows.reduce((a, b) => (b.value < a.value ? b : a));
  const best = rows.reduce((a, b) => (b.value > a.value ? b : a));
  const spec = specs.dots({
    rows, categoryTitle: 'true class', valueTitle: 'test accuracy of the class', format: '.0%',
    domain: [Math.max(0, Math.floor((lo - 0.01) * 50) / 50), 1], sort: s.class_names,
    rule: { value: overall, label: `all classes ${pct(overall, 1)}` },
  });
  return figure(`${id}-per-class`, spec, {
    label: `Test accuracy per class of the published model, from ${pct(worst.value)} (${worst.category}) to ${pct(best.value)} (${best.category}).`,
    caption: `Accuracy within each true class for the published seed; the dashed line is the accuracy over all classes. ` +
      `Hardest: ${worst.category} (${pct(worst.value)}); easiest: ${best.category} (${pct(best.value)}).`,
    table: { columns: ['class', 'test accuracy'], rows: rows.map((r) => [r.category, pct(r.value)]) },
  });
}
