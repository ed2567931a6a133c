/**
 * "Reproduce this section" and "Reproduce the whole study" in Chromium, on a site built from a small
 * study trained by `npm run train` into a temporary folder: two 784-16-10 models (6 and 3 epochs) on all
 * 60,000 images (so a run has epochs to stop between) and a training, a cross, an α and a histogram section.
 * The reader's figures and SHA-256s equal the published ones; a section reusing a model trains nothing;
 * a run stopped after an epoch and resumed after a reload ends with the published SHA-256 (a straight run
 * of the same code, in Node); two workers give the weights one worker gives.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STUDY_DECLARATION } from '../../training/config/experiments.ts';
import { ROOT, runBuild, serve, type Site } from '../../scripts/lib/site';
import { openSession, waitForData, type Session } from './browser';

const dir = mkdtempSync(join(tmpdir(), 'reproduce-'));
const W = 'reproduce-section';

/** The project's datasets and α settings with two small models, every section without live widgets but Reproduce. */
function smallStudy() {
  const d = structuredClone(STUDY_DECLARATION);
  const alpha = d.sections.find((s) => s.kind === 'alpha') as Record<string, unknown>;
  const words = { quote: null, original: [], widgets: [] };
  return {
    ...d,
    models: [
      { id: 'digits-16', dataset: 'digits', units: 16, epochs: 6, seeds: 2, publishedSeed: 0 },
      { id: 'fashion-16', dataset: 'fashion', units: 16, epochs: 3, seeds: 1, publishedSeed: 0 },
    ],
    sections: [
      { id: '1', title: 'Digits, 16 units', short: 'Digits', summary: 'A small model.', ...words, kind: 'training', model: 'digits-16' },
      { id: '2', title: 'Fashion, 16 units', short: 'Fashion', summary: 'Its twin.', ...words, kind: 'training', model: 'fashion-16' },
      { id: '3', title: 'Each on the other', short: 'Cross', summary: 'Cross.', ...words, kind: 'cross', a: 'digits-16', b: 'fashion-16' },
      { ...alpha, id: '4', title: 'Blends', short: 'Blends', summary: 'α.', ...words, model: 'digits-16', randomPairs: 50 },
      { id: '5', title: 'Histogram', short: 'Histogram', summary: 'Right and wrong.', ...words, kind: 'histogram', model: 'digits-16' },
    ],
  };
}

let s: Session;
let site: Site;

beforeAll(async () => {
  const study = join(dir, 'study.json');
  writeFileSync(study, JSON.stringify(smallStudy()));
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'training/cli.ts', '--study', study, '--out', join(dir, 'public')], { cwd: ROOT, encoding: 'utf8' });
  expect(run.status, run.stdout + run.stderr).toBe(0);
  copyFileSync(join(ROOT, 'public', 'favicon.svg'), join(dir, 'public', 'favicon.svg'));
  await runBuild(join(dir, 'dist'), { SITE_DATA_DIR: join(dir, 'public') });
  s = await openSession();
  site = await serve(join(dir, 'dist'));
}, 900_000);

