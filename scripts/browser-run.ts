/**
 * Drives the "Train it yourself" widget of a built site in a browser engine (Chromium, Firefox or
 * WebKit, scripts/lib/browsers/), for `npm run bench:browser` and `npm run verify:browser`. The site is
 * built once under the tests' sub-path base (scripts/lib/site.ts), or `--site <dist>` serves an
 * existing build made with BASE_PATH=/digits-fashion/.
 */
import { buildSite, serve, type Site } from './lib/site.ts';
import { dataOf, launchEngine, settle, waitForData, type Engine, type EngineName } from './lib/browsers/engine.ts';

export interface Harness {
  site: Site;
  engine: Engine;
  close(): Promise<void>;
}

/** The engine and the site, or why the engine is skipped (not installed). */
export async function openHarness(name: EngineName, siteDir?: string): Promise<Harness | { skipped: string }> {
  const engine = await launchEngine(name);
  if ('skipped' in engine) return engine;
  const site = await serve(siteDir ?? (await buildSite()));
  return { site, engine, close: async () => { await engine.close(); await site.close(); } };
}

type Phase = 'start' | 'training' | 'end';

export interface WidgetRun {
  state: string;
  data: Record<string, string | undefined>;
  /** The published SHA-256 the widget compared with. */
  publishedSha256: string;
  verdict: string;
  error: string;
  /** Wall time from the click to the end, download included. */
  wallSeconds: number;
  /**
   * The page's main thread in the run's three phases — start (click to first training step: worker,
   * download, unpacking), training, end (the last step to the verdict): tasks over 50 ms (the Long Tasks
   * API, Chromium only: null elsewhere) and the longest gap between two animation frames (a frame is
   * 16.7 ms: a gap of two frames or more means the page visibly stuck).
   */
  mainThread: Record<Phase, { longTasks: number | null; longestTaskMs: number | null; longestFrameGapMs: number; frames: number }>;
  /** Peak resident memory of the engine's largest content process (the tab, its worker included), sampled every 0.5 s; null where unknown. */
  peakMemoryMb: number | null;
}

type Probe = { longTasks: boolean; tasks: { start: number; duration: number }[]; frames: number[]; states: Record<string, number> };

/**
 * Records from the moment it is installed: long tasks where the engine has them, every animation
 * frame's time, and when the widget's run state changed.
 */
const PROBE = `
  const probe = { longTasks: false, tasks: [], frames: [], states: {} };
  window.__probe = probe;
  if ((PerformanceObserver.supportedEntryTypes || []).includes('longtask')) {
    probe.longTasks = true;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) probe.tasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask' });
  }
  const frame = (t) => { probe.frames.push(t); requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  new MutationObserver((records) => {
    for (const r of records) {
      const state = r.target.dataset.runState;
      if (state && !(state in probe.states)) probe.states[state] = performance.now();
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-run-state'] });
  return performance.now();`;

const text = (part: string) => `return document.querySelector('train-yourself [data-part="${part}"]')?.textContent ?? ''`;

/** Opens `path`, clicks the widget's button `button` ("reproduce" or "own") and waits for the end. */
export async function runWidget(h: Harness, path: string, button: 'reproduce' | 'own'): Promise<WidgetRun> {
  const page = await h.engine.newPage();
  let peakMemoryMb: number | null = null;
  const sampler = setInterval(() => {
    const mb = h.engine.contentMemoryMb();
    if (mb !== null) peakMemoryMb = Math.max(peakMemoryMb ?? 0, mb);
  }, 500);
  try {
    await page.goto(h.site.url(path));
    await page.run('document.querySelector("train-yourself").scrollIntoView()');
    await waitForData(page, 'train-yourself', 'runState', (v) => v === 'idle', 120_000);
    // The page's other widgets near the trainer start loading their models when scrolled into view;
    // let them finish first, so that what is measured is the run's own cost to the page.
    await new Promise((r) => setTimeout(r, 500));
    await settle(page);
    const clickedAt = await page.run<number>(PROBE);
    const t0 = performance.now();
    await page.click(`train-yourself [data-part="${button}"]`);
    await waitForData(page, 'train-yourself', 'runState', (v) => v === 'done' || v === 'error', 3_600_000);
    const wallSeconds = (performance.now() - t0) / 1000;
    // The verdict, the figures and the downloads are drawn after the state turns "done".
    await new Promise((r) => setTimeout(r, 1000));
    const probe = await page.run<Probe>('return window.__probe');
    const trainingAt = probe.states.training ?? Infinity;
    const endAt = Math.min(probe.states.done ?? Infinity, probe.states.error ?? Infinity);
    const phases: Record<Phase, [number, number]> = { start: [clickedAt, Math.min(trainingAt, endAt)], training: [trainingAt, endAt], end: [endAt, Infinity] };
    const data = await dataOf(page, 'train-yourself');
    const config = JSON.parse(data.config ?? '{}') as { publishedSha256?: string };
    delete data.config;
    return {
      state: data.runState ?? '',
      data,
      publishedSha256: config.publishedSha256 ?? '',
      verdict: await page.run<string>(text('verdict')),
      error: await page.run<string>(text('error')),
      wallSeconds,
      mainThread: Object.fromEntries(
        Object.entries(phases).map(([phase, [from, to]]) => {
          const tasks = probe.tasks.filter((t) => t.start >= from && t.start < to).map((t) => t.duration);
          const frames = probe.frames.filter((t) => t >= from && t < to);
          const gaps = frames.slice(1).map((t, i) => t - frames[i]);
          return [phase, {
            longTasks: probe.longTasks ? tasks.length : null,
            longestTaskMs: probe.longTasks ? Math.max(0, ...tasks) : null,
            longestFrameGapMs: Math.max(0, ...gaps),
            frames: frames.length,
          }];
        }),
      ) as WidgetRun['mainThread'],
      peakMemoryMb,
    };
  } finally {
    clearInterval(sampler);
    await page.close();
  }
}

/** The value after `flag` in argv, if any. */
export function argValue(argv: string[], flag: string): string | undefined {
  const i = argv.indexOf(flag);
  return i >= 0 ? argv[i + 1] : undefined;
}
