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
  /**
   * The page's main thread in the run's three phases — start (click to first training step: worker,
   * download, unpacking), training, end (the last step to the verdict): tasks over 50 ms (the Long Tasks
   * API) and the longest gap between two animation frames (a frame is 16.7 ms: a gap of two frames or
   * more means the page visibly stuck).
   */
  mainThread: Record<Phase, { longTasks: number; longestTaskMs: number; longestFrameGapMs: number; frames: number }>;
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

type Phase = 'start' | 'training' | 'end';
type Probe = { tasks: { start: number; duration: number }[]; frames: number[]; states: Record<string, number> };
type ProbeWindow = { __probe?: Probe };

/** Opens `path`, clicks the widget's button `button` ("reproduce" or "own") and waits for the end. */
export async function runWidget(h: Harness, path: string, button: 'reproduce' | 'own'): Promise<WidgetRun> {
  const context = await h.browser.newContext();
  // Recorded from the first paint on, so nothing the run causes is missed: long tasks, every animation
  // frame's time, and when the widget's run state changed. A string, not a function: tsx would wrap the
  // function's inner functions in a helper (__name) that the page does not have.
  await context.addInitScript({
    content: `{
      const probe = { tasks: [], frames: [], states: {} };
      window.__probe = probe;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) probe.tasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
      const frame = (t) => { probe.frames.push(t); requestAnimationFrame(frame); };
      requestAnimationFrame(frame);
      new MutationObserver((records) => {
        for (const r of records) {
          const state = r.target.dataset.runState;
          if (state && !(state in probe.states)) probe.states[state] = performance.now();
        }
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-run-state'] });
    }`,
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
    // The page's other widgets near the trainer start loading their models when scrolled into view;
    // let them finish first, so that what is measured is the run's own cost to the page.
    await page.waitForTimeout(500);
    await page.waitForFunction(() => document.querySelectorAll('[data-state="loading"]').length === 0, null, { timeout: 60_000 });
    const t0 = performance.now();
    const clickedAt = await page.evaluate(() => performance.now());
    await el.locator(`[data-part="${button}"]`).click();
    await page.waitForFunction(() => ['done', 'error'].includes(document.querySelector<HTMLElement>('train-yourself')?.dataset.runState ?? ''), null, { timeout: 1_800_000, polling: 200 });
    const wallSeconds = (performance.now() - t0) / 1000;
    // The verdict, the figures and the downloads are drawn after the state turns "done".
    await page.waitForTimeout(1000);
    const probe = (await page.evaluate(() => (window as unknown as ProbeWindow).__probe)) as Probe;
    const trainingAt = probe.states.training ?? Infinity;
    const endAt = Math.min(probe.states.done ?? Infinity, probe.states.error ?? Infinity);
    const phases: Record<Phase, [number, number]> = { start: [clickedAt, Math.min(trainingAt, endAt)], training: [trainingAt, endAt], end: [endAt, Infinity] };
    return {
      state: (await el.getAttribute('data-run-state')) ?? '',
      data: await el.evaluate((e: HTMLElement) => ({ ...e.dataset, config: undefined })),
      publishedSha256: (JSON.parse((await el.getAttribute('data-config')) ?? '{}') as { publishedSha256?: string }).publishedSha256 ?? '',
      verdict: (await el.locator('[data-part="verdict"]').textContent()) ?? '',
      error: (await el.locator('[data-part="error"]').textContent()) ?? '',
      wallSeconds,
      dataBytes,
      mainThread: Object.fromEntries(
        Object.entries(phases).map(([phase, [from, to]]) => {
          const tasks = probe.tasks.filter((t) => t.start >= from && t.start < to).map((t) => t.duration);
          const frames = probe.frames.filter((t) => t >= from && t < to);
          const gaps = frames.slice(1).map((t, i) => t - frames[i]);
          return [phase, { longTasks: tasks.length, longestTaskMs: Math.max(0, ...tasks), longestFrameGapMs: Math.max(0, ...gaps), frames: frames.length }];
        }),
      ) as WidgetRun['mainThread'],
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
