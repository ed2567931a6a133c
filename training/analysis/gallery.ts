/**
 * The test images the live widgets re-predict: 30 per class (the first of each in test order), one raw
 * uint8 binary per dataset, and per model a JSON with the build-time predictions to compare against.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { galleryFile, type DatasetId, type GalleryFile, type ModelId } from '../../schema/results.ts';
import { CLASSES, PIXELS } from '../../core/network.ts';
import { argmax } from '../../core/stats.ts';
import type { AnalysisContext } from './context.ts';
import { probabilityRow } from '../../core/stats.ts';
import { galleryBinaryPath } from '../../core/layout.ts';

function galleryIndices(labels: Uint8Array, count: number): number[] {
  const perClass = Math.ceil(count / CLASSES);
  const taken = new Array<number>(CLASSES).fill(0);
  const out: number[] = [];
  for (let i = 0; i < labels.length && out.length < count; i++) {
    if (taken[labels[i]] < perClass) {
      taken[labels[i]]++;
      out.push(i);
    }
  }
  return out;
}

export async function writeGalleryBinary(ctx: AnalysisContext, dataset: DatasetId): Promise<string> {
  const test = ctx.test(dataset);
  const indices = galleryIndices(test.labels, ctx.study.galleryCount);
  const bytes = new Uint8Array(indices.length * PIXELS);
  indices.forEach((index, i) => bytes.set(test.dataset.test.images.subarray(index * PIXELS, (index + 1) * PIXELS), i * PIXELS));
  const file = galleryBinaryPath(dataset);
  await writeFile(join(ctx.resultsDir, file), bytes);
  return file;
}

export async function galleryFor(ctx: AnalysisContext, model: ModelId, binary: string): Promise<GalleryFile> {
  const dataset = ctx.datasetOf(model);
  const test = ctx.test(dataset);
  const indices = galleryIndices(test.labels, ctx.study.galleryCount);
  const { probabilities } = await ctx.predictions(model, dataset);
  return galleryFile.parse({
    dataset,
    model,
    binary,
    count: indices.length,
    class_names: [...test.classNames],
    items: indices.map((index) => ({ index, label: test.labels[index], predicted: argmax(probabilities, index), probabilities: probabilityRow(probabilities, index) })),
  });
}
