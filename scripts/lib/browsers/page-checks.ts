/**
 * The checks every page gets in Chromium (playwright-core): console errors, failed or off-origin
 * requests, and axe-core.
 *
 *   const browser = await launchChromium();
 *   const page = await browser.newPage();
 *   const log = watchPage(page, site.origin);   // collects console errors, bad responses, foreign requests
 *   await page.goto(site.url('sections/6/'));
 *   expect(log.problems()).toEqual([]);
 *   expect(await runAxe(page)).toEqual([]);
 */
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

export interface PageLog { problems(): string[] }

/** Record console errors, uncaught exceptions, HTTP errors and any request that leaves `origin`. */
export function watchPage(page: Page, origin: string, opts: { allowStatus?: (url: string, status: number) => boolean } = {}): PageLog {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    // Chromium logs every HTTP error as a console error too; an allowed status is not a problem.
    const status = /status of (\d{3})/.exec(msg.text());
    if (status && opts.allowStatus?.(msg.location().url, Number(status[1]))) return;
    problems.push(`console error: ${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()} (${req.failure()?.errorText})`));
  page.on('response', (res) => {
    if (res.status() >= 400 && !opts.allowStatus?.(res.url(), res.status())) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  page.on('request', (req) => {
    const u = req.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) problems.push(`third-party request: ${u}`);
  });
  return { problems: () => [...problems] };
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const AXE_PATH = '/__test__/axe.min.js';

/**
 * Run axe-core on the page; returns one line per violation (empty when clean). The site's CSP forbids
 * inline scripts, so axe is injected as a same-origin file that the test intercepts and serves.
 */
export async function runAxe(page: Page): Promise<string[]> {
  const origin = new URL(page.url()).origin;
  await page.route(`${origin}${AXE_PATH}`, (route) => route.fulfill({ path: AXE, contentType: 'text/javascript' }));
  await page.addScriptTag({ url: `${origin}${AXE_PATH}` });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run(document);
    return r.violations.map((v) => ({ id: v.id, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
  return violations.map((v) => `${v.id}: ${v.help} — ${v.targets.join(' | ')}`);
}
