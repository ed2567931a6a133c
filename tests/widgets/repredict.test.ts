/**
 * Re-predict on sections 1–3 in Chromium: the saved model loads on WebGL, and "check all" over the bundled
 * test images gives the build-time predictions back (argmax equal for all, probabilities within 1e-3).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, openSession, screenshot, startWidget, waitForData, type Session } from './browser';

const SEL = 'repredict-gallery';
let s: Session;

beforeAll(async () => {
  s = await openSession();
});
afterAll(async () => {
  await s?.close();
});

describe.each(['1', '2', '3'])('re-predict on section %s', (section) => {
  it('loads its model on WebGL and agrees with the build for every bundled image', async () => {
    // This Chromium's WebGL is SwiftShader, where the page prefers wasm: ask for WebGL to test that path.
    const { page, errors } = await openPage(s, `sections/${section}/?backend=webgl`);
    const el = await startWidget(page, SEL);
    expect(await el.getAttribute('data-state')).toBe('ready');
    expect(await el.getAttribute('data-backend')).toBe('webgl');
    await expect.poll(() => el.locator('[data-part="status"]').textContent()).toContain('WebGL');
    expect(await el.locator('[data-part="note"]').textContent()).toContain('(?backend=webgl)');
    expect((JSON.parse((await el.getAttribute('data-config')) ?? '{}') as { compare: boolean }).compare).toBe(true);

    await el.locator('[data-part="check"]').click();
    await waitForData(page, SEL, 'checkCount', (v) => Number(v) > 0);
    const d = await el.evaluate((e: HTMLElement) => ({ ...e.dataset }));
    const count = Number(d.checkCount);
    const maxDiff = Number(d.checkMaxDiff);
    console.log(
      `[widgets] section ${section} (${d.modelName}, webgl): ${d.checkAgree}/${count} argmax agree with the build, ` +
        `max |Δp| = ${maxDiff.toExponential(2)}, live accuracy ${((100 * Number(d.checkCorrect)) / count).toFixed(1)} %, ${d.checkMs} ms`,
    );
    expect(count).toBeGreaterThanOrEqual(200);
    expect(Number(d.checkAgree)).toBe(count);
    expect(maxDiff).toBeLessThanOrEqual(1e-3);
    await expect.poll(() => el.locator('[data-part="check-result"]').textContent()).toMatch(/agree with the build's for (\d+) of \1 images/);

    // Choosing an image (mouse, then keyboard) predicts it live.
    await el.locator('[data-part="grid"] button').nth(5).click();
    await waitForData(page, SEL, 'selected', (v) => v === '5');
    await expect.poll(() => el.locator('[data-part="caption"]').textContent()).toMatch(/Test image \d+: true class .+ Live prediction: /);
    await el.locator('[data-part="grid"] button').nth(5).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await waitForData(page, SEL, 'selected', (v) => v === '6');
    await page.keyboard.press('End');
    await page.keyboard.press('Space');
    await waitForData(page, SEL, 'selected', (v) => v === '39');
    await el.locator('[data-part="next"]').click();
    await expect.poll(() => el.locator('[data-part="page"]').textContent()).toContain('41–80');
    expect(await el.locator('li[data-class] .w-prob-value').first().textContent()).toMatch(/%/);

    await screenshot(el, `repredict-section-${section}`);
    expect(errors).toEqual([]);
  });
});
