/**
 * The cross-engine page interface (engine.ts) for Firefox, over puppeteer-core and WebDriver BiDi,
 * headless. The binary: FIREFOX_PATH, then the usual install locations.
 */
import { existsSync } from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer-core';
import { mouseStroke, pageCall, STEADY_TARGET, type Engine, type EnginePage, type Launched } from './engine.ts';
import { largestProcessMb } from './process-memory.ts';

export const FIREFOX_INSTALL = 'install Firefox (Debian: apt-get install firefox-esr) or set FIREFOX_PATH to its binary';

const KNOWN = [
  '/usr/bin/firefox-esr',
  '/usr/bin/firefox',
  '/Applications/Firefox.app/Contents/MacOS/firefox',
  'C:\\Program Files\\Mozilla Firefox\\firefox.exe',
];

export function firefoxPath(): string | null {
  const fromEnv = process.env.FIREFOX_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return KNOWN.find((p) => existsSync(p)) ?? null;
}

export async function launchFirefoxEngine(): Promise<Launched> {
  const executablePath = firefoxPath();
  if (!executablePath) return { skipped: `Firefox: not installed; ${FIREFOX_INSTALL}.` };
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath, headless: true });
  return {
    name: 'firefox',
    version: `Firefox ${(await browser.version()).replace(/^firefox\//, '')}`,
    newPage: (viewport = { width: 1100, height: 900 }) => openPage(browser, viewport),
    contentMemoryMb: () => largestProcessMb(/firefox.*-contentproc/),
    close: () => browser.close(),
  } satisfies Engine;
}

async function openPage(browser: Browser, viewport: { width: number; height: number }): Promise<EnginePage> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport(viewport);
  page.setDefaultTimeout(90_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`uncaught: ${e instanceof Error ? e.message : String(e)}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console error: ${m.text()}`);
  });
  const enginePage: EnginePage = {
    engine: 'firefox',
    goto: async (url) => {
      await page.goto(url);
    },
    run: (body, ...args) => page.evaluate(pageCall(body, args)) as Promise<never>,
    click: async (css) => {
      // Puppeteer scrolls and then measures; a reflow in between leaves the element out of view and the
      // click refused ("not clickable"): steady the target again and retry.
      for (let attempt = 1; ; attempt++) {
        const el = await page.waitForSelector(css);
        await page.evaluate(pageCall(STEADY_TARGET, [css]));
        try {
          await el?.click();
          return;
        } catch (err) {
          if (attempt === 3 || !/not clickable/.test(String(err))) throw err;
        }
      }
    },
    press: async (css, ...keys) => {
      await page.focus(css);
      for (const key of keys) await page.keyboard.press(key as Parameters<typeof page.keyboard.press>[0]);
    },
    stroke: (css, points) => mouseStroke(enginePage, page.mouse, css, points),
    screenshot: () => page.screenshot(),
    errors: async () => [...errors],
    close: () => context.close(),
  };
  return enginePage;
}
