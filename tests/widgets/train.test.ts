/**
 * Train it yourself, in Chromium against the built site: the browser worker's weights are bit-identical
 * to Node's for the same small run; the widget shows progress and curves, its download loads with
 * tf.loadLayersModel, and "your model" predicts in the re-predict widget, and on the other pages in the
 * draw pad and the α explorer until forgotten; a stop keeps the last complete epoch and a new run after
 * it works; a corrupted data file is refused with the file named; without Workers or wasm SIMD the
 * widget says so and the rest of the page works.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paramsFiles } from '../../trainer/artifacts.ts';
import { PIXELS } from '../../core/network.ts';
import { trainRun } from '../../trainer/run.ts';
import { loadDataset } from '../../training/data/datasets.ts';
import { initBackend } from '../../training/tf/backend.ts';
import { nodeKernels } from '../../training/tf/kernels.ts';
import { serve, type Site } from '../../scripts/lib/site';
import { openPage, openSession, screenshot, startWidget, waitForData, type Session } from './browser';

const SMALL = { units: 32, epochs: 1, seed: 0, trainCount: 2000 };
/** The page address of a run: the small one, with `change`s. */
const query = (change: Record<string, number> = {}) => {
  const { units, epochs, seed, trainCount: images } = SMALL;
  return new URLSearchParams(Object.entries({ units, epochs, seed, images, ...change }).map(([k, v]) => [`train.${k}`, String(v)])).toString();
};
const SMALL_QUERY = query();
const W = 'train-yourself';

let s: Session;

beforeAll(async () => {
  // Node's side of the comparison and the downloaded model's check run on wasm, as npm run train does.
  await initBackend('wasm');
  s = await openSession();
});
afterAll(async () => {
  await s?.close();
});

/** Opens a section with the widget ready to train. */
async function openTrainer(path: string): Promise<{ page: Page; errors: string[] }> {
  const opened = await openPage(s, path);
  await opened.page.locator(W).scrollIntoViewIfNeeded();
  await waitForData(opened.page, W, 'runState', (v) => v === 'idle');
  return opened;
}

const runState = (page: Page) => waitForData(page, W, 'runState', (v) => v === 'done' || v === 'error' || v === 'stopped', 240_000);

