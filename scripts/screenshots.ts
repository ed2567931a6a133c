/**
 * `npm run screenshots [-- --engine chromium|firefox|webkit|all] [--site <dist>]`: every page's widgets
 * as a reader sees them, in each engine, phone and desktop width, light and dark, into
 * .cache/screenshots/engines/<engine>/ (one PNG per view, named page-widget-width-scheme) to look at.
 * Dark is the page's own `prefers-color-scheme: dark` rules switched on in the page, since WebDriver
 * (WebKit) cannot emulate the media feature; what is shown is the site's dark theme either way.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEngines, settle, type EngineName } from './lib/browsers/engine.ts';
import { ROOT } from './lib/site.ts';
import { argValue, openHarness } from './browser-run.ts';

/** Page, and the widget to scroll to (each page's live part). */
const VIEWS: Array<[string, string]> = [
  ['', 'reproduce-study'],
  ['sections/2/', 'train-yourself'],
  ['sections/2/', 'reproduce-section'],
  ['sections/3/', 'draw-pad'],
  ['sections/6/', 'alpha-explorer'],
  ['sections/7/', 'hidden-layer'],
];
const WIDTHS = { phone: [390, 844], desktop: [1280, 900] } as const;

const DARK = `
  for (const sheet of document.styleSheets) {
    for (const rule of sheet.cssRules) {
      if (rule instanceof CSSMediaRule && rule.media.mediaText.includes('prefers-color-scheme: dark')) rule.media.mediaText = 'all';
    }
  }
  document.documentElement.style.colorScheme = 'dark';`;

let engines: EngineName[];
try {
  engines = parseEngines(argValue(process.argv, '--engine'), ['chromium', 'firefox', 'webkit']);
} catch (err) {
  console.error(`npm run screenshots: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
}
for (const name of engines) {
  const h = await openHarness(name, argValue(process.argv, '--site'));
  if ('skipped' in h) {
    console.log(`${name}: skipped: ${h.skipped}`);
    continue;
  }
  const dir = join(ROOT, '.cache', 'screenshots', 'engines', name);
  mkdirSync(dir, { recursive: true });
  try {
    for (const [width, [w, hgt]] of Object.entries(WIDTHS)) {
      const page = await h.engine.newPage({ width: w, height: hgt });
      for (const [path, widget] of VIEWS) {
        for (const scheme of ['light', 'dark'] as const) {
          await page.goto(h.site.url(path));
          if (scheme === 'dark') await page.run(DARK);
          await page.run('document.querySelector(arguments[0]).scrollIntoView({ block: "start" })', widget);
          // A widget starts when it scrolls into view: give it a moment to begin loading, then wait for it.
          await new Promise((r) => setTimeout(r, 1500));
          await settle(page);
          // Widgets above may have grown while loading and pushed this one down: scroll to it again.
          await page.run('document.querySelector(arguments[0]).scrollIntoView({ block: "start" })', widget);
          await page.run('return new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
          const file = join(dir, `${path.replace(/\W+/g, '-') || 'home-'}${widget}-${width}-${scheme}.png`);
          writeFileSync(file, await page.screenshot());
        }
      }
      const errors = await page.errors();
      console.log(`${h.engine.version} ${width}: ${VIEWS.length * 2} screenshots in ${dir}${errors.length ? `; page errors: ${errors.join(' | ')}` : ''}`);
      await page.close();
    }
  } finally {
    await h.close();
  }
}
