/** Figures for section 5: a model shown the other dataset. */
import type { CrossPart } from '../../../schema/results';
import { figure, specs, type Figure } from '../charts';
import { num, pct } from '../../../core/format';

/** Column sums of the counts: how often the model predicts each of its classes. */
function predictedShares(p: CrossPart): { name: string; share: number }[] {
  const total = p.counts.flat().reduce((a, b) => a + b, 0) || 1;
  return p.model_class_names.map((name, j) => ({ name, share: p.counts.reduce((a, row) => a + row[j], 0) / total }));
}

export async function crossHeatmap(key: string, p: CrossPart): Promise<Figure> {
  const cells = p.counts.flatMap((row, t) => {
    const total = row.reduce((a, b) => a + b, 0) || 1;
    return row.map((c, j) => ({ row: p.tested_class_names[t], col: p.model_class_names[j], value: c / total, text: c ? String(c) : '' }));
  });
  const top = predictedShares(p).sort((a, b) => b.share - a.share);
  const spec = specs.heatmap({
    cells, rows: p.tested_class_names, cols: p.model_class_names,
    rowTitle: `true class (${p.tested_on})`, colTitle: `predicted class (the ${p.trained_on} model’s)`,
    legendTitle: 'share of the true class', width: 380, height: 380,
  });
  return figure(`5-${key}-heatmap`, spec, {
    label: `Which ${p.trained_on} class the ${p.model} model predicts for each true ${p.tested_on} class.`,
    caption: `Rows: the true ${p.tested_on} class; columns: the ${p.trained_on} class the model answers. ` +
      `The model answers “${top[0].name}” for ${pct(top[0].share, 1)} of all images and “${top[1].name}” for ${pct(top[1].share, 1)}; ` +
      `only the diagonal counts as “correct”, and its meaning is an accident of the label numbering.`,
    table: { columns: [`true \\ predicted`, ...p.model_class_names], rows: p.counts.map((row, t) => [p.tested_class_names[t], ...row]) },
  });
}

export async function chanceFigure(parts: { key: string; part: CrossPart }[]): Promise<Figure> {
  const rows = parts.flatMap(({ key, part }) =>
    part.test_accuracy.seeds.map((x) => ({ category: `${key.toUpperCase()}: ${part.model} on ${part.tested_on}`, value: x.value, seed: x.seed })),
  );
  const chance = parts[0].part.chance;
  const hi = Math.max(chance * 2, ...rows.map((r) => r.value)) + 0.02;
  const spec = specs.dots({
    rows, categoryTitle: '', valueTitle: 'accuracy on the other dataset (one dot per seed)', format: '.0%',
    domain: [0, Math.min(1, hi)], rule: { value: chance, label: `chance ${pct(chance, 0)}` }, height: 130,
  });
  return figure('5-chance', spec, {
    label: `Accuracy of each seed on the other dataset against chance (${pct(chance, 0)}).`,
    caption: parts.map(({ key, part }) => `${key.toUpperCase()}: ${pct(part.test_accuracy.mean, 1)} mean over ${part.test_accuracy.n} seeds (from ${pct(Math.min(...part.test_accuracy.seeds.map((s) => s.value)), 1)} to ${pct(Math.max(...part.test_accuracy.seeds.map((s) => s.value)), 1)})`).join('; ') +
      `. Chance — guessing uniformly among ten classes — is ${pct(chance, 0)}.`,
    table: {
      columns: ['part', 'seed', 'accuracy'],
      rows: rows.map((r) => [r.category, r.seed, pct(r.value)]),
      numeric: [1, 2],
    },
  });
}

export function countTotal(p: CrossPart): string {
  return num(p.counts.flat().reduce((a, b) => a + b, 0));
}
