/**
 * Chromium (Debian's, via playwright-core) against the built site under its sub-path base, for the widget
 * tests. Playwright's default launch flags give WebGL on SwiftShader (see notes.md): keep them.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, ConsoleMessage, Locator, Page } from 'playwright-core';
import { launchChromium } from '../../scripts/lib/browsers/chromium.ts';
import { vi } from 'vitest';
import { ROOT, serve, startSite, type Site } from '../../scripts/lib/site';

// Browser tests on a 2-core machine that may also be training: allow minutes, assert no timings.
vi.setConfig({ testTimeout: 300_000, hookTimeout: 600_000 });

export const SCREENSHOTS = join(ROOT, '.cache', 'screenshots');

export interface Session {
  site: Site;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Builds (once) and serves the site with the report's helper; WIDGETS_SITE_DIR=<dist> serves an existing
 * build instead (made with BASE_PATH=/digits-fashion/), for quick iterations.
 */
export async function openSession(): Promise<Session> {
  const site = process.env.WIDGETS_SITE_DIR ? await serve(process.env.WIDGETS_SITE_DIR) : await startSite();
  const browser = await launchChromium();
  return {
    site,
    browser,
    close: async () => {
      await browser.close();
      await site.close();
    },
  };
}

export interface OpenPage {
  page: Page;
  /** Uncaught exceptions and console errors seen so far. */
  errors: string[];
}

/** A fresh page (own context) at a site path, collecting page errors. */
export async function openPage(s: Session, path: string, viewport = { width: 1100, height: 900 }): Promise<OpenPage> {
  const context = await s.browser.newContext({ viewport, deviceScaleFactor: 1 });
  // Generous: the test machine may be busy training (two cores); nothing here is a timing assertion.
  context.setDefaultTimeout(90_000);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await page.goto(s.site.url(path));
  return { page, errors };
}

/** Scrolls a widget into view (which starts it) and waits until it is ready or has failed. */
export async function startWidget(page: Page, selector: string, timeout = 90_000): Promise<Locator> {
  const el = page.locator(selector).first();
  await el.scrollIntoViewIfNeeded();
  await page.waitForFunction(
    (sel) => {
      const w = document.querySelector<HTMLElement>(sel);
      return w?.dataset.state === 'ready' || w?.dataset.state === 'error';
    },
    selector,
    { timeout },
  );
  return el;
}

/** Polls a data-* attribute of the first matching element until `ok` accepts it (the CSP forbids eval in the page). */
export async function waitForData(page: Page, selector: string, key: string, ok: (v: string) => boolean, timeout = 60_000): Promise<string> {
  const until = Date.now() + timeout;
  for (;;) {
    const v = await page.evaluate(([sel, k]) => document.querySelector<HTMLElement>(sel)?.dataset[k] ?? null, [selector, key] as const);
    if (v !== null && ok(v)) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${selector} data-${key} (last: ${String(v)})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function screenshot(el: Locator, name: string): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await el.screenshot({ path });
  return path;
}
