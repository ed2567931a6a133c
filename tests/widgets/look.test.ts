/**
 * Every widget, ready, in light and dark, wide and phone-narrow: a screenshot to look at under
 * .cache/screenshots/, and axe-core (WCAG 2 A/AA) on the widget itself. Also: without JavaScript the
 * widget body stays hidden and only the explanatory sentence shows.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/site';
import { SCREENSHOTS, openSession, startWidget, waitForData, type Session } from './browser';

const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');
/** Page, widget, and the data-* key each sets once its first live result is on screen. */
const WIDGETS: Array<[string, string, string | null]> = [
  ['sections/1/', 'repredict-gallery', 'livePrediction'],
  ['sections/3/', 'draw-pad', null],
  ['sections/9/', 'alpha-explorer', 'predicted'],
  ['sections/7/', 'hidden-layer', 'index'],
];

interface AxeResult {
  violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }>;
}

let s: Session;
beforeAll(async () => {
  s = await openSession();
});
afterAll(async () => {
  await s?.close();
});

describe.each(WIDGETS)('%s %s', (path, sel, shown) => {
  it.each([
    ['light', 1280],
    ['dark', 360],
  ] as const)('looks right and passes axe (%s, %i px)', async (scheme, width) => {
    // bypassCSP only so that axe can be injected; the widgets run under the page's CSP everywhere else.
    const context = await s.browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme, bypassCSP: true });
    context.setDefaultTimeout(90_000);
    const page = await context.newPage();
    await page.goto(s.site.url(path));
    const el = await startWidget(page, sel);
    expect(await el.getAttribute('data-state')).toBe('ready');
    if (shown) await waitForData(page, sel, shown, () => true);
    await page.waitForTimeout(300);
    await el.screenshot({ path: join(SCREENSHOTS, `look-${sel}-${scheme}-${width}.png`) });
    await page.addScriptTag({ path: AXE });
    const result = await el.evaluate(async (node) => {
      const axe = (window as unknown as { axe: { run: (n: Element, o: object) => Promise<AxeResult> } }).axe;
      return axe.run(node, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa'] } });
    });
    const problems = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('without JavaScript', () => {
  it('keeps the widget bodies hidden and says what is missing', async () => {
    const context = await s.browser.newContext({ javaScriptEnabled: false });
    context.setDefaultTimeout(90_000);
    const page = await context.newPage();
    for (const [path, sel] of WIDGETS) {
      await page.goto(s.site.url(path));
      const el = page.locator(sel);
      expect(await el.locator('[data-part="body"]').isHidden()).toBe(true);
      expect(await el.locator('[data-part="status"]').textContent()).toContain('needs JavaScript');
    }
    await context.close();
  });
});
