/**
 * Backends and failures: a forced wasm (and cpu) backend works, says so on the page and still agrees with
 * the build; this Chromium's software WebGL (SwiftShader) makes the page pick wasm and say why; a model that 404s, a corrupt model.json or weights of the wrong size show the error in plain
 * words while the rest of the page keeps working.
 */
import type { Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/browsers/chromium.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, openSession, screenshot, startWidget, waitForData, type Session } from './browser';

let s: Session;

beforeAll(async () => {
  s = await openSession();
});
afterAll(async () => {
  await s?.close();
});

/** Console errors other than the failed request itself, which the browser always logs. */
const unexpected = (errors: string[]) => errors.filter((e) => !/Failed to load resource/.test(e));

describe.each(['wasm', 'cpu'])('forced %s backend', (backend) => {
  it('runs the model, says so on the page, and agrees with the build', async () => {
    const { page, errors } = await openPage(s, `sections/1/?backend=${backend}`);
    const el = await startWidget(page, 'repredict-gallery', 120_000);
    expect(await el.getAttribute('data-state')).toBe('ready');
    expect(await el.getAttribute('data-backend')).toBe(backend);
    const note = el.locator('[data-part="note"]');
    expect(await note.isVisible()).toBe(true);
    expect(await note.textContent()).toContain(`because the page address asks for it (?backend=${backend})`);
    await el.locator('[data-part="check"]').click();
    await waitForData(page, 'repredict-gallery', 'checkCount', (v) => Number(v) > 0, 120_000);
    const d = await el.evaluate((e: HTMLElement) => ({ ...e.dataset }));
    console.log(`[widgets] forced ${backend}: ${d.checkAgree}/${d.checkCount} agree, max |Δp| = ${Number(d.checkMaxDiff).toExponential(2)}, ${d.checkMs} ms`);
    expect(Number(d.checkAgree)).toBe(Number(d.checkCount));
    expect(Number(d.checkMaxDiff)).toBeLessThanOrEqual(1e-3);
    if (backend === 'wasm') await screenshot(el, 'repredict-forced-wasm');
    expect(errors).toEqual([]);
  });
});

describe('a software WebGL', () => {
  it("is detected (this Chromium's WebGL is SwiftShader): wasm is picked and the note says why", async () => {
    const { page, errors } = await openPage(s, 'sections/1/');
    const el = await startWidget(page, 'repredict-gallery', 120_000);
    expect(await el.getAttribute('data-backend')).toBe('wasm');
    await expect.poll(() => el.locator('[data-part="status"]').textContent()).toContain('WebAssembly');
    const note = el.locator('[data-part="note"]');
    expect(await note.isVisible()).toBe(true);
    expect(await note.textContent()).toMatch(/^This browser's WebGL is a software renderer \(.*SwiftShader.*\), slower than WebAssembly/);
    expect(await note.textContent()).toContain('?backend=webgl');
    expect(errors).toEqual([]);
  });
});

describe('a browser without WebGL', () => {
  it('falls back to wasm with a visible note', async () => {
    const browser = await launchChromium({ args: ['--disable-gpu', '--disable-software-rasterizer'] });
    try {
      const page = await browser.newPage();
      page.setDefaultTimeout(90_000);
      await page.goto(s.site.url('sections/7/'));
      const el = await startWidget(page, 'hidden-layer', 120_000);
      expect(await el.getAttribute('data-state')).toBe('ready');
      expect(await el.getAttribute('data-backend')).toBe('wasm');
      const note = el.locator('[data-part="note"]');
      expect(await note.isVisible()).toBe(true);
      expect(await note.textContent()).toMatch(/^WebGL is not available in this browser, so the model runs on WebAssembly \(wasm\) instead/);
      await waitForData(page, 'hidden-layer', 'referenceDiff', (v) => Number(v) <= 1e-3);
      await screenshot(el, 'hidden-layer-no-webgl');
    } finally {
      await browser.close();
    }
  });
});

/** The rest of the page: navigation, a collapsed data table, the static figures. */
async function pageStillWorks(page: Page): Promise<void> {
  const details = page.locator('details.data').first();
  await details.locator('summary').click();
  expect(await details.evaluate((d: HTMLDetailsElement) => d.open)).toBe(true);
  const images = await page.locator('main img').evaluateAll((imgs: HTMLImageElement[]) => imgs.map((i) => i.complete && i.naturalWidth > 0));
  expect(images.every(Boolean)).toBe(true);
  await page.locator('a[rel="next"]').click();
  await page.waitForURL(/sections\/\d\/$/);
  expect(await page.locator('h1').textContent()).toBeTruthy();
}

describe('broken models', () => {
  it('a model that 404s: both widgets on section 3 say so, the page keeps working', async () => {
    const context = await s.browser.newContext({ viewport: { width: 1100, height: 900 } });
    context.setDefaultTimeout(90_000);
    await context.route('**/models/digits-300/model.json', (r) => r.fulfill({ status: 404, body: 'not found' }));
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(s.site.url('sections/3/'));
    for (const sel of ['repredict-gallery', 'draw-pad']) {
      const el = await startWidget(page, sel);
      expect(await el.getAttribute('data-state')).toBe('error');
      const box = el.locator('[data-part="error"]');
      expect(await box.isVisible()).toBe(true);
      expect(await box.textContent()).toMatch(/^The model file was not found \(HTTP 404\) at \/digits-fashion\/models\/digits-300\/model\.json\./);
      expect(await el.locator('[data-part="body"]').isHidden()).toBe(true);
      await screenshot(el, `broken-404-${sel}`);
    }
    expect(unexpected(errors)).toEqual([]);
    await pageStillWorks(page);
    await context.close();
  });

  it('a corrupt model.json and weights of the wrong size are reported in plain words', async () => {
    const cases = [
      { path: 'sections/7/', sel: 'hidden-layer', route: '**/models/digits-300/model.json', body: '{"modelTopology": {"class_name": ', text: /damaged: it is not valid JSON/ },
      { path: 'sections/6/', sel: 'alpha-explorer', route: '**/models/digits-300/*.bin', body: Buffer.alloc(1000), text: /saved weights do not fit its layers/ },
    ];
    for (const c of cases) {
      const { page, errors } = await openPage(s, 'sections/1/');
      await page.route(c.route, (r) => r.fulfill({ status: 200, body: c.body }));
      await page.goto(s.site.url(c.path));
      const el = await startWidget(page, c.sel);
      expect(await el.getAttribute('data-state')).toBe('error');
      expect(await el.locator('[data-part="error"]').textContent()).toMatch(c.text);
      expect(unexpected(errors)).toEqual([]);
      await pageStillWorks(page);
    }
  });
});
