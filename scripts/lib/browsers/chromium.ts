/**
 * Chromium (or Chrome) driven by playwright-core, never a downloaded browser: CHROMIUM_PATH, then the
 * places chrome-launcher knows (CHROME_PATH, Debian's /usr/bin/chromium, /Applications/Google Chrome.app,
 * Program Files…), so a developer on macOS or Windows runs the same tests. Playwright's default flags
 * give WebGL on SwiftShader (see notes.md): keep them.
 */
import { existsSync } from 'node:fs';
import { Launcher } from 'chrome-launcher';
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';

export const CHROMIUM_INSTALL = 'install Chromium or Chrome (Debian: apt-get install chromium) or set CHROMIUM_PATH to its binary';

/** The Chromium or Chrome binary to drive, or null when none is installed. */
export function chromiumPath(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  try {
    return Launcher.getFirstInstallation() ?? null;
  } catch {
    // chrome-launcher throws on platforms it does not know.
    return null;
  }
}

/** The binary, or an error that says how to install one. */
function requireChromium(): string {
  const path = chromiumPath();
  if (!path) throw new Error(`No Chromium or Chrome found: ${CHROMIUM_INSTALL}.`);
  return path;
}

export function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({ executablePath: requireChromium(), ...options });
}
