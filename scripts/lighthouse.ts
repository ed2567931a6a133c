/**
 * Lighthouse (default mobile settings: throttled 4G, a mid-range phone's CPU) on every page of the
 * site built under the sub-path base and served from 127.0.0.1, with Debian's Chromium. Prints a table
 * of page × category (performance, accessibility, best practices, SEO) and the largest contentful
 * paint, blocking time and layout shift; exits 1 when a score is below --min (default 95). The full reports
 * go to .cache/lighthouse/<page>.json.
 *
 *   npm run lighthouse                   # all pages
 *   npm run lighthouse -- sections/7/    # some pages
 *   npm run lighthouse -- --min 90
 *
 * Not a test: the scores depend on how busy the machine is (a loaded core lowers performance).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { ROOT, startSite } from './lib/site';
import { REPORT_PAGES } from './lib/report-pages';

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
/** Each page's full Lighthouse report (JSON), for the audits behind a low score. */
const REPORTS = join(ROOT, '.cache', 'lighthouse');
const FLAGS = ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

function parseArgs(argv: string[]): { pages: string[]; min: number } {
  let min = 95;
  const pages: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--min') {
      min = Number(argv[++i]);
      if (!Number.isFinite(min)) throw new Error(`--min needs a number (a score from 0 to 100), got "${argv[i]}"`);
    } else if (argv[i] === '--help') {
      console.log('npm run lighthouse -- [--min N] [page path ...]   e.g. sections/7/');
      process.exit(0);
    } else pages.push(argv[i].replace(/^\/+/, ''));
  }
  const unknown = pages.filter((p) => !REPORT_PAGES.includes(p));
  if (unknown.length) throw new Error(`unknown page ${unknown.join(', ')}: pick from ${REPORT_PAGES.map((p) => `"${p}"`).join(', ')}`);
  return { pages: pages.length ? pages : REPORT_PAGES, min };
}

const { pages, min } = parseArgs(process.argv.slice(2));
mkdirSync(REPORTS, { recursive: true });
const site = await startSite();
const chrome = await chromeLauncher.launch({ chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', chromeFlags: FLAGS });
const rows: string[][] = [];
let low = 0;
try {
  for (const path of pages) {
    const result = await lighthouse(site.url(path), { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] });
    if (!result) throw new Error(`lighthouse returned nothing for ${path || '(home)'}`);
    const { categories, audits } = result.lhr;
    const scores = CATEGORIES.map((c) => Math.round((categories[c]?.score ?? 0) * 100));
    low += scores.filter((s) => s < min).length;
    writeFileSync(join(REPORTS, `${path.replace(/\/+$/, '').replace(/\//g, '-') || 'home'}.json`), JSON.stringify(result.lhr));
    const shown = (id: string) => audits[id]?.displayValue ?? '?';
    const lcp = shown('largest-contentful-paint');
    const bytes = audits['total-byte-weight']?.numericValue;
    const weight = bytes === undefined ? '?' : `${Math.round(bytes / 1024)} KiB`;
    rows.push([`/${path}`, ...scores.map(String), shown('first-contentful-paint'), lcp, shown('total-blocking-time'), shown('cumulative-layout-shift'), weight]);
    console.error(`${site.base}${path}: ${scores.join(' / ')}`);
  }
} finally {
  chrome.kill();
  await site.close();
}

const header = ['page', 'performance', 'accessibility', 'best practices', 'SEO', 'FCP', 'LCP', 'TBT', 'CLS', 'transfer'];
console.log(`\n| ${header.join(' | ')} |\n|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
if (low) {
  console.log(`\n${low} score(s) below ${min}.`);
  process.exitCode = 1;
}
