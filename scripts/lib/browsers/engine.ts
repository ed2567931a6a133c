/**
 * One small interface over the three browser engines, so a cross-engine test or script is written once:
 * Chromium through playwright-core, Firefox through puppeteer-core over WebDriver BiDi, WebKit through
 * WebKitGTK's W3C WebDriver (plain HTTP). Each driver is what speaks to the browser the system
 * installed: Playwright's own Firefox and WebKit are patched builds, downloads we do not make.
 *
 *   const engine = await launchEngine('webkit');          // or { skipped: 'WebKit: apt-get install …' }
 *   const page = await engine.newPage();
 *   await page.goto(site.url('sections/2/'));
 *   await page.run('document.querySelector(arguments[0]).scrollIntoView()', 'train-yourself');
 *   await waitForData(page, 'train-yourself', 'runState', (v) => v === 'idle');
 *
 * In-page code is a function body as a string (`arguments[i]`, `return …`): one form every driver
 * takes, and no bundler helpers leak in (tsx would wrap a real function's inner functions in __name).
 */
const ENGINES = ['chromium', 'firefox', 'webkit'] as const;
export type EngineName = (typeof ENGINES)[number];

/** What a reader calls each engine, and the browsers it stands for. */
export const ENGINE_TITLES: Record<EngineName, string> = {
  chromium: 'Chromium (Chrome, Edge)',
  firefox: 'Firefox (Gecko)',
  webkit: 'WebKit (Safari)',
};

export interface EnginePage {
  readonly engine: EngineName;
  goto(url: string): Promise<void>;
  /** Runs a function body in the page; a returned promise is awaited; the value must be JSON. */
  run<T = unknown>(body: string, ...args: unknown[]): Promise<T>;
  click(css: string): Promise<void>;
  /** Focuses the element and presses keys on the keyboard (names as in KeyboardEvent.key: 'ArrowRight', 'Home'). */
  press(css: string, ...keys: string[]): Promise<void>;
  /** A mouse stroke through points given as fractions of the element's box. */
  stroke(css: string, points: readonly (readonly [number, number])[]): Promise<void>;
  /** The viewport as a PNG, to look at. */
  screenshot(): Promise<Uint8Array>;
  /** Console errors and uncaught exceptions of the page so far. */
  errors(): Promise<string[]>;
  close(): Promise<void>;
}

export interface Engine {
  readonly name: EngineName;
  /** "Chromium 156.0…", "Firefox 153.8.0", "WebKitGTK 2.50.6". */
  readonly version: string;
  /** A page in a fresh profile (its own storage). WebKit has one page at a time. */
  newPage(viewport?: { width: number; height: number }): Promise<EnginePage>;
  /** Resident memory of the engine's largest content process now, in MB (the tab and its workers); null where unknown. */
  contentMemoryMb(): number | null;
  close(): Promise<void>;
}

export type Launched = Engine | { skipped: string };

export async function launchEngine(name: EngineName): Promise<Launched> {
  if (name === 'chromium') return (await import('./engine-chromium.ts')).launchChromiumEngine();
  if (name === 'firefox') return (await import('./engine-firefox.ts')).launchFirefoxEngine();
  return (await import('./engine-webkit.ts')).launchWebKitEngine();
}

/** `--engine chromium|firefox|webkit|all` (or a comma-separated list) as a list of engines. */
export function parseEngines(arg: string | undefined, fallback: EngineName[] = ['chromium']): EngineName[] {
  if (!arg) return fallback;
  if (arg === 'all') return [...ENGINES];
  const names = arg.split(',');
  const bad = names.filter((n) => !(ENGINES as readonly string[]).includes(n));
  if (bad.length) throw new Error(`--engine takes chromium, firefox, webkit, all or a comma-separated list, not ${bad.join(', ')}.`);
  return names as EngineName[];
}

/**
 * `body` called with `args` as one expression, for drivers that evaluate a string: the driver runs it
 * outside the page's Content-Security-Policy, where `new Function` in the page would be refused.
 */
export function pageCall(body: string, args: readonly unknown[]): string {
  return `(function () {\n${body}\n}).apply(null, ${JSON.stringify(args)})`;
}

