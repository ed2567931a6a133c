/**
 * The one place that knows where things live: URLs for the browser (respecting the site's base path)
 * and file-system paths for build-time readers.
 */
import { fileURLToPath } from 'node:url';

// import.meta.env exists under Astro and Vite (vitest); plain Node (tsx scripts) has none.
const rawBase: string = import.meta.env?.BASE_URL ?? '/';
/** The site's base path, always ending in "/". */
export const BASE = rawBase.endsWith('/') ? rawBase : `${rawBase}/`;

/** URL of a site-relative path ("results/summary.json") under the base path. */
export function url(path = ''): string {
  return BASE + path.replace(/^\/+/, '');
}

/** URL of a file under public/results, given its path relative to that folder. */
export const resultsUrl = (file: string) => url(`results/${file}`);
export const modelUrl = (id: string) => url(`models/${id}/model.json`);
export const sectionUrl = (id: string) => url(`sections/${id}/`);
export const methodsUrl = (anchor = '') => url(`methods/${anchor ? `#${anchor}` : ''}`);
/** URL of a path relative to public/ (as the manifest lists models: "models/digits-300/model.json"). */
export const publicUrl = (path: string) => url(path);

/** Build-time (Node) location of the committed results. */
export const PUBLIC_DIR = fileURLToPath(new URL('../../public/', import.meta.url));
export const RESULTS_DIR = `${PUBLIC_DIR}results/`;
export const MODELS_DIR = `${PUBLIC_DIR}models/`;