describe('Train it yourself', () => {
  it('trains in the browser worker to weights bit-identical to Node’s (2,000 images, 1 epoch, 32 units)', async () => {
    const digits = await loadDataset('digits', { log: () => {} });
    const n = SMALL.trainCount;
    const run = await trainRun(
      SMALL,
      { images: digits.train.images.subarray(0, n * PIXELS), labels: digits.train.labels.subarray(0, n), count: n },
      { images: digits.test.images, labels: digits.test.labels },
      nodeKernels,
    );
    const nodeSha = createHash('sha256').update((await paramsFiles(run.params)).weights).digest('hex');

    const { page, errors } = await openTrainer(`sections/2/?${SMALL_QUERY}`);
    await page.locator(`${W} [data-part="own"]`).click();
    expect(await runState(page)).toBe('done');
    const sha = await page.locator(W).getAttribute('data-sha256');
    console.log(`[train] node ${nodeSha}, browser ${sha}`);
    expect(sha).toBe(nodeSha);
    expect(errors).toEqual([]);
  });

  it('shows progress and curves, downloads a model that loads, and offers it to re-predict, the draw pad and the α explorer', async () => {
    const { page, errors } = await openTrainer(`sections/2/?${query({ epochs: 2 })}`);
    const el = page.locator(W);
    await el.locator('[data-part="own"]').click();
    await waitForData(page, W, 'runState', (v) => v === 'training', 120_000);
    expect(await el.locator('[data-part="progress-text"]').textContent()).toMatch(/Epoch \d of 2, step/);
    expect(await runState(page)).toBe('done');
    // Four lines per chart: the build's train and test (dashed) and this run's.
    const lines = await el.locator('[data-part="charts"] svg polyline').evaluateAll((ps) => ps.map((p) => p.getAttribute('points')?.split(' ').length ?? 0));
    expect(lines.length).toBe(8);
    expect(lines.every((n) => n >= 2)).toBe(true);
    expect(await el.locator('[data-part="verdict"]').textContent()).toMatch(/published seeds/);

    const files: Record<string, Buffer> = {};
    for (const name of ['json', 'bin']) {
      const [download] = await Promise.all([page.waitForEvent('download'), el.locator(`[data-part="download-${name}"]`).click()]);
      files[name] = readFileSync(await download.path());
    }
    expect(createHash('sha256').update(files.bin).digest('hex')).toBe(await el.getAttribute('data-sha256'));
    const json = JSON.parse(files.json.toString('utf8')) as { modelTopology: object; weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[] };
    expect(json.weightsManifest[0].paths).toEqual(['weights.bin']);
    const model = await tfl.loadLayersModel(
      tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest[0].weights, weightData: new Uint8Array(files.bin).buffer }),
    );
    const p = model.predict(tf.zeros([1, 28, 28])) as tf.Tensor;
    expect(p.shape).toEqual([1, 10]);
    expect(Math.abs(tf.sum(p).dataSync()[0] - 1)).toBeLessThan(1e-5);

    const rp = await startWidget(page, 'repredict-gallery');
    await rp.locator('[data-part="use-yours"]').click();
    await waitForData(page, 'repredict-gallery', 'modelInUse', (v) => v === 'yours');
    await rp.locator('[data-part="check"]').click();
    await waitForData(page, 'repredict-gallery', 'checkCount', (v) => Number(v) > 0);
    expect(await rp.locator('[data-part="caption"]').textContent()).toContain('by your model (784-32-10, 2 epochs, seed 0)');
    const correct = Number(await rp.getAttribute('data-check-correct'));
    const count = Number(await rp.getAttribute('data-check-count'));
    console.log(`[train] your model in re-predict: ${correct}/${count} right`);
    expect(correct / count).toBeGreaterThan(0.6);
    await screenshot(el, 'train-yourself-done');

    // The other pages of the site offer it too (this browser keeps it), until it is forgotten.
    await page.goto(s.site.url('sections/3/'));
    const pad = await startWidget(page, 'draw-pad');
    await pad.locator('[data-part="use-yours"]').click();
    await waitForData(page, 'draw-pad', 'modelInUse', (v) => v === 'yours');
    const box = await pad.locator('[data-part="pad"]').boundingBox();
    if (!box) throw new Error('the draw pad has no box');
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.48, box.y + box.height * 0.8, { steps: 12 });
    await page.mouse.up();
    await waitForData(page, 'draw-pad', 'predicted', (v) => /^\d$/.test(v));
    await page.goto(s.site.url('sections/6/'));
    const alpha = await startWidget(page, 'alpha-explorer');
    expect(await alpha.locator('[data-part="use-yours"]').textContent()).toContain('your model (784-32-10, 2 epochs, seed 0)');
    await alpha.locator('[data-part="use-yours"]').click();
    await waitForData(page, 'alpha-explorer', 'modelInUse', (v) => v === 'yours');
    await alpha.locator('[data-part="forget-yours"]').click();
    await waitForData(page, 'alpha-explorer', 'modelInUse', (v) => v === 'published');
    expect(await alpha.locator('[data-part="model-choice"]').count()).toBe(0);
    await page.reload();
    await startWidget(page, 'alpha-explorer');
    expect(await page.locator('alpha-explorer [data-part="model-choice"]').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('stops mid-run keeping the last complete epoch, and a new run after the stop completes', async () => {
    const { page, errors } = await openTrainer(`sections/2/?${query({ images: 10_000, epochs: 30 })}`);
    const el = page.locator(W);
    await el.locator('[data-part="own"]').click();
    await waitForData(page, W, 'epochsDone', (v) => Number(v) >= 1, 120_000);
    await el.locator('[data-part="stop"]').click();
    expect(await page.locator(W).getAttribute('data-run-state')).toBe('stopped');
    const kept = Number(await el.getAttribute('data-epochs-done'));
    expect(await el.locator('[data-part="progress-text"]').textContent()).toContain(`Stopped after ${kept} of 30 epochs`);
    await waitForData(page, W, 'sha256', (v) => /^[0-9a-f]{64}$/.test(v));
    expect(await el.locator('[data-part="verdict"]').textContent()).toMatch(new RegExp(`weights after epoch ${kept}, test accuracy`));
    const [download] = await Promise.all([page.waitForEvent('download'), el.locator('[data-part="download-bin"]').click()]);
    const bin = readFileSync(await download.path());
    expect(bin.length).toBe((784 * 32 + 32 + 32 * 10 + 10) * 4);
    expect(createHash('sha256').update(bin).digest('hex')).toBe(await el.getAttribute('data-sha256'));
    const rp = await startWidget(page, 'repredict-gallery');
    expect(await rp.locator('[data-part="use-yours"]').textContent()).toContain(`${kept} epoch${kept === 1 ? '' : 's'} (stopped)`);
    await page.goto(s.site.url(`sections/2/?${SMALL_QUERY}`));
    await page.locator(W).scrollIntoViewIfNeeded();
    await waitForData(page, W, 'runState', (v) => v === 'idle');
    await page.locator(`${W} [data-part="own"]`).click();
    expect(await runState(page)).toBe('done');
    expect(errors).toEqual([]);
  });
});

