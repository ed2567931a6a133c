/**
 * Drives the "Train it yourself" widget of a built site in headless Chromium, for `npm run bench:browser`
 * and `npm run verify:browser`. The site is built once under the tests' sub-path base (tests/helpers/site.ts),
 * or `--site <dist>` serves an existing build made with BASE_PATH=/digits-fashion/.
 */
import { execFileSync } from 'node:child_process';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildSite, serve, type Site } from '../tests/helpers/site.ts';

export interface Harness {
  site: Site;
  browser: Browser;
  close(): Promise<void>;
}

export async function openHarness(siteDir?: string): Promise<Harness> {
  const site = await serve(siteDir ?? (await buildSite()));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' });
  return { site, browser, close: async () => { await browser.close(); await site.close(); } };
}

export interface WidgetRun {
  state: string;
  data: Record<string, string | undefined>;
  /** The published SHA-256 the widget compared with. */
  publishedSha256: string;
  verdict: string;
  error: string;
  /** Wall time from the click to the end, download included. */
  wallSeconds: number;
  /** Bytes of data the page fetched. */
  dataBytes: number;
  /** Main-thread tasks over 50 ms during the run (the Long Tasks API): how many, and the longest. */
  longTasks: number;
  longestTaskMs: number;
  /** Peak resident memory of the largest renderer process (the tab, its worker included), sampled every 0.5 s. */
  peakRendererMb: number;
}

/** Resident memory of the largest Chromium renderer process now, in MB (0 where ps cannot tell). */
function largestRendererMb(): number {
  try {
    const out = execFileSync('ps', ['-C', 'chromium', '-o', 'rss=,args='], { encoding: 'utf8' });
    const sizes = out.split('\n').filter((l) => l.includes('--type=renderer')).map((l) => Number(l.trim().split(/\s+/)[0]) / 1024);
    return Math.max(0, ...sizes);
  } catch {
    return 0;
  }
}

type LongTaskWindow = { __longTasks?: { start: number; duration: number }[] };

/** Opens `path`, clicks the widget's button `button` ("reproduce" or "own") and waits for the end. */
export async function runWidget(h: Harness, path: string, button: 'reproduce' | 'own'): Promise<WidgetRun> {
  const context = await h.browser.newContext();
  // Recorded from the first paint on, so nothing the run causes is missed.
  await context.addInitScript(() => {
    const w = window as unknown as LongTaskWindow;
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks?.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  const page: Page = await context.newPage();
  let peakRendererMb = 0;
  const sampler = setInterval(() => (peakRendererMb = Math.max(peakRendererMb, largestRendererMb())), 500);
  let dataBytes = 0;
  page.on('requestfinished', (req) => {
    if (/\/data\/(digits|fashion)\//.test(req.url())) void req.sizes().then((s) => (dataBytes += s.responseBodySize));
  });
  try {
    await page.goto(h.site.url(path));
    const el = page.locator('train-yourself');
    await el.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelector<HTMLElement>('train-yourself')?.dataset.runState === 'idle');
    const t0 = performance.now();
    const clickedAt = await page.evaluate(() => performance.now());
    await el.locator(`[data-part="${button}"]`).click();
    await page.waitForFunction(() => ['done', 'error'].includes(document.querySelector<HTMLElement>('train-yourself')?.dataset.runState ?? ''), null, { timeout: 1_800_000, polling: 200 });
    const wallSeconds = (performance.now() - t0) / 1000;
    await page.waitForTimeout(200);
    const tasks = await page.evaluate((since) => ((window as unknown as LongTaskWindow).__longTasks ?? []).filter((t) => t.start >= since).map((t) => t.duration), clickedAt);
    return {
      state: (await el.getAttribute('data-run-state')) ?? '',
      data: await el.evaluate((e: HTMLElement) => ({ ...e.dataset, config: undefined })),
      publishedSha256: (JSON.parse((await el.getAttribute('data-config')) ?? '{}') as { publishedSha256?: string }).publishedSha256 ?? '',
      verdict: (await el.locator('[data-part="verdict"]').textContent()) ?? '',
      error: (await el.locator('[data-part="error"]').textContent()) ?? '',
      wallSeconds,
      dataBytes,
      longTasks: tasks.length,
      longestTaskMs: Math.max(0, ...tasks),
      peakRendererMb,
    };
  } finally {
    clearInterval(sampler);
    await context.close();
  }
}

export function siteArg(argv: string[]): string | undefined {
  const i = argv.indexOf('--site');
  return i >= 0 ? argv[i + 1] : undefined;
}
