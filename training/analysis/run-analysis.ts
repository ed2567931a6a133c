/**
 * Writes every section file, the montages, the widget galleries, summary.json and study.json (the
 * declaration the results came from) into `resultsDir` from the trained runs. Each section is analysed
 * by the module of its kind (training/analysis/kinds/<kind>.ts); `ids` limits the run to some sections,
 * and the others' files, already in `resultsDir`, are kept and summarised as they are.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sectionFile, summaryFile, type SectionFile, type SummaryFile } from '../../schema/results.ts';
import type { DatasetId } from '../../schema/results.ts';
import type { AnalysisContext } from './context.ts';
import { galleryFor, writeGalleryBinary } from './gallery.ts';
import { kindModule } from './section-kind.ts';
import { RESULT_FILES, galleryJsonPath, sectionFilePath } from '../../core/layout.ts';

export async function runAnalysis(
  ctx: AnalysisContext,
  ids: string[],
  meta: { backend: string; trainer: string },
  log: (line: string) => void,
): Promise<SummaryFile> {
  await mkdir(join(ctx.resultsDir, 'montages'), { recursive: true });
  await mkdir(join(ctx.resultsDir, 'gallery'), { recursive: true });
  const rows = [];
  for (const section of ctx.study.sections) {
    const module = await kindModule(section.kind);
    let file: SectionFile;
    if (ids.includes(section.id)) {
      const started = performance.now();
      file = sectionFile.parse(await module.analyse(ctx, section));
      await ctx.writeJson(sectionFilePath(section.id), file);
      log(`section ${section.id} written (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    } else {
      const path = join(ctx.resultsDir, sectionFilePath(section.id));
      // A --only run into a folder without this section: it gets no row (the caller warns).
      if (!existsSync(path)) continue;
      file = sectionFile.parse(JSON.parse(await readFile(path, 'utf8')));
    }
    rows.push(module.summarise(file, section, ctx.study));
  }
  const binaries = new Map<DatasetId, string>();
  for (const { id } of ctx.study.datasets) binaries.set(id, await writeGalleryBinary(ctx, id));
  for (const model of ctx.runs.keys()) {
    await ctx.writeJson(galleryJsonPath(model), await galleryFor(ctx, model, binaries.get(ctx.datasetOf(model)) as string));
  }
  const summary = summaryFile.parse({ ...meta, quick: ctx.quick, generated_at: new Date().toISOString(), rows });
  await ctx.writeJson(RESULT_FILES.summary, summary);
  await ctx.writeJson(RESULT_FILES.study, ctx.study);
  return summary;
}