/** Polls a data-* attribute of the first element matching `selector` until `ok` accepts it. */
export async function waitForData(page: EnginePage, selector: string, key: string, ok: (v: string) => boolean, timeout = 60_000): Promise<string> {
  const until = Date.now() + timeout;
  for (;;) {
    const v = await page.run<string | null>('return document.querySelector(arguments[0])?.dataset[arguments[1]] ?? null', selector, key);
    if (v !== null && ok(v)) return v;
    if (Date.now() > until) throw new Error(`${page.engine}: timed out waiting for ${selector} data-${key} (last: ${String(v)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * In-page: brings the element into view (to the middle, if it is not wholly in view) and resolves once its
 * box has not moved for two frames, no widget on the page is loading, the point at its centre hits it and
 * it is not disabled (or after 30 s). A WebDriver click computes that point once: if the page reflows in
 * between (a widget that the scroll brought into view starting and growing; a `content-visibility: auto`
 * figure sizing itself) the click lands on something else, and a click on a disabled button does nothing;
 * both are lost without an error. Playwright checks this itself; the WebKit and Firefox drivers run this
 * first.
 */
export const STEADY_TARGET = `
  const el = document.querySelector(arguments[0]);
  if (!el) return false;
  const r = el.getBoundingClientRect();
  if (r.top < 0 || r.left < 0 || r.bottom > innerHeight || r.right > innerWidth) el.scrollIntoView({ block: 'center' });
  const until = performance.now() + 30000;
  let last = '', same = 0;
  return new Promise((resolve) => {
    const check = () => {
      const b = el.getBoundingClientRect();
      const key = [b.x, b.y, b.width, b.height].join();
      same = key === last ? same + 1 : 0;
      last = key;
      const hit = document.elementFromPoint(b.x + b.width / 2, b.y + b.height / 2);
      const loading = document.querySelector('[data-state="loading"]') !== null;
      if (same >= 2 && !loading && hit && el.contains(hit) && !el.disabled) resolve(true);
      else if (performance.now() > until) resolve(false);
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });`;

/**
 * Waits until no widget on the page is still loading (a widget that loads grows, and moves what is
 * below it: a click computed before that lands elsewhere), then two animation frames.
 */
export async function settle(page: EnginePage, timeout = 120_000): Promise<void> {
  const until = Date.now() + timeout;
  while ((await page.run<number>('return document.querySelectorAll(\'[data-state="loading"]\').length')) > 0) {
    if (Date.now() > until) throw new Error(`${page.engine}: widgets still loading after ${timeout / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
  await page.run('return new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
}

/** All data-* attributes of the first element matching `selector`. */
export function dataOf(page: EnginePage, selector: string): Promise<Record<string, string>> {
  return page.run('const e = document.querySelector(arguments[0]); return e ? { ...e.dataset } : {}', selector);
}

/** Scrolls a widget into view (which starts it) and waits until it is ready or has failed; returns that state. */
export async function startWidget(page: EnginePage, selector: string, timeout = 120_000): Promise<string> {
  await page.run('document.querySelector(arguments[0]).scrollIntoView({ block: "center" })', selector);
  return waitForData(page, selector, 'state', (v) => v === 'ready' || v === 'error', timeout);
}

/**
 * Drops a file on an element as a reader's drag and drop does (a DataTransfer holding a File), built
 * in the page from base64: the same in every engine, where each driver's own upload differs.
 */
export async function dropFile(page: EnginePage, css: string, file: { name: string; type: string; bytes: Uint8Array }): Promise<void> {
  await page.run(
    `const bytes = Uint8Array.from(atob(arguments[1]), (c) => c.charCodeAt(0));
     const dt = new DataTransfer();
     dt.items.add(new File([bytes], arguments[2], { type: arguments[3] }));
     const target = document.querySelector(arguments[0]);
     target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
     target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));`,
    css,
    Buffer.from(file.bytes).toString('base64'),
    file.name,
    file.type,
  );
}

/** The page-side box of an element (after scrolling it into view), in CSS pixels of the viewport. */
export function boxOf(page: EnginePage, css: string): Promise<{ x: number; y: number; width: number; height: number }> {
  return page.run(
    `const e = document.querySelector(arguments[0]); e.scrollIntoView({ block: 'center' });
     const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height };`,
    css,
  );
}

/** A stroke with a driver's mouse (Playwright's and Puppeteer's have the same three calls). */
export async function mouseStroke(
  page: EnginePage,
  mouse: { move(x: number, y: number): Promise<unknown>; down(): Promise<unknown>; up(): Promise<unknown> },
  css: string,
  points: readonly (readonly [number, number])[],
): Promise<void> {
  const [first, ...rest] = strokePixels(await boxOf(page, css), points);
  await mouse.move(...first);
  await mouse.down();
  for (const p of rest) await mouse.move(...p);
  await mouse.up();
}

/** Points of a stroke in viewport pixels: `steps` evenly spaced points between each pair. */
export function strokePixels(box: { x: number; y: number; width: number; height: number }, points: readonly (readonly [number, number])[], steps = 8): [number, number][] {
  const px = points.map(([fx, fy]) => [box.x + fx * box.width, box.y + fy * box.height] as const);
  const out: [number, number][] = [[Math.round(px[0][0]), Math.round(px[0][1])]];
  for (let i = 1; i < px.length; i++) {
    for (let s = 1; s <= steps; s++) {
      const t = s / steps;
      out.push([Math.round(px[i - 1][0] + (px[i][0] - px[i - 1][0]) * t), Math.round(px[i - 1][1] + (px[i][1] - px[i - 1][1]) * t)]);
    }
  }
  return out;
}
