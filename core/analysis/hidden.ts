/** Kind "hidden", numbers only: the hidden Dense layer's outputs for named test images, and a PCA map of many of them. */
import { PCA } from 'ml-pca';
import type { HiddenSection } from '../../schema/results.ts';
import { modelOf, type SectionOf } from '../../schema/study.ts';
import { CLASSES } from '../network.ts';
import { argmax, mean } from '../stats.ts';
import type { AnalysisInputs } from './inputs.ts';

export async function compute(inputs: AnalysisInputs, { model, images: indices, projectionCount }: SectionOf<'hidden'>): Promise<HiddenSection> {
  const { dataset, units } = modelOf(inputs.study, model);
  const test = inputs.test(dataset);
  const { probabilities, hidden } = await inputs.predictions(model, dataset);
  if (!hidden) throw new Error(`The predictions of ${model} on ${dataset} carry no hidden activations; ask for them.`);
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
  return {
    kind: 'hidden',
    model,
    published_seed: inputs.publishedSeed(model),
    units,
    images,
    projection: {
      method: 'pca',
      explained_variance_ratio: [variance[0], variance[1]],
      points,
      nearest_centre_accuracy: nearestCentreAccuracy(points),
    },
    dead_units: dead,
  };
}

/** Share of points whose nearest class centre (in the 2-D map) is their own class. */
function nearestCentreAccuracy(points: HiddenSection['projection']['points']): number {
  const centres = Array.from({ length: CLASSES }, (_, c) => {
    const own = points.filter((p) => p.label === c);
    return own.length ? { x: mean(own.map((p) => p.x)), y: mean(own.map((p) => p.y)) } : { x: Infinity, y: Infinity };
  });
  const hits = points.filter((p) => {
    const d = centres.map((c) => (c.x - p.x) ** 2 + (c.y - p.y) ** 2);
    return d.indexOf(Math.min(...d)) === p.label;
  }).length;
  return hits / Math.max(1, points.length);
}
