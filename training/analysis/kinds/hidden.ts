/** Kind "hidden": the hidden Dense layer's outputs for named test images, and a PCA map of many of them. */
import { PCA } from 'ml-pca';
import { hiddenSection, type HiddenSection, type SectionFile, type SummaryRow } from '../../../schema/results.ts';
import { modelOf, type SectionOf } from '../../../schema/study.ts';
import { num, pct } from '../../../src/lib/format.ts';
import { argmax } from '../../../trainer/inference.ts';
import type { AnalysisContext } from '../context.ts';
import type { SectionKindModule } from '../section-kind.ts';
import { expectKind, rowStart } from '../section-kind.ts';
import { mean } from '../stats.ts';

async function analyse(ctx: AnalysisContext, { model, images: indices, projectionCount }: SectionOf<'hidden'>): Promise<HiddenSection> {
  const dataset = ctx.datasetOf(model);
  const test = ctx.tests[dataset];
  const units = modelOf(ctx.study, model).units;
  const { probabilities, hidden } = await ctx.predictions(model, dataset);
  if (!hidden) throw new Error('hidden activations were not computed');
  const row = (i: number) => Array.from(hidden.subarray(i * units, (i + 1) * units));

  const images = indices.map((index) => {
    const activations = row(index).map((v) => Number(v.toFixed(5)));
    return { index, label: test.labels[index], predicted: argmax(probabilities, index), activations, active_units: activations.filter((v) => v > 0).length };
  });

  const count = Math.min(projectionCount, test.count);
  const rows = Array.from({ length: count }, (_, i) => row(i));
  const pca = new PCA(rows, { method: 'covarianceMatrix', center: true, scale: false });
  const projected = pca.predict(rows, { nComponents: 2 }).to2DArray();
  const variance = pca.getExplainedVariance();

  let dead = 0;
  for (let u = 0; u < units; u++) {
    let alive = false;
    for (let i = 0; i < test.count && !alive; i++) alive = hidden[i * units + u] > 0;
    if (!alive) dead++;
  }

  const points = projected.map(([x, y], i) => ({ index: i, x: Number(x.toFixed(4)), y: Number(y.toFixed(4)), label: test.labels[i], predicted: argmax(probabilities, i) }));
  return hiddenSection.parse({
    kind: 'hidden',
    model,
    published_seed: ctx.publishedSeed(model),
    units,
    images,
    projection: {
      method: 'pca',
      explained_variance_ratio: [variance[0], variance[1]],
      points,
      nearest_centre_accuracy: nearestCentreAccuracy(points),
    },
    dead_units: dead,
  });
}

/** Share of points whose nearest class centre (in the 2-D map) is their own class. */
export function nearestCentreAccuracy(points: HiddenSection['projection']['points']): number {
  const centres = Array.from({ length: 10 }, (_, c) => {
    const own = points.filter((p) => p.label === c);
    return own.length ? { x: mean(own.map((p) => p.x)), y: mean(own.map((p) => p.y)) } : { x: Infinity, y: Infinity };
  });
  const hits = points.filter((p) => {
    const d = centres.map((c) => (c.x - p.x) ** 2 + (c.y - p.y) ** 2);
    return d.indexOf(Math.min(...d)) === p.label;
  }).length;
  return hits / Math.max(1, points.length);
}

function summarise(file: SectionFile, section: SectionOf<'hidden'>): SummaryRow {
  const h = expectKind(file, 'hidden');
  return {
    ...rowStart(section),
    ours: `${h.units} units, ${h.dead_units} never active; PCA map of ${num(h.projection.points.length)} images`,
    reading: `Two components alone place ${pct(h.projection.nearest_centre_accuracy, 0)} of images nearest their own class centre (chance 10%).`,
    figures: [
      { label: 'units never active', ours: h.dead_units, original: null },
      { label: 'PCA nearest-centre accuracy', ours: h.projection.nearest_centre_accuracy, original: null },
    ],
  };
}

export const kind: SectionKindModule<'hidden'> = { analyse, summarise };