afterAll(async () => {
  await site?.close();
  await s?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Outcome {
  state: string;
  trained: number;
  kept: number;
  identical: string;
  figuresIdentical: string;
  figuresCompared: number;
  shas: { model: string; seed: number; sha256: string; published: string; resumedFrom: number }[];
}

async function reproduce(page: Page, path: string, query = ''): Promise<Outcome> {
  await page.goto(site.url(`${path}${query}`));
  await page.locator(W).scrollIntoViewIfNeeded();
  await waitForData(page, W, 'runState', (v) => v === 'idle');
  await page.locator(`${W} [data-part="start"]`).click();
  const state = await waitForData(page, W, 'runState', (v) => ['done', 'error', 'stopped'].includes(v), 600_000);
  const d = await page.locator(W).evaluate((e: HTMLElement) => ({ ...e.dataset }));
  if (state === 'error') throw new Error(`${path}: ${await page.locator(`${W} [data-part="error"]`).textContent()}`);
  return {
    state,
    trained: Number(d.trained),
    kept: Number(d.kept),
    identical: d.identical ?? '',
    figuresIdentical: d.figuresIdentical ?? '',
    figuresCompared: Number(d.figuresCompared),
    shas: JSON.parse(d.sha256s ?? '[]'),
  };
}

async function freshPage(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await s.browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => (m.type() === 'error' ? errors.push(m.text()) : undefined));
  return { context, page, errors };
}

describe('Reproduce this section', () => {
  it('gives the published figures and SHA-256s on a training, a cross and an α section; a section reusing a model trains nothing', async () => {
    const { context, page, errors } = await freshPage();
    for (const [path, trained, kept] of [['sections/1/', 1, 0], ['sections/3/', 1, 1], ['sections/4/', 0, 1], ['sections/5/', 0, 1]] as const) {
      const r = await reproduce(page, path);
      console.log(`[reproduce] ${path}: trained ${r.trained}, kept ${r.kept}, ${r.figuresCompared} numbers compared, figures identical ${r.figuresIdentical}`);
      expect(r).toMatchObject({ state: 'done', trained, kept, identical: 'true', figuresIdentical: 'true' });
      expect(r.figuresCompared).toBeGreaterThan(10);
      for (const m of r.shas) expect(m.sha256, `${path} ${m.model}`).toBe(m.published);
    }
    // Forgetting says what it frees, and the next run trains again.
    await page.locator(`${W} [data-part="forget"]`).click();
    await expect.poll(() => page.locator(`${W} [data-part="usage"]`).textContent()).toMatch(/Forgotten: 2 models and 0 unfinished runs, \d+\.\d\sMB freed/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('resumes a run stopped after an epoch, after a reload, to the SHA-256 of a straight run', async () => {
    const { context, page, errors } = await freshPage();
    await page.goto(site.url('sections/1/'));
    await page.locator(W).scrollIntoViewIfNeeded();
    await waitForData(page, W, 'runState', (v) => v === 'idle');
    await page.locator(`${W} [data-part="start"]`).click();
    await waitForData(page, W, 'epochsDone', (v) => Number(v) >= 1, 300_000);
    await page.locator(`${W} [data-part="stop"]`).click();
    expect(await waitForData(page, W, 'runState', (v) => v === 'stopped')).toBe('stopped');
    const kept = Number(await page.locator(W).getAttribute('data-epochs-done'));
    await page.reload();
    await expect.poll(() => page.locator(`${W} [data-part="usage"]`).textContent()).toMatch(/1 unfinished run/);
    const r = await reproduce(page, 'sections/1/');
    console.log(`[reproduce] stopped after epoch ${kept} of 6, resumed after a reload: ${r.shas[0]?.sha256}`);
    expect(r.shas[0]?.resumedFrom).toBe(kept);
    expect(await page.locator(`${W} [data-part="rows"]`).textContent()).toMatch(/trained in/);
    expect(r).toMatchObject({ state: 'done', trained: 1, identical: 'true', figuresIdentical: 'true' });
    expect(errors).toEqual([]);
    await context.close();
  });

  it('trains two models in two workers to the weights one worker gives', async () => {
    const runs: Outcome[] = [];
    for (const workers of [2, 1]) {
      const { context, page } = await freshPage();
      runs.push(await reproduce(page, 'sections/3/', `?reproduce.workers=${workers}`));
      await context.close();
    }
    const [two, one] = runs;
    expect(two.trained).toBe(2);
    expect(two.shas.map((m) => m.sha256)).toEqual(one.shas.map((m) => m.sha256));
    expect(two.identical).toBe('true');
  });
});

describe('Reproduce the whole study', () => {
  it('ends with every section identical, a receipt, and every model trained once', async () => {
    const { context, page, errors } = await freshPage();
    await page.goto(site.url(''));
    const el = page.locator('reproduce-study');
    await el.scrollIntoViewIfNeeded();
    await waitForData(page, 'reproduce-study', 'runState', (v) => v === 'idle');
    await el.locator('[data-part="start"]').click();
    expect(await waitForData(page, 'reproduce-study', 'runState', (v) => v === 'done' || v === 'error', 600_000)).toBe('done');
    const receipt = JSON.parse((await el.getAttribute('data-receipt')) ?? '{}') as { identical: boolean; sections: { section: string; identical: boolean }[]; models: { model: string; identical: boolean; seconds: number }[]; cores: number; engine: { name: string } };
    console.log(`[reproduce] whole study: ${JSON.stringify(receipt.sections)}`);
    expect(receipt.sections.map((x) => [x.section, x.identical])).toEqual(['1', '2', '3', '4', '5'].map((id) => [id, true]));
    expect(receipt.models.map((m) => m.model).sort()).toEqual(['digits-16', 'fashion-16']);
    expect(receipt).toMatchObject({ identical: true, engine: { name: 'Chromium' } });
    const [download] = await Promise.all([page.waitForEvent('download'), el.locator('[data-part="receipt"]').click()]);
    expect(JSON.parse(readFileSync(await download.path(), 'utf8'))).toEqual(receipt);
    expect(errors).toEqual([]);
    await context.close();
  });
});
