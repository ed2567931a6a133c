/**
 * Every page on a phone: at 320 and 360 px wide no page scrolls sideways (a wide table, a long file
 * name or hash wraps or scrolls inside its own box). A failure names the page, the width and the
 * elements that stick out past the right edge.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sitePages } from '../../scripts/lib/crawl';
import { launchChromium } from '../../scripts/lib/browsers/chromium.ts';
import { startSite, type Site } from '../../scripts/lib/site';

const WIDTHS = [320, 360];
let site: Site;
let browser: Browser;
let pages: string[] = [];

beforeAll(async () => {
  site = await startSite();
  browser = await launchChromium();
  pages = await sitePages(site);
  pages.push(site.url('no-such-page/')); // the 404 page
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('no horizontal scrolling on a phone', () => {
  for (const width of WIDTHS) {
    it(`every page at ${width} px`, async () => {
      expect(pages.length).toBeGreaterThanOrEqual(12);
      const context = await browser.newContext({ viewport: { width, height: 700 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
      const failures: string[] = [];
      for (const url of pages) {
        const page = await context.newPage();
        await page.goto(url, { waitUntil: 'load' });
        const result = await page.evaluate(() => {
          const root = document.documentElement;
          const overflow = root.scrollWidth - root.clientWidth;
          if (overflow <= 0) return { overflow, culprits: [] as string[] };
          // The outermost elements whose right edge passes the viewport, outside any scrolling box.
          const culprits: string[] = [];
          const scrolls = (el: Element) => /auto|scroll|hidden/.test(getComputedStyle(el).overflowX);
          for (const el of document.body.querySelectorAll('*')) {
            if (el.getBoundingClientRect().right <= root.clientWidth + 0.5) continue;
            let p = el.parentElement, inside = false;
            while (p && p !== document.body) { if (scrolls(p)) { inside = true; break; } p = p.parentElement; }
            const parentSticksOut = el.parentElement && el.parentElement.getBoundingClientRect().right > root.clientWidth + 0.5;
            if (!inside && !parentSticksOut) culprits.push(`${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ').join('.') : ''} (${Math.round(el.getBoundingClientRect().right)} px)`);
          }
          return { overflow, culprits: culprits.slice(0, 5) };
        });
        if (result.overflow > 0) failures.push(`${url.slice(site.origin.length)}: ${result.overflow} px too wide: ${result.culprits.join(', ')}`);
        await page.close();
      }
      await context.close();
      console.log(`overflow at ${width} px checked on ${pages.length} pages: ${pages.map((u) => u.slice(site.origin.length)).join(' ')}`);
      expect(failures).toEqual([]);
    });
  }
});
