/**
 * Widget state in the address, in Chromium against the built site under its sub-path base: a shared link
 * restores the α explorer, the re-predict choice and the hidden-layer image; changing the view changes the
 * address (without clobbering ?backend= or another widget's keys); a bad or stale value gives the default
 * and a note, never an error; "copy link" hands out the current view.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, openSession, startWidget, waitForData, type Session } from './browser';

let s: Session;

beforeAll(async () => {
  s = await openSession();
});
afterAll(async () => {
  await s?.close();
});

const params = (url: string) => Object.fromEntries(new URL(url).searchParams);

describe('the α explorer in the address', () => {
  it('restores dataset, both images and α from a link, and writes changes back', async () => {
    const { page, errors } = await openPage(s, 'sections/6/?backend=wasm&alpha.ds=digits&alpha.i1=3&alpha.i2=2&alpha.a=0.73');
    const SEL = 'alpha-explorer';
    const el = await startWidget(page, SEL);
    await waitForData(page, SEL, 'alpha', (v) => v === '0.73');
    expect(await el.locator('[data-part="src1"] option:checked').textContent()).toMatch(/^#3 · /);
    expect(await el.locator('[data-part="src2"] option:checked').textContent()).toBe('#2 · 1');
    expect(await el.locator('[data-part="alpha-value"]').textContent()).toBe('0.73');
    expect(await el.locator('[data-part="address-note"]').isHidden()).toBe(true);

    // Moving the slider and choosing another image: the address follows, ?backend= stays.
    await el.locator('[data-part="alpha"]').focus();
    await page.keyboard.press('ArrowRight');
    await waitForData(page, SEL, 'alpha', (v) => v === '0.74');
    await el.locator('[data-part="src2"]').selectOption({ index: 7 });
    const picked = (await el.locator('[data-part="src2"] option:checked').textContent())!.match(/^#(\d+)/)![1];
    await expect.poll(() => params(page.url())).toEqual({ backend: 'wasm', 'alpha.i1': '3', 'alpha.i2': picked, 'alpha.a': '0.74' });
    expect(new URL(page.url()).pathname).toBe(`${s.site.base}sections/6/`);

    // Back to the default pair and α: the address is plain again (apart from ?backend=).
    await el.locator('[data-part="src1"]').selectOption({ label: '#1 · 2' });
    await el.locator('[data-part="src2"]').selectOption({ label: '#2 · 1' });
    await el.locator('[data-part="alpha"]').fill('0.5');
    await expect.poll(() => params(page.url())).toEqual({ backend: 'wasm' });

    // Fashion-MNIST: only the dataset differs from its defaults.
    await el.locator('[data-part="dataset-fashion"]').check();
    await waitForData(page, SEL, 'dataset', (v) => v === 'fashion');
    await expect.poll(() => params(page.url())).toEqual({ backend: 'wasm', 'alpha.ds': 'fashion' });
    expect(errors).toEqual([]);
  });

  it('restores a Fashion-MNIST view from its link', async () => {
    const { page, errors } = await openPage(s, 'sections/9/?alpha.ds=fashion&alpha.a=1.5');
    const el = await startWidget(page, 'alpha-explorer');
    await waitForData(page, 'alpha-explorer', 'alpha', (v) => v === '1.5');
    expect(await el.getAttribute('data-dataset')).toBe('fashion');
    expect(await el.locator('[data-part="dataset-fashion"]').isChecked()).toBe(true);
    expect(await el.locator('[data-part="src1"] option:checked').textContent()).toMatch(/· Pullover$/);
    expect(errors).toEqual([]);
  });

  it('falls back to the defaults with a note for an unknown dataset, a missing image and a NaN α', async () => {
    const { page, errors } = await openPage(s, 'sections/6/?alpha.ds=cifar&alpha.i1=9999&alpha.i2=2&alpha.a=NaN');
    const SEL = 'alpha-explorer';
    const el = await startWidget(page, SEL);
    expect(await el.getAttribute('data-state')).toBe('ready');
    await waitForData(page, SEL, 'alpha', (v) => v === '0.5');
    expect(await el.getAttribute('data-dataset')).toBe('digits');
    expect(await el.locator('[data-part="src1"] option:checked').textContent()).toBe('#1 · 2');
    expect(await el.locator('[data-part="src2"] option:checked').textContent()).toBe('#2 · 1');
    const note = el.locator('[data-part="address-note"]');
    expect(await note.isVisible()).toBe(true);
    const text = (await note.textContent()) ?? '';
    expect(text).toContain('alpha.ds=“cifar”');
    expect(text).toContain('alpha.a=“NaN” is not a number from −1 to 2');
    expect(text).toMatch(/alpha\.i1=“9999” is not one of the \d+ test images bundled with this page/);
    expect(text).toContain('shows the defaults instead');
    // The bad values leave the address; the good one (the default i2) needs no key either.
    await expect.poll(() => page.url()).toBe(s.site.url('sections/6/'));
    expect(errors).toEqual([]);
  });

  it('copies a link to the current view that opens the same view', async () => {
    const { page, errors } = await openPage(s, 'sections/6/?alpha.a=1.25');
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: s.site.origin });
    const el = await startWidget(page, 'alpha-explorer');
    await waitForData(page, 'alpha-explorer', 'alpha', (v) => v === '1.25');
    await el.locator('[data-part="share"]').click();
    await waitForData(page, 'alpha-explorer', 'shared', () => true);
    const link = await el.locator('[data-part="share-url"]').inputValue();
    expect(link).toBe(`${s.site.url('sections/6/?alpha.a=1.25')}#live-alpha`);
    if ((await el.getAttribute('data-shared')) === 'clipboard') {
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
      expect(await el.locator('[data-part="share-status"]').textContent()).toBe('Link copied.');
    }
    expect(errors).toEqual([]);
  });

  it('selects the link in a field where the clipboard is refused', async () => {
    const { page, errors } = await openPage(s, 'sections/6/?alpha.a=-0.5');
    const el = await startWidget(page, 'alpha-explorer');
    await waitForData(page, 'alpha-explorer', 'alpha', (v) => v === '-0.5');
    await page.evaluate(() => {
      Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')) } });
    });
    await el.locator('[data-part="share"]').click();
    await waitForData(page, 'alpha-explorer', 'shared', (v) => v === 'field');
    const field = el.locator('[data-part="share-url"]');
    expect(await field.isVisible()).toBe(true);
    const selected = await field.evaluate((f: HTMLInputElement) => f.value.slice(f.selectionStart ?? 0, f.selectionEnd ?? 0));
    expect(selected).toBe(`${s.site.url('sections/6/?alpha.a=-0.5')}#live-alpha`);
    expect(await el.locator('[data-part="share-status"]').textContent()).toMatch(/copy it with Ctrl\+C/);
    expect(errors).toEqual([]);
  });
});

describe('the re-predict choice and the hidden-layer image in the address', () => {
  it('re-predict: restores the chosen image, on its page, and writes a new choice', async () => {
    const { page, errors } = await openPage(s, 'sections/1/');
    const SEL = 'repredict-gallery';
    const el = await startWidget(page, SEL);
    await waitForData(page, SEL, 'selected', (v) => v === '0');
    expect(page.url()).toBe(s.site.url('sections/1/'));
    // The 50th bundled image (second page of 40): find its test index, then open a link to it.
    const target = await el.evaluate(async (e: HTMLElement) => {
      const res = await fetch((JSON.parse(e.dataset.config ?? '{}') as { gallery: { url: string } }).gallery.url);
      const g = (await res.json()) as { items: Array<{ index: number }> };
      return g.items[49].index;
    });
    const second = await openPage(s, `sections/1/?predict.img=${target}`);
    const el2 = await startWidget(second.page, SEL);
    await waitForData(second.page, SEL, 'selected', (v) => v === '49');
    await expect.poll(() => el2.locator('[data-part="page"]').textContent()).toContain('41–80');
    expect(await el2.locator('[data-part="caption"]').textContent()).toContain(`Test image ${target}:`);
    await el2.locator('[data-part="grid"] button').nth(2).click();
    await waitForData(second.page, SEL, 'selected', (v) => v === '42');
    await expect.poll(() => params(second.page.url())['predict.img']).not.toBe(String(target));
    expect(second.errors).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('re-predict: a stale image index gives the first image and a note', async () => {
    const { page, errors } = await openPage(s, 'sections/2/?predict.img=9998&backend=wasm');
    const el = await startWidget(page, 'repredict-gallery');
    await waitForData(page, 'repredict-gallery', 'selected', (v) => v === '0');
    await expect.poll(() => el.locator('[data-part="address-note"]').textContent()).toMatch(/predict\.img=“9998” is not one of the \d+ test images/);
    await expect.poll(() => params(page.url())).toEqual({ backend: 'wasm' });
    expect(errors).toEqual([]);
  });

  it('hidden layer: restores the image from the link, follows the next one, and notes a bad value', async () => {
    const { page, errors } = await openPage(s, 'sections/7/?hidden.img=2');
    const SEL = 'hidden-layer';
    const el = await startWidget(page, SEL);
    await waitForData(page, SEL, 'index', (v) => v === '2');
    await el.locator('[data-part="next"]').click();
    await waitForData(page, SEL, 'index', (v) => v !== '2');
    const next = await el.getAttribute('data-index');
    await expect.poll(() => params(page.url())['hidden.img']).toBe(next);

    const bad = await openPage(s, 'sections/7/?hidden.img=abc');
    const el2 = await startWidget(bad.page, SEL);
    await waitForData(bad.page, SEL, 'index', () => true);
    expect(await el2.locator('[data-part="address-note"]').textContent()).toContain('hidden.img=“abc” is not a whole number from 0 to 9999');
    expect(await el2.getAttribute('data-state')).toBe('ready');
    expect(bad.errors).toEqual([]);
    expect(errors).toEqual([]);
  });
});
