/** Site-wide constants: the name, the navigation and the Content-Security-Policy every page sends. */
import { getResults } from './results';
import { sectionUrl, url } from './paths';

export const SITE_TITLE = 'Digits & Fashion, re-run';
export const SITE_DESCRIPTION =
  'A classic Keras study of a one-hidden-layer network on MNIST digits and Fashion-MNIST, re-run with several seeds and reported in full.';

/**
 * Only the site's own origin. 'wasm-unsafe-eval' lets the live widgets compile tfjs's WebAssembly
 * backend; data: and blob: images are what canvases hand back. No inline scripts or styles: Astro is
 * configured to emit every stylesheet and script as a file.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

export interface NavItem { href: string; label: string; number?: string }

export const NAV_MAIN: NavItem[] = [
  { href: url(''), label: 'Overview' },
  { href: url('methods/'), label: 'Methods & data' },
];

/** One entry per declared section, in order. */
export function navSections(): NavItem[] {
  return getResults().study.sections.map((s) => ({ href: sectionUrl(s.id), label: s.short, number: s.id }));
}
