/**
 * The report's pages in reading order (home, the sections in the declaration's order, methods), as paths under the site's
 * base: what `npm run lighthouse` scores and what `npm run pdf` prints.
 */
import { STUDY } from '../../training/config/experiments.ts';

export const REPORT_PAGES: string[] = ['', ...STUDY.sections.map((s) => `sections/${s.id}/`), 'methods/'];
