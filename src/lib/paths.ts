/**
 * The one place that knows where things live: URLs for the browser (respecting the site's base path)
 * and file-system paths for build-time readers.
 */
import { join, resolve } from 'node:path';
import { modelPath } from '../../core/layout';

// Vite replaces the exact text `import.meta.env.BASE_URL` at build time (so no `?.` there); plain Node
// (tsx scripts) has no import.meta.env and gets "/".
const rawBase: string = (import.meta.env && import.meta.env.BASE_URL) || '/';
/** The site's base path, always ending in "/". */
const BASE = rawBase.endsWith('/') ? rawBase : `${rawBase}/`;

/** URL of a site-relative path ("results/summary.json") under the base path. */
export function url(path = ''): string {
  return BASE + path.replace(/^\/+/, '');
}

/** URL of a file under public/results, given its path relative to that folder. */
export const resultsUrl = (file: string) => url(`results/${file}`);
export const modelUrl = (id: string) => url(modelPath(id));
export const sectionUrl = (id: string) => url(`sections/${id}/`);
export const methodsUrl = (anchor = '') => url(`methods/${anchor ? `#${anchor}` : ''}`);
/** URL of a chart served as its own SVG file (src/pages/figures/[name].svg.ts). */
export const figureUrl = (name: string) => url(`figures/${name}.svg`);
/** URL of a path relative to public/ (as the manifest lists models: "models/digits-300/model.json"). */
export const publicUrl = (path: string) => url(path);

/**
 * Build-time (Node) location of the committed results. Relative to the working directory — the project
 * root for `astro build`, vitest and npm scripts — or SITE_DATA_DIR (see astro.config.mjs), because this module is bundled into the build output,
 * where import.meta.url no longer points into src/.
 */
export const PUBLIC_DIR = `${process.env.SITE_DATA_DIR ? resolve(process.env.SITE_DATA_DIR) : join(process.cwd(), 'public')}/`;
export const RESULTS_DIR = `${PUBLIC_DIR}results/`;
