/**
 * Build-time lookups for the widgets: which gallery, model and URLs each one gets. Reads only the few
 * result files the widgets need (galleries, the α and hidden-layer sections), validated against schema/results.ts; the
 * report's own loader (src/lib/results.ts) checks the whole tree for the pages. Every URL comes from
 * src/lib/paths.ts, so the base path is respected. Runs in Node during `astro build` only.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { z } from 'zod';
import { alphaSection as alphaSchema, galleryFile, hiddenSection as hiddenSchema, type DatasetId, type GalleryFile, type ModelId } from '../../../schema/results';
import { sectionFilePath } from '../../../core/layout';
import { RESULTS_DIR, modelUrl, resultsUrl } from '../../lib/paths';

export interface GalleryRef {
  dataset: DatasetId;
  /** The model whose build-time predictions the gallery holds. */
  model: ModelId;
  jsonUrl: string;
  binaryUrl: string;
  modelUrl: string;
  count: number;
  classNames: string[];
}

function readChecked<T>(file: string, schema: z.ZodType<T>): T {
  const path = join(RESULTS_DIR, file);
  const parsed = schema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path} does not match schema/results.ts: ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}

let galleries: Array<[string, GalleryFile]> | undefined;

/** Every gallery JSON under public/results/gallery/, keyed by its path relative to public/results. */
function allGalleries(): Array<[string, GalleryFile]> {
  const dir = join(RESULTS_DIR, 'gallery');
  galleries ??= existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
        .map((f) => [`gallery/${f}`, readChecked(`gallery/${f}`, galleryFile)] as [string, GalleryFile])
    : [];
  return galleries;
}

/**
 * The bundled gallery of a dataset, preferably the one holding `model`'s build-time predictions (the
 * training step writes one JSON per model, sharing one pixel file per dataset); null when there is none.
 */
export function galleryFor(dataset: DatasetId, model?: ModelId): GalleryRef | null {
  const ofDataset = allGalleries().filter(([, meta]) => meta.dataset === dataset);
  const preferred = ofDataset.filter(([, meta]) => meta.model === model);
  const found = (preferred.length ? preferred : ofDataset)[0];
  if (!found) return null;
  const [path, meta] = found;
  // `binary` is relative to public/results (or, failing that, to the gallery JSON).
  const besideJson = posix.join(posix.dirname(path), meta.binary);
  const binary = existsSync(join(RESULTS_DIR, meta.binary)) ? meta.binary : besideJson;
  return {
    dataset,
    model: meta.model,
    jsonUrl: resultsUrl(path),
    binaryUrl: resultsUrl(binary),
    modelUrl: modelUrl(meta.model),
    count: meta.count,
    classNames: meta.class_names,
  };
}

export function alphaSection(id: string) {
  return readChecked(sectionFilePath(id), alphaSchema);
}

export function hiddenSection(id: string) {
  return readChecked(sectionFilePath(id), hiddenSchema);
}

export { modelUrl };

/** Says why a widget cannot run, for the build that lacks its inputs. */
export const MISSING = 'The live version of this figure is not available: the build found no bundled test images.';
