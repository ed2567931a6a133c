/**
 * Writes every section file, the montages, the widget galleries and summary.json into `resultsDir` from
 * the trained runs. Sections are independent: `only` limits the run to some of them.
 */
import { mkdir, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { sectionFile, summaryFile, type SectionFile, type SummaryFile } from '../../schema/results.ts';
import type { AnalysisContext } from './context.ts';
import { alphaSectionFile } from './alpha.ts';
import { galleryFor, writeGalleryBinary } from './gallery.ts';
import { hiddenSectionFile } from './hidden.ts';
import { crossSectionFile, histogramSectionFile, lastLayerSectionFile } from './probe-sections.ts';
import { trainingSectionFile } from './training-section.ts';

async function buildSection(ctx: AnalysisContext, id: string): Promise<SectionFile> {
  const spec = ctx.study.sections[id as keyof typeof ctx.study.sections];
  if (!spec) throw new Error(`Section ${id} is not in the study.`);
  switch (spec.kind) {
    case 'training':
      return trainingSectionFile(ctx, id, spec.model);
    case 'histogram':
      return histogramSectionFile(ctx, spec.model);
    case 'cross':
      return crossSectionFile(ctx, spec.a, spec.b);
    case 'alpha':
      return alphaSectionFile(ctx, id, spec);
    case 'hidden':
      return hiddenSectionFile(ctx, spec.model, spec.images, spec.projectionCount);
    case 'last-layer':
      return lastLayerSectionFile(ctx, spec.model, spec.bins);
  }
}

function summarize(sections: Map<string, SectionFile>, meta: { backend: string; trainer: string; quick: boolean }): SummaryFile {
  const out: Record<string, unknown> = {};
  for (const [id, s] of sections) {
    switch (s.kind) {
      case 'training':
        out[id] = { model: s.model, published_seed: s.published_seed, train_accuracy: s.train_accuracy, train_accuracy_eval: s.train_accuracy_eval, test_accuracy: s.test_accuracy };
        break;
      case 'histogram':
        out[id] = { model: s.model, correct_fraction: s.correct_fraction, incorrect_fraction: s.incorrect_fraction };
        break;
      case 'cross':
        out[`${id}a`] = { model: s.a.model, published_seed: s.a.published_seed, test_accuracy: s.a.test_accuracy };
        out[`${id}b`] = { model: s.b.model, published_seed: s.b.published_seed, test_accuracy: s.b.test_accuracy };
        break;
      case 'alpha':
        out[id] = {
          model: s.model,
          published_seed: s.published_seed,
          source_indices: s.source_indices,
          alphas: s.alphas,
          accuracy: s.accuracy,
          accuracy_by_seed: s.accuracy_by_seed,
          random_pairs_mean: s.random_pairs.mean,
          images: s.images.length,
        };
        break;
      case 'hidden':
        out[id] = { model: s.model, images: s.images.length, units: s.units };
        break;
      case 'last-layer':
        out[id] = { model: s.model, argmax_accuracy: s.argmax_accuracy, evaluate_accuracy: s.evaluate_accuracy, equal: s.equal };
        break;
    }
  }
  return summaryFile.parse({ ...meta, generated_at: new Date().toISOString(), sections: out });
}

export async function runAnalysis(
  ctx: AnalysisContext,
  ids: string[],
  meta: { backend: string; trainer: string },
  log: (line: string) => void,
): Promise<SummaryFile> {
  await mkdir(join(ctx.resultsDir, 'montages'), { recursive: true });
  await mkdir(join(ctx.resultsDir, 'gallery'), { recursive: true });
  const sections = new Map<string, SectionFile>();
  for (const id of ids) {
    const started = performance.now();
    const section = sectionFile.parse(await buildSection(ctx, id));
    await ctx.writeJson(`section-${id}.json`, section);
    sections.set(id, section);
    log(`section ${id} written (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
  const binaries = { digits: await writeGalleryBinary(ctx, 'digits'), fashion: await writeGalleryBinary(ctx, 'fashion') };
  for (const model of ctx.runs.keys()) {
    await ctx.writeJson(`gallery/${model}.json`, await galleryFor(ctx, model, binaries[ctx.datasetOf(model)]));
  }
  // A --only run keeps the other sections' files: the summary covers every section present.
  for (const file of (await readdir(ctx.resultsDir)).filter((f) => /^section-\d\.json$/.test(f)).sort()) {
    const id = file.slice('section-'.length, -'.json'.length);
    if (!sections.has(id)) sections.set(id, sectionFile.parse(JSON.parse(await readFile(join(ctx.resultsDir, file), 'utf8'))));
  }
  const summary = summarize(sections, { ...meta, quick: ctx.quick });
  await ctx.writeJson('summary.json', summary);
  return summary;
}
