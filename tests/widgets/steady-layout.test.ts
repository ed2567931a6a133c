/**
 * A widget takes its final room when the page loads, not when it starts (its model loads only once it
 * scrolls into view): otherwise it grows as the reader scrolls to it and pushes down what they were
 * reading or about to click (WebKit has no scroll anchoring to hide it). Each model widget's body is
 * measured before it starts and once it is ready, on a phone and on a wide screen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type Session } from './browser';

const WIDGETS: Array<[string, string]> = [
  ['sections/1/', 'repredict-gallery'],
  ['sections/3/', 'draw-pad'],
  ['sections/7/', 'hidden-layer'],
  ['sections/9/', 'alpha-explorer'],
];
/** About a line: a probability that wraps under its build-time figure on a phone is allowed (22 px measured). */
const TOLERANCE_PX = 32;

let s: Session;
beforeAll(async () => {
  s = await openSession();
});
afterAll(async () => {
  await s?.close();
});

describe.each([390, 1280])('at %i px wide', (width) => {
  it.each(WIDGETS)('%s %s keeps its height and place when it starts', async (path, tag) => {
    // A short viewport keeps the widget out of view (and not started) until it is scrolled to.
    const context = await s.browser.newContext({ viewport: { width, height: 300 }, deviceScaleFactor: 1 });
    context.setDefaultTimeout(90_000);
    const page = await context.newPage();
    await page.goto(s.site.url(path), { waitUntil: 'load' });
    const measure = () =>
      page.evaluate((t) => {
        const root = document.querySelector<HTMLElement>(t)!;
        const body = root.querySelector<HTMLElement>('[data-part="body"]')!;
        const r = body.getBoundingClientRect();
        return { state: root.dataset.state, hidden: body.hidden, top: r.top - root.getBoundingClientRect().top, height: r.height };
      }, tag);
    await page.waitForFunction((t) => document.querySelector<HTMLElement>(t)?.dataset.started === 'true', tag);
    const before = await measure();
    expect(before.state, 'the widget must not have started before it was scrolled to').toBe('idle');
    expect(before.hidden).toBe(false);
    await page.locator(tag).scrollIntoViewIfNeeded();
    await page.waitForFunction((t) => document.querySelector<HTMLElement>(t)?.dataset.state === 'ready', tag);
    const after = await measure();
    console.log(`${path} ${tag} at ${width} px: body ${Math.round(before.height)} → ${Math.round(after.height)} px high, top ${Math.round(before.top)} → ${Math.round(after.top)} px`);
    expect(Math.abs(after.top - before.top)).toBeLessThanOrEqual(TOLERANCE_PX);
    expect(Math.abs(after.height - before.height)).toBeLessThanOrEqual(TOLERANCE_PX);
    await context.close();
  });
});
