/**
 * The report's pages in reading order (home, the nine sections, methods), as paths under the site's
 * base: what `npm run lighthouse` scores and what `npm run pdf` prints.
 */
import { SECTION_IDS } from '../../schema/results';

export const REPORT_PAGES: string[] = ['', ...SECTION_IDS.map((id) => `sections/${id}/`), 'methods/'];
