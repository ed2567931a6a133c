/**
 * The cross-engine page interface (engine.ts) for WebKit: WebKitGTK's MiniBrowser driven by
 * `WebKitWebDriver` over W3C WebDriver (webdriver.ts), under `xvfb-run` when there is no display
 * (MiniBrowser has no headless mode). One browser window per driver: each new page is a new session,
 * which also gives it fresh storage.
 *
 * Classic WebDriver has no console events, so errors are collected by hooks the page gets after each
 * navigation (console.error, error, unhandledrejection): an error thrown while the page loads, before
 * the hooks, is not seen; the widgets start on scroll, after them.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Engine, EnginePage, Launched } from './engine.ts';
import { boxOf, STEADY_TARGET, strokePixels } from './engine.ts';
import { largestProcessMb } from './process-memory.ts';
import { WebDriverNoAnswer, WebDriverSession, type ActionSource } from './webdriver.ts';

export const WEBKIT_INSTALL = 'install WebKitGTK\'s driver and a virtual display (Debian: apt-get install webkit2gtk-driver xvfb) or set WEBKIT_DRIVER_PATH and WEBKIT_BROWSER_PATH';

function onPath(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

export function webkitPaths(): { driver: string; browser: string; xvfb: boolean } | null {
  const driver = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
  const browser = process.env.WEBKIT_BROWSER_PATH ?? findMiniBrowser();
  if (!existsSync(driver) || !browser || !existsSync(browser)) return null;
  const xvfb = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  if (xvfb && !onPath('xvfb-run')) return null;
  return { driver, browser, xvfb };
}

/** Debian and Ubuntu put MiniBrowser under /usr/lib/<triplet>/webkit2gtk-4.1 (or 4.0, webkitgtk-6.0). */
function findMiniBrowser(): string | null {
  for (const lib of ['/usr/lib', '/usr/libexec']) {
    if (!existsSync(lib)) continue;
    const dirs = [lib, ...readdirSync(lib).map((d) => join(lib, d))];
    for (const dir of dirs) {
      for (const flavour of ['webkit2gtk-4.1', 'webkitgtk-6.0', 'webkit2gtk-4.0']) {
        const p = join(dir, flavour, 'MiniBrowser');
        if (existsSync(p)) return p;
      }
    }
  }
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitReady(endpoint: string, driver: ChildProcess, log: () => string): Promise<void> {
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    if (driver.exitCode !== null) throw new Error(`WebKitWebDriver exited (${driver.exitCode}): ${log()}`);
    try {
      const res = await fetch(`${endpoint}/status`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`WebKitWebDriver did not answer on ${endpoint} within 30 s: ${log()}`);
}

/** A running WebKitWebDriver: its endpoint and how to stop it (with its Xvfb and browsers). */
interface Driver {
  endpoint: string;
  stop(): void;
}

async function startDriver(paths: { driver: string; xvfb: boolean }): Promise<Driver> {
  const port = await freePort();
  const command = paths.xvfb ? ['xvfb-run', '-a', paths.driver, `--port=${port}`] : [paths.driver, `--port=${port}`];
  // Its own process group: xvfb-run starts Xvfb and the driver, the driver starts MiniBrowser.
  const driver = spawn(command[0], command.slice(1), { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  driver.stdout?.on('data', (d) => (log += d));
  driver.stderr?.on('data', (d) => (log += d));
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = () => {
    try {
      process.kill(-driver.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  try {
    await waitReady(endpoint, driver, () => log.slice(-500));
  } catch (err) {
    stop();
    throw err;
  }
  return { endpoint, stop };
}

/**
 * A new session normally starts MiniBrowser in 1–3 s. On a loaded machine one start now and then never
 * answers (seen twice in dozens of suites, the driver then stays stuck): after this long the driver is
 * restarted and the session asked for once more.
 */
const SESSION_START_MS = 60_000;

export async function launchWebKitEngine(): Promise<Launched> {
  const paths = webkitPaths();
  if (!paths) return { skipped: `WebKit: not installed; ${WEBKIT_INSTALL}.` };
  let driver = await startDriver(paths);
  const capabilities = { 'webkitgtk:browserOptions': { binary: paths.browser, args: ['--automation'] } };
  const newSession = async (): Promise<WebDriverSession> => {
    try {
      return await WebDriverSession.create(driver.endpoint, capabilities, SESSION_START_MS);
    } catch (err) {
      if (!(err instanceof WebDriverNoAnswer)) throw err;
      console.warn(`WebKit: ${err.message}; restarting WebKitWebDriver and trying once more.`);
      driver.stop();
      driver = await startDriver(paths);
      return WebDriverSession.create(driver.endpoint, capabilities, SESSION_START_MS);
    }
  };
  let current: WebDriverSession | null;
  try {
    current = await newSession();
  } catch (err) {
    driver.stop();
    throw err;
  }
  const version = `WebKitGTK ${String(current.capabilities.browserVersion ?? '?')}`;
  return {
    name: 'webkit',
    version,
    newPage: async (viewport = { width: 1100, height: 900 }) => {
      if (!current) current = await newSession();
      const session = current;
      current = null;
      // The next page gets a new session; this one ends when the page is closed.
      return openPage(session, viewport, async () => {
        await session.close();
      });
    },
    contentMemoryMb: () => largestProcessMb(/WebKitWebProcess/),
    close: async () => {
      await current?.close();
      driver.stop();
    },
  } satisfies Engine;
}

/** WebDriver's codes for the keys the widgets use (https://www.w3.org/TR/webdriver2/#keyboard-actions). */
const KEYS: Record<string, string> = {
  ArrowLeft: '\uE012', ArrowUp: '\uE013', ArrowRight: '\uE014', ArrowDown: '\uE015',
  Home: '\uE011', End: '\uE010', PageUp: '\uE00E', PageDown: '\uE00F',
  Enter: '\uE007', Escape: '\uE00C', Tab: '\uE004', Space: '\uE00D', ' ': '\uE00D',
};

const HOOKS = `if (!window.__engineErrors) {
  const errs = (window.__engineErrors = []);
  const original = console.error;
  console.error = function (...a) { errs.push('console error: ' + a.map(String).join(' ')); return original.apply(this, a); };
  addEventListener('error', (e) => errs.push('uncaught: ' + e.message));
  addEventListener('unhandledrejection', (e) => errs.push('uncaught (in promise): ' + (e.reason && e.reason.message ? e.reason.message : String(e.reason))));
}`;

async function openPage(s: WebDriverSession, viewport: { width: number; height: number }, end: () => Promise<void>): Promise<EnginePage> {
  await s.setTimeouts({ script: 120_000, pageLoad: 120_000 });
  await s.setWindowSize(viewport.width, viewport.height);
  // Errors of pages already left (each navigation starts a new document and new hooks).
  const earlier: string[] = [];
  const current = () => s.execute<string[] | null>('return window.__engineErrors ?? null').catch(() => null);
  const page: EnginePage = {
    engine: 'webkit',
    goto: async (url) => {
      earlier.push(...((await current()) ?? []));
      await s.navigate(url);
      await s.execute(HOOKS);
    },
    run: (body, ...args) => s.execute(body, args),
    click: async (css) => {
      await s.execute(STEADY_TARGET, [css]);
      await s.click(css);
    },
    press: async (css, ...keys) => {
      await s.execute('document.querySelector(arguments[0]).focus()', [css]);
      const actions = keys.flatMap((k) => [{ type: 'keyDown', value: KEYS[k] ?? k }, { type: 'keyUp', value: KEYS[k] ?? k }]);
      await s.performActions([{ type: 'key', id: 'keyboard', actions }]);
    },
    stroke: async (css, points) => {
      const pixels = strokePixels(await boxOf(page, css), points);
      const move = ([x, y]: [number, number]) => ({ type: 'pointerMove', origin: 'viewport', x, y, duration: 10 });
      const source: ActionSource = {
        type: 'pointer',
        id: 'mouse',
        parameters: { pointerType: 'mouse' },
        actions: [move(pixels[0]), { type: 'pointerDown', button: 0 }, ...pixels.slice(1).map(move), { type: 'pointerUp', button: 0 }],
      };
      await s.performActions([source]);
    },
    screenshot: () => s.screenshot(),
    errors: async () => [...earlier, ...((await current()) ?? [])],
    close: end,
  };
  return page;
}
