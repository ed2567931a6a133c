/**
 * The hidden-layer widget on section 7: a sub-model of the saved model gives the hidden activations live
 * on WebGL, equal to the build-time ones section 7 lists; the heatmap is readable by pointer and keyboard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, openSession, screenshot, startWidget, waitForData, type Session } from './browser';

const SEL = 'hidden-layer';
let s: Session;

beforeAll(async () => {
  s = await openSession();
});
afterAll(async () => {
  await s?.close();
});

describe('hidden layer on section 7', () => {
  it('shows the live activations of the saved model, equal to the build', async () => {
    const { page, errors } = await openPage(s, 'sections/7/?backend=webgl'); // WebGL on purpose: the page would pick wasm on SwiftShader
    const el = await startWidget(page, SEL);
    expect(await el.getAttribute('data-state')).toBe('ready');
    expect(await el.getAttribute('data-backend')).toBe('webgl');
    const diff = Number(await waitForData(page, SEL, 'referenceDiff', () => true));
    const units = (JSON.parse((await el.getAttribute('data-config')) ?? '{}') as { units: number }).units;
    console.log(`[widgets] hidden layer (webgl): ${units} units, max |Δ| against section 7's build-time activations ${diff.toExponential(2)}`);
    expect(diff).toBeLessThanOrEqual(1e-3);
    const summary = await el.locator('[data-part="summary"]').textContent();
    expect(summary).toMatch(new RegExp(`\\d+ of ${units} units active`));
    const values = (await el.locator('[data-part="values"]').textContent()) ?? '';
    expect(values.split(' · ')).toHaveLength(units);
    const heat = el.locator('[data-part="heatmap"]');
    expect(await heat.evaluate((c: HTMLCanvasElement) => c.width * c.height)).toBeGreaterThan(0);

    // Keyboard: focus the heatmap, move right and down.
    await heat.focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => el.locator('[data-part="readout"]').textContent()).toMatch(/^Unit 1: /);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => el.locator('[data-part="readout"]').textContent()).toMatch(/^Unit (17|21): /);
    // Pointer: hover the first cell.
    const box = (await heat.boundingBox())!;
    await page.mouse.move(box.x + 3, box.y + 3);
    await expect.poll(() => el.locator('[data-part="readout"]').textContent()).toMatch(/^Unit 0: /);

    // Another image: the activations follow.
    const first = await el.getAttribute('data-index');
    await el.locator('[data-part="next"]').click();
    await waitForData(page, SEL, 'index', (v) => v !== first);
    await screenshot(el, 'hidden-layer');
    expect(errors).toEqual([]);
  });
});
