/**
 * Train it yourself keeps its settings in the address under `train.` (url-state.ts), and going back and
 * forward through the history refills the form without wiring it again: after five round trips the page
 * has one popstate listener and one set of form listeners, and the "not available" labels are not repeated.
 */
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STUDY } from '../../training/config/experiments.ts';
import { openSession, waitForData, type Session } from './browser';

const W = 'train-yourself';
const UNAVAILABLE = ' (not available on this site)';
const section = STUDY.sections.find((x) => x.widgets.includes('train-yourself'));

let s: Session;
beforeAll(async () => {
  s = await openSession();
});
afterAll(async () => {
  await s?.close();
});

const unescape = (t: string) =>
  t.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Serves the section as a build without the other datasets' files would: only the published run's dataset offered. */
async function withOneDataset(page: Page): Promise<void> {
  await page.route(s.site.url(`sections/${section?.id}/**`), async (route) => {
    if (route.request().resourceType() !== 'document') return route.continue();
    const html = await (await route.fetch()).text();
    const body = html.replace(/(<train-yourself[^>]*?data-config=")([^"]*)"/, (_, start: string, attr: string) => {
      const config = JSON.parse(unescape(attr)) as { published: { dataset: string }; datasets: Record<string, unknown> };
      for (const id of Object.keys(config.datasets)) if (id !== config.published.dataset) config.datasets[id] = { available: false, reason: 'left out of this test' };
      return `${start}${escape(JSON.stringify(config))}"`;
    });
    await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body });
  });
}

/** Event listeners of a page object (a JS expression), by event type. */
async function listeners(cdp: CDPSession, expression: string): Promise<Record<string, number>> {
  const { result } = await cdp.send('Runtime.evaluate', { expression });
  if (!result.objectId) throw new Error(`${expression} is not an object in the page`);
  const found = await cdp.send('DOMDebugger.getEventListeners', { objectId: result.objectId });
  const counts: Record<string, number> = {};
  for (const l of found.listeners) counts[l.type] = (counts[l.type] ?? 0) + 1;
  return counts;
}

describe('Train it yourself: settings in the address, through the history', () => {
  it('refills the form on back and forward, with one set of listeners and unrepeated labels after five round trips', async () => {
    if (!section) throw new Error('the study declares no section with the train-yourself widget');
    const context = await s.browser.newContext();
    const page = await context.newPage();
    await withOneDataset(page);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(s.site.url(`sections/${section.id}/?train.units=64`));
    await page.locator(W).scrollIntoViewIfNeeded();
    await waitForData(page, W, 'runState', (v) => v === 'idle');
    const units = page.locator(`${W} [data-part="in-units"]`);
    const options = page.locator(`${W} [data-part="in-dataset"] option`);
    const labels = await options.allTextContents();
    expect(labels.filter((l) => l.endsWith(UNAVAILABLE)).length, 'the other datasets are marked').toBe(labels.length - 1);
    expect(await units.inputValue()).toBe('64');

    await page.evaluate(() => history.pushState(null, '', '?train.units=96'));
    for (let i = 0; i < 5; i++) {
      await page.goBack();
      await expect.poll(() => units.inputValue()).toBe('64');
      await page.goForward();
      await expect.poll(() => units.inputValue()).toBe('96');
    }
    expect(await options.allTextContents()).toEqual(labels);
    expect(labels.every((l) => l.indexOf(UNAVAILABLE) === l.lastIndexOf(UNAVAILABLE))).toBe(true);

    const cdp = await context.newCDPSession(page);
    expect((await listeners(cdp, 'window')).popstate).toBe(1);
    const form = await listeners(cdp, `document.querySelector('${W} [data-part="form"]')`);
    expect([form.input, form.submit]).toEqual([1, 1]);
    expect(errors).toEqual([]);
    await context.close();
  });
});
