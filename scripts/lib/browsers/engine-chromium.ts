/** The cross-engine page interface (engine.ts) for Chromium, over playwright-core. */
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM_INSTALL, chromiumPath, launchChromium } from './chromium.ts';
import { mouseStroke, pageCall, type Engine, type EnginePage, type Launched } from './engine.ts';
import { largestProcessMb } from './process-memory.ts';

export async function launchChromiumEngine(): Promise<Launched> {
  if (!chromiumPath()) return { skipped: `Chromium: not installed; ${CHROMIUM_INSTALL}.` };
  const browser = await launchChromium();
  return {
    name: 'chromium',
    version: `Chromium ${browser.version()}`,
    newPage: (viewport = { width: 1100, height: 900 }) => openPage(browser, viewport),
    contentMemoryMb: () => largestProcessMb(/(chrom(e|ium)).*--type=renderer/),
    close: () => browser.close(),
  } satisfies Engine;
}

async function openPage(browser: Browser, viewport: { width: number; height: number }): Promise<EnginePage> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  context.setDefaultTimeout(90_000);
  const page: Page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console error: ${m.text()}`);
  });
  const enginePage: EnginePage = {
    engine: 'chromium',
    goto: async (url) => {
      await page.goto(url);
    },
    run: (body, ...args) => page.evaluate(pageCall(body, args)),
    click: (css) => page.locator(css).first().click(),
    press: async (css, ...keys) => {
      await page.locator(css).first().focus();
      for (const key of keys) await page.keyboard.press(key);
    },
    stroke: (css, points) => mouseStroke(enginePage, page.mouse, css, points),
    screenshot: () => page.screenshot(),
    errors: async () => [...errors],
    close: () => context.close(),
  };
  return enginePage;
}
