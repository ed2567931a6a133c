/**
 * The drawing pad on section 3: synthetic digits drawn as pointer events (mouse, touch through the
 * DevTools protocol, pen as synthetic PointerEvents) are read correctly; clearing by button and keyboard;
 * image files are checked (type, size, decodability) and a real MNIST digit as a PNG is recognised.
 */
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, openSession, screenshot, startWidget, waitForData, type Session } from './browser';
import { mnistPng } from './mnist-png';
import { DIGITS, type Stroke } from './strokes';

const SEL = 'draw-pad';
let s: Session;

beforeAll(async () => {
  s = await openSession();
});
afterAll(async () => {
  await s?.close();
});

type Device = 'mouse' | 'touch' | 'pen';

async function padBox(pad: Locator) {
  const box = await pad.boundingBox();
  if (!box) throw new Error('the pad is not visible');
  return box;
}

/** Draws strokes (unit coordinates) on the pad with the given kind of pointer. */
async function draw(page: Page, pad: Locator, strokes: Stroke[], device: Device): Promise<void> {
  const box = await padBox(pad);
  const at = ([x, y]: [number, number]) => ({ x: box.x + x * box.width, y: box.y + y * box.height });
  if (device === 'mouse') {
    for (const stroke of strokes) {
      await page.mouse.move(at(stroke[0]).x, at(stroke[0]).y);
      await page.mouse.down();
      for (const p of stroke.slice(1)) await page.mouse.move(at(p).x, at(p).y, { steps: 2 });
      await page.mouse.up();
    }
  } else if (device === 'touch') {
    const cdp = await page.context().newCDPSession(page);
    for (const stroke of strokes) {
      const points = stroke.map(at);
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [points[0]] });
      for (const p of points.slice(1)) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [p] });
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    }
    await cdp.detach();
  } else {
    const points = strokes.map((st) => st.map(at));
    await pad.evaluate((canvas, strokesPx) => {
      strokesPx.forEach((stroke, k) => {
        const init = (p: { x: number; y: number }) =>
          ({ pointerId: 40 + k, pointerType: 'pen', isPrimary: true, bubbles: true, clientX: p.x, clientY: p.y, pressure: 0.5, button: 0, buttons: 1 }) as PointerEventInit;
        canvas.dispatchEvent(new PointerEvent('pointerdown', init(stroke[0])));
        for (const p of stroke.slice(1)) canvas.dispatchEvent(new PointerEvent('pointermove', init(p)));
        canvas.dispatchEvent(new PointerEvent('pointerup', { ...init(stroke[stroke.length - 1]), buttons: 0 }));
      });
    }, points);
  }
}

async function predicted(page: Page): Promise<number> {
  await page.waitForTimeout(150);
  return Number(await waitForData(page, SEL, 'predicted', () => true));
}

async function clearPad(page: Page, el: Locator): Promise<void> {
  await el.locator('[data-part="clear"]').click();
  await page.waitForFunction((sel) => document.querySelector<HTMLElement>(sel)?.dataset.predicted === undefined, SEL);
}

describe('drawing pad', () => {
  it('reads synthetic digits drawn with mouse, touch and pen', async () => {
    const { page, errors } = await openPage(s, 'sections/3/?backend=webgl', { width: 1100, height: 1000 }); // WebGL on purpose (SwiftShader here)
    const modelRequests: string[] = [];
    page.on('request', (r) => r.url().includes('/models/') && modelRequests.push(r.url()));
    const el = await startWidget(page, SEL);
    expect(await el.getAttribute('data-state')).toBe('ready');
    expect(await el.getAttribute('data-backend')).toBe('webgl');
    const pad = el.locator('[data-part="pad"]');
    await pad.scrollIntoViewIfNeeded();
    const cases: Array<[number, Device]> = [
      [0, 'mouse'],
      [1, 'mouse'],
      [7, 'touch'],
      [4, 'pen'],
      [3, 'mouse'],
      [2, 'mouse'],
    ];
    const results: string[] = [];
    const wrong: string[] = [];
    for (const [digit, device] of cases) {
      await clearPad(page, el);
      await draw(page, pad, DIGITS[digit], device);
      const got = await predicted(page);
      results.push(`${digit} (${device}) → ${got}`);
      if (digit === 4) await screenshot(el, 'draw-pad');
      if (got !== digit) wrong.push(`a drawn ${digit} (${device}) read as ${got}`);
    }
    console.log(`[widgets] drawn digits: ${results.join(', ')}`);
    expect(wrong).toEqual([]);
    // What the model sees: a 28 × 28 canvas with ink.
    const ink = await el.locator('[data-part="input"]').evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, 28, 28).data;
      let on = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i] > 0) on++;
      return { w: c.width, h: c.height, on };
    });
    expect(ink).toMatchObject({ w: 28, h: 28 });
    expect(ink.on).toBeGreaterThan(20);
    // Clearing by keyboard.
    await pad.focus();
    await page.keyboard.press('Delete');
    await page.waitForFunction((sel) => document.querySelector<HTMLElement>(sel)?.dataset.predicted === undefined, SEL);
    expect(await el.locator('[data-part="result"]').textContent()).toContain('Draw a digit');
    // The re-predict widget on the same page shares the model: one download of model.json and weights.
    await startWidget(page, 'repredict-gallery');
    expect(await page.locator('repredict-gallery').getAttribute('data-state')).toBe('ready');
    expect(modelRequests.filter((u) => u.endsWith('/digits-fashion/models/digits-300/model.json'))).toHaveLength(1);
    expect(modelRequests.filter((u) => u.endsWith('.bin'))).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it('checks image files and reads an MNIST digit from a PNG', async () => {
    const { page, errors } = await openPage(s, 'sections/3/');
    const el = await startWidget(page, SEL);
    const input = el.locator('[data-part="file"]');
    const message = el.locator('[data-part="message"]');
    await input.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not an image') });
    await expect.poll(() => message.textContent()).toContain('please use a PNG, JPEG, GIF, WebP or BMP image');
    await input.setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: Buffer.alloc(6 * 1024 * 1024, 1) });
    await expect.poll(() => message.textContent()).toContain('images up to 5.0 MB are accepted');
    await input.setInputFiles({ name: 'broken.png', mimeType: 'image/png', buffer: Buffer.from('PNG? no.') });
    await expect.poll(() => message.textContent()).toContain('could not be read as an image');
    // Test image 0 is a 7: white on black as in MNIST, and dark ink on white paper.
    for (const invert of [false, true]) {
      await clearPad(page, el);
      await input.setInputFiles({ name: `seven-${invert ? 'paper' : 'mnist'}.png`, mimeType: 'image/png', buffer: await mnistPng(0, invert) });
      await expect.poll(() => message.textContent()).toContain('Showing “seven-');
      expect(await predicted(page)).toBe(7);
    }
    expect(errors).toEqual([]);
  });
});