describe('Train it yourself when something is wrong', () => {
  let broken: Site;
  let dir: string;

  beforeAll(async () => {
    // The built site with one byte of the digit test labels changed (then re-gzipped, so only the
    // SHA-256 check can catch it). Everything else is linked, not copied.
    dir = mkdtempSync(join(tmpdir(), 'train-corrupt-'));
    for (const name of readdirSync(s.site.root)) if (name !== 'data') symlinkSync(join(s.site.root, name), join(dir, name));
    mkdirSync(join(dir, 'data'));
    symlinkSync(join(s.site.root, 'data', 'fashion'), join(dir, 'data', 'fashion'));
    mkdirSync(join(dir, 'data', 'digits'));
    for (const f of readdirSync(join(s.site.root, 'data', 'digits'))) {
      const src = join(s.site.root, 'data', 'digits', f);
      if (f !== 't10k-labels-idx1-ubyte.gz') symlinkSync(src, join(dir, 'data', 'digits', f));
      else {
        const raw = gunzipSync(readFileSync(src));
        raw[4321] = (raw[4321] + 1) % 10;
        writeFileSync(join(dir, 'data', 'digits', f), gzipSync(raw));
      }
    }
    broken = await serve(dir);
  });
  afterAll(async () => {
    await broken?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a corrupted data file with the file named, and the page keeps working', async () => {
    const context = await s.browser.newContext();
    const page = await context.newPage();
    await page.goto(broken.url(`sections/2/?${SMALL_QUERY}`));
    await page.locator(W).scrollIntoViewIfNeeded();
    await waitForData(page, W, 'runState', (v) => v === 'idle');
    await page.locator(`${W} [data-part="own"]`).click();
    expect(await runState(page)).toBe('error');
    const message = await page.locator(`${W} [data-part="error"]`).textContent();
    console.log(`[train] corrupted file: ${message}`);
    expect(message).toMatch(/t10k-labels-idx1-ubyte\.gz is damaged: its contents have SHA-256/);
    expect(await page.locator(`${W} [data-part="own"]`).isEnabled()).toBe(true);
    const rp = await startWidget(page, 'repredict-gallery');
    expect(await rp.getAttribute('data-state')).toBe('ready');
    await context.close();
  });

  it('says so when the browser cannot keep the model (no IndexedDB, as in some private windows), and offers it on the page', async () => {
    const context = await s.browser.newContext();
    await context.addInitScript({ content: "Object.defineProperty(window, 'indexedDB', { value: undefined });" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(s.site.url(`sections/2/?${SMALL_QUERY}`));
    await page.locator(W).scrollIntoViewIfNeeded();
    await waitForData(page, W, 'runState', (v) => v === 'idle');
    await page.locator(`${W} [data-part="own"]`).click();
    expect(await runState(page)).toBe('done');
    await waitForData(page, W, 'modelKept', (v) => v === 'false');
    expect(await page.locator(`${W} [data-part="offered"]`).textContent()).toMatch(/does not let the site keep it \(no IndexedDB/);
    const rp = await startWidget(page, 'repredict-gallery');
    await rp.locator('[data-part="use-yours"]').click();
    await waitForData(page, 'repredict-gallery', 'modelInUse', (v) => v === 'yours');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says so when a kept model cannot be loaded, and the published model keeps predicting', async () => {
    const { page, errors } = await openPage(s, 'sections/3/');
    // A record such as an older version of the site might have left in this browser's store.
    await page.evaluate(
      () =>
        new Promise<void>((done, fail) => {
          const open = indexedDB.open('digits-fashion', 1);
          open.onupgradeneeded = () => open.result.createObjectStore('your-models');
          open.onerror = () => fail(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('your-models', 'readwrite');
            tx.objectStore('your-models').put(
              { key: 'your-model-broken', label: 'your model (broken)', dataset: 'digits', files: { modelJson: { modelTopology: {}, weightsManifest: [{ weights: [] }] }, weights: new ArrayBuffer(8) } },
              'digits',
            );
            tx.oncomplete = () => done();
            tx.onerror = () => fail(tx.error);
          };
        }),
    );
    await page.reload();
    const pad = await startWidget(page, 'draw-pad');
    await pad.locator('[data-part="use-yours"]').click();
    await expect.poll(() => pad.locator('[data-part="model-choice"] .w-error').textContent()).toMatch(/Your model could not be loaded \(.+\); the published model still predicts/);
    expect(await pad.getAttribute('data-model-in-use')).not.toBe('yours');
    expect(errors).toEqual([]);
  });

  for (const [what, script, expected] of [
    ['no Web Worker', 'delete window.Worker;', /no Web Workers/],
    ['no wasm SIMD', 'WebAssembly.validate = () => false;', /lacks SIMD/],
    ['no DecompressionStream', 'delete window.DecompressionStream;', /cannot unpack gzip/],
  ] as const) {
    it(`says plainly when the browser has ${what}, and the rest of the page works`, async () => {
      const context = await s.browser.newContext();
      await context.addInitScript({ content: script });
      const page = await context.newPage();
      await page.goto(s.site.url('sections/2/'));
      await page.locator(W).scrollIntoViewIfNeeded();
      await waitForData(page, W, 'runState', (v) => v === 'unsupported');
      expect(await page.locator(`${W} [data-part="error"]`).textContent()).toMatch(expected);
      expect(await page.locator(`${W} [data-part="body"]`).isHidden()).toBe(true);
      const rp = await startWidget(page, 'repredict-gallery');
      // Without SIMD, tfjs's own wasm build would also differ; the re-predict widget uses WebGL or falls back.
      expect(['ready', 'error']).toContain(await rp.getAttribute('data-state'));
      await context.close();
    });
  }
});
