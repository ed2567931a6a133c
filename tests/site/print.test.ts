/**
 * Printing a section (Chromium's "Save as PDF"): the print stylesheet gives a sheet with the section's
 * title and static figures, and without navigation or live widgets. The PDF's text is read with pdf.js.
 */
import type { Browser } from 'playwright-core';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../scripts/lib/browsers/chromium.ts';
import { startSite, type Site } from '../../scripts/lib/site';

let site: Site;
let browser: Browser;
beforeAll(async () => {
  site = await startSite();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await site?.close();
});

async function pdfText(pdf: Buffer): Promise<{ pages: number; text: string }> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  let text = '';
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    text += content.items.map((it) => ('str' in it ? it.str : '')).join(' ') + '\n';
  }
  return { pages: doc.numPages, text };
}

describe('print', () => {
  it('section 1 prints as a clean PDF: its title and figures, no navigation, no live widgets', async () => {
    const page = await browser.newPage();
    await page.goto(site.url('sections/1/'), { waitUntil: 'load' });
    const title = (await page.locator('h1').textContent())!.trim();
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.nav-sections').isVisible()).toBe(false);
    expect(await page.locator('.w-shell').first().isVisible()).toBe(false);
    expect(await page.locator('.chart-svg').first().isVisible()).toBe(true);
    const { pages, text } = await pdfText(await page.pdf({ format: 'A4', printBackground: false }));
    console.log(`[print] sections/1/ → ${pages} A4 pages`);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(pages).toBeLessThanOrEqual(20);
    expect(text.replace(/\s+/g, ' ')).toContain(title);
    expect(text).not.toContain('Skip to content');
    await page.close();
  });
});
