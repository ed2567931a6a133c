/**
 * The alpha explorer on sections 6 and 9: WebGL, the slider (keyboard) moves the prediction, the curve of
 * 100 blends is recomputed in one batch when the sources change (the median time is printed, not
 * asserted), tensors are disposed, and Fashion-MNIST pairs work with the fashion model.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { median } from '../../core/stats';
import { openPage, openSession, screenshot, startWidget, waitForData, type Session } from './browser';

const SEL = 'alpha-explorer';
let s: Session;

beforeAll(async () => {
  s = await openSession();
});
afterAll(async () => {
  await s?.close();
});

describe.each(['6', '9'])('alpha explorer on section %s', (section) => {
  it('predicts the blend live as the slider moves, against the section rule', async () => {
    const { page, errors } = await openPage(s, `sections/${section}/?backend=webgl`); // WebGL on purpose (SwiftShader here)
    const el = await startWidget(page, SEL);
    expect(await el.getAttribute('data-state')).toBe('ready');
    expect(await el.getAttribute('data-backend')).toBe('webgl');
    await waitForData(page, SEL, 'curveRuns', (v) => Number(v) >= 1);
    await waitForData(page, SEL, 'alpha', (v) => v === '0.5');
    expect(await el.getAttribute('data-curve-points')).toBe('100');
    // The original's pair: test images 1 (a '2') and 2 (a '1').
    expect(await el.locator('[data-part="src1"] option:checked').textContent()).toBe('#1 · 2');
    expect(await el.locator('[data-part="src2"] option:checked').textContent()).toBe('#2 · 1');
    const tensors = await el.getAttribute('data-tensors');

    const slider = el.locator('[data-part="alpha"]');
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await waitForData(page, SEL, 'alpha', (v) => v === '0.51');
    expect(await el.locator('[data-part="alpha-value"]').textContent()).toBe('0.51');
    await page.keyboard.press('Home');
    await waitForData(page, SEL, 'alpha', (v) => v === '-1');
    const atLow = await el.evaluate((e: HTMLElement) => ({ ...e.dataset }));
    const verdictLow = await el.locator('[data-part="verdict"]').textContent();
    await page.keyboard.press('End');
    await waitForData(page, SEL, 'alpha', (v) => v === '2');
    const atHigh = await el.evaluate((e: HTMLElement) => ({ ...e.dataset }));
    expect(atLow.truth).toBe('1');
    expect(atHigh.truth).toBe('2');
    expect(await el.locator('[data-part="verdict"]').textContent()).not.toBe(verdictLow);
    expect(await el.locator('[data-part="verdict"]').textContent()).toMatch(/^At α = 2\.00 the model predicts \S+; the rule \(α ≥ 0\.5\) says 2: (agrees|disagrees)\.$/);
    expect(await slider.getAttribute('aria-valuetext')).toBe('α = 2.00');
    // Dragging through many values: the last one wins, and no tensor is left behind.
    for (let k = 0; k < 30; k++) await page.keyboard.press('ArrowLeft');
    await waitForData(page, SEL, 'alpha', (v) => v === '1.7');
    expect(await el.getAttribute('data-tensors')).toBe(tensors);
    await screenshot(el, `alpha-section-${section}`);
    expect(errors).toEqual([]);
  });
});

describe('alpha explorer curve and fashion pairs', () => {
  /** Changes the first source `n` times and returns the widget's own timing of each curve recompute. */
  async function curveTimes(path: string, n: number): Promise<number[]> {
    const { page, errors } = await openPage(s, path);
    const el = await startWidget(page, SEL, 120_000);
    await waitForData(page, SEL, 'curveRuns', (v) => Number(v) >= 1);
    const times: number[] = [];
    for (let k = 0; k < n; k++) {
      const before = Number(await el.getAttribute('data-curve-runs'));
      await el.locator('[data-part="src1"]').selectOption(String(3 + k));
      await waitForData(page, SEL, 'curveRuns', (v) => Number(v) > before);
      times.push(Number(await el.getAttribute('data-curve-ms')));
    }
    expect(await el.locator('[data-part="curve"] polyline').count()).toBe(10);
    expect(await el.locator('[data-part="curve-summary"]').textContent()).toMatch(/^Predicted class along the curve: /);
    expect(errors).toEqual([]);
    return times;
  }

  const report = (label: string, times: number[]) => {
    const sorted = [...times].sort((a, b) => a - b);
    console.log(
      `[widgets] α curve, 100 blends in one batch (${label}): median ${median(times).toFixed(1)} ms over ${times.length} recomputes ` +
        `(min ${sorted[0].toFixed(1)}, max ${sorted.at(-1)!.toFixed(1)})`,
    );
  };

  it('recomputes the 100-blend curve when the sources change (median time printed, not asserted)', async () => {
    report('the page\'s own choice: wasm, as WebGL here is SwiftShader', await curveTimes('sections/9/', 25));
    report('forced webgl, for comparison', await curveTimes('sections/9/?backend=webgl', 15));
  });

  it('offers Fashion-MNIST pairs with the fashion model', async () => {
    const { page, errors } = await openPage(s, 'sections/6/');
    const el = await startWidget(page, SEL);
    await waitForData(page, SEL, 'curveRuns', (v) => Number(v) >= 1);
    await el.locator('[data-part="dataset-fashion"]').check();
    await waitForData(page, SEL, 'dataset', (v) => v === 'fashion');
    await waitForData(page, SEL, 'curveRuns', (v) => Number(v) >= 2);
    await expect.poll(() => el.getAttribute('data-state')).toBe('ready');
    expect(await el.locator('[data-part="status"]').textContent()).toContain('fashion-128');
    expect(await el.locator('[data-part="src1"] option:checked').textContent()).toMatch(/· Pullover$/);
    expect(await el.locator('[data-part="src2"] option:checked').textContent()).toMatch(/· Trouser$/);
    await expect.poll(() => el.locator('[data-part="verdict"]').textContent()).toMatch(/says (Pullover|Trouser)/);
    await screenshot(el, 'alpha-fashion');
    expect(errors).toEqual([]);
  });
});
