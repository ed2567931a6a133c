/**
 * Every page of the built site in Chromium, light and dark: no console error, no failed or third-party
 * request, no axe-core violation. Screenshots of home and section 1 at phone and desktop widths go to
 * .cache/screenshots/ (look at them).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sitePages } from '../../scripts/lib/crawl';
import { launchChromium } from '../../scripts/lib/browsers/chromium.ts';
import { runAxe, watchPage } from '../../scripts/lib/browsers/page-checks.ts';
import { ROOT, startSite, type Site } from '../../scripts/lib/site';

const SHOTS = join(ROOT, '.cache', 'screenshots');
let site: Site;
let browser: Browser;
let pages: string[] = [];

beforeAll(async () => {
  site = await startSite();
  browser = await launchChromium();
  pages = await sitePages(site);
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('in Chromium', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`every page is clean: console, network and axe (${scheme})`, async () => {
      expect(pages.length).toBeGreaterThanOrEqual(11);
      const failures: string[] = [];
      const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });
      for (const url of pages) {
        const page = await context.newPage();
        const log = watchPage(page, site.origin);
        await page.goto(url, { waitUntil: 'load' });
        const axe = await runAxe(page);
        failures.push(...[...log.problems(), ...axe].map((p) => `${url.slice(site.origin.length)}: ${p}`));
        await page.close();
      }
      await context.close();
      expect(failures).toEqual([]);
      // Every page in turn (13 now): on a loaded 2-core machine that takes longer than the default.
    }, 360_000);
  }

  it('the 404 page is clean too', async () => {
    const page = await browser.newPage();
    const log = watchPage(page, site.origin, { allowStatus: (u, s) => s === 404 && u.endsWith('/missing/') });
    const res = await page.goto(site.url('missing/'));
    expect(res?.status()).toBe(404);
    expect(log.problems()).toEqual([]);
    expect(await runAxe(page)).toEqual([]);
    await page.close();
  });

  it('screenshots: home and a section page at 360 px and 1280 px', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      for (const width of [360, 1280]) {
        const context = await browser.newContext({ colorScheme: scheme, viewport: { width, height: 800 }, deviceScaleFactor: 1 });
        const page = await context.newPage();
        for (const [name, path] of [['home', ''], ['section-1', 'sections/1/'], ['section-6', 'sections/6/']] as const) {
          await page.goto(site.url(path));
          await page.screenshot({ path: join(SHOTS, `${name}-${width}-${scheme}.png`), fullPage: true });
          // No horizontal scrolling of the page itself at any width (wide tables scroll inside their box).
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          expect(overflow, `${path} at ${width}px`).toBeLessThanOrEqual(0);
        }
        await context.close();
      }
    }
  });
});
