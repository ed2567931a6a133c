/**
 * The whole report as one PDF, like the original's project sheet: home, the nine sections in order and
 * methods, each printed by Chromium with the site's print stylesheet (the built site under its sub-path
 * base, served from 127.0.0.1), then joined into one file with page numbers across the whole document.
 *
 *   npm run pdf                        # → dist-pdf/report.pdf
 *   npm run pdf -- --out report.pdf
 *
 * Not a test (tests/site/print.test.ts prints one page and checks it).
 */
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import type { Page } from 'playwright-core';
import { CHROMIUM_INSTALL, chromiumPath, launchChromium } from './lib/browsers/chromium.ts';
import { ROOT, startSite } from './lib/site';
import { writeFileAtomic } from '../training/output/atomic';
import { REPORT_PAGES } from './lib/report-pages';

const DEFAULT_OUT = join(ROOT, 'dist-pdf', 'report.pdf');
const TITLE = 'Digits & Fashion: a Keras MLP study on MNIST and Fashion-MNIST, re-created';

function parseArgs(argv: string[]): { out: string } {
  let out = DEFAULT_OUT;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') {
      const v = argv[++i];
      if (!v) throw new Error('--out needs a file path, e.g. --out report.pdf');
      out = resolve(v);
    } else if (argv[i] === '--help') {
      console.log('npm run pdf -- [--out FILE.pdf]   (default: dist-pdf/report.pdf)');
      process.exit(0);
    } else throw new Error(`unknown argument "${argv[i]}": the only option is --out FILE.pdf`);
  }
  return { out };
}

/** Lazy images below the fold would print as empty boxes: load every one before printing. */
async function loadAllImages(page: Page): Promise<void> {
  const broken = await page.evaluate(async () => {
    const images = [...document.images];
    for (const img of images) img.loading = 'eager';
    await Promise.all(images.map((img) => img.decode().catch(() => undefined)));
    return images.filter((img) => !img.complete || img.naturalWidth === 0).map((img) => img.currentSrc || img.src);
  });
  if (broken.length) throw new Error(`${page.url()}: ${broken.length} image(s) did not load (${broken.join(', ')}); is the build complete?`);
}

let out: string;
try {
  ({ out } = parseArgs(process.argv.slice(2)));
} catch (err) {
  console.error(`npm run pdf: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
}
if (!chromiumPath()) {
  console.error(`npm run pdf: no Chromium or Chrome found: ${CHROMIUM_INSTALL}.`);
  process.exit(1);
}

const site = await startSite();
const browser = await launchChromium();
const report = await PDFDocument.create();
try {
  const page = await browser.newPage();
  await page.emulateMedia({ media: 'print' });
  for (const path of REPORT_PAGES) {
    const res = await page.goto(site.url(path), { waitUntil: 'load' });
    if (!res?.ok()) throw new Error(`${site.url(path)} answered HTTP ${res?.status() ?? '(no response)'}: is the build complete?`);
    await loadAllImages(page);
    const pdf = await PDFDocument.load(await page.pdf({ format: 'A4', margin: { top: '14mm', bottom: '16mm', left: '14mm', right: '14mm' } }));
    for (const p of await report.copyPages(pdf, pdf.getPageIndices())) report.addPage(p);
    console.error(`${site.base}${path}: ${pdf.getPageCount()} pages`);
  }
} finally {
  await browser.close();
  await site.close();
}

// Numbers across the whole report (Chromium's own footer would restart at 1 on every web page).
const font = await report.embedFont(StandardFonts.Helvetica);
const total = report.getPageCount();
report.getPages().forEach((p, i) => {
  const text = `${i + 1} / ${total}`;
  p.drawText(text, { x: p.getWidth() - 40 - font.widthOfTextAtSize(text, 8), y: 20, size: 8, font, color: rgb(0.35, 0.35, 0.35) });
});
report.setTitle(TITLE);
report.setCreator('npm run pdf (Chromium page.pdf, joined with pdf-lib)');

await writeFileAtomic(out, await report.save());
console.log(`${out}: ${total} pages, ${(statSync(out).size / 1024 / 1024).toFixed(2)} MB, from ${REPORT_PAGES.length} web pages`);
