/** Section 7: the hidden Dense layer's outputs for named test images, and a PCA map of many of them. */
import { PCA } from 'ml-pca';
import { hiddenSection, type HiddenSection, type ModelId } from '../../schema/results.ts';
import { argmax } from '../../trainer/inference.ts';
import type { AnalysisContext } from './context.ts';

export async function hiddenSectionFile(ctx: AnalysisContext, model: ModelId, indices: number[], projectionCount: number): Promise<HiddenSection> {
  const dataset = ctx.datasetOf(model);
  const test = ctx.tests[dataset];
  const units = ctx.study.models[model].units;
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

  return hiddenSection.parse({
    kind: 'hidden',
    model,
    published_seed: ctx.publishedSeed(model),
    units,
    images,
    projection: {
      method: 'pca',
      explained_variance_ratio: [variance[0], variance[1]],
      points: projected.map(([x, y], i) => ({ index: i, x: Number(x.toFixed(4)), y: Number(y.toFixed(4)), label: test.labels[i], predicted: argmax(probabilities, i) })),
    },
    dead_units: dead,
  });
}
