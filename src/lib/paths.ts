/**
 * The one place that knows where things live: URLs for the browser (respecting the site's base path)
 * and file-system paths for build-time readers.
 */
import { fileURLToPath } from 'node:url';

const rawBase = import.meta.env.BASE_URL ?? '/';
/** The site's base path, always ending in "/". */
export const BASE = rawBase.endsWith('/') ? rawBase : `${rawBase}/`;

/** URL of a site-relative path ("results/summary.json") under the base path. */
export function url(path = ''): string {
  return BASE + path.replace(/^\/+/, '');
}

export const resultsUrl = (file: string) => url(`results/${file}`);
export const modelUrl = (id: string) => url(`models/${id}/model.json`);
export const sectionUrl = (id: string) => url(`sections/${id}/`);

/** Build-time (Node) location of the committed results. */
export const PUBLIC_DIR = fileURLToPath(new URL('../../public/', import.meta.url));
export const RESULTS_DIR = `${PUBLIC_DIR}results/`;
