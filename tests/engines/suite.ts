/**
 * The checks every browser engine gets against the built site (one test file per engine, so that
 * each engine's cost shows in the test report and two engines run side by side): the trainer's exp and
 * log give Node's bits on a million inputs (where the engine's Math.exp may not); every widget on every
 * page that has one reaches ready with no console error; re-predict gives the build's class for every
 * bundled test image; the draw pad predicts from a pointer stroke and from a dropped file; the α
 * explorer follows the keyboard and writes the address; copy-link hands out the view; Train it yourself
 * trains a small digits-128 run to weights bit-identical to Node's, stops keeping the last epoch, and
 * its model predicts in re-predict until forgotten. An engine that is not installed is skipped with
 * one line saying how to install it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dataOf, dropFile, launchEngine, settle, startWidget, waitForData, type Engine, type EngineName, type EnginePage } from '../../scripts/lib/browsers/engine.ts';
import { paramsFiles } from '../../trainer/artifacts.ts';
import { PIXELS } from '../../core/network.ts';
import { trainRun } from '../../trainer/run.ts';
import { loadDataset } from '../../training/data/datasets.ts';
import { initBackend } from '../../training/tf/backend.ts';
import { nodeKernels } from '../../training/tf/kernels.ts';
import { serve, startSite, type Site } from '../../scripts/lib/site';
import { mnistPng } from '../widgets/mnist-png';

// Browser tests on a 2-core machine that may also be training: allow minutes, assert no timings.
vi.setConfig({ testTimeout: 600_000, hookTimeout: 600_000 });

/** The pages with widgets, and the widgets on each (the tags the built pages contain). */
const WIDGET_PAGES: Record<string, string[]> = {
  'sections/1/': ['repredict-gallery', 'train-yourself'],
  'sections/2/': ['repredict-gallery', 'train-yourself'],
  'sections/3/': ['draw-pad', 'repredict-gallery'],
  'sections/6/': ['alpha-explorer'],
  'sections/7/': ['hidden-layer'],
  'sections/9/': ['alpha-explorer'],
};

/** A quick digits-128 run: the study's network and batch, 2,000 images, one epoch. */
const QUICK = { units: 128, epochs: 1, seed: 0, trainCount: 2000 };
const quickQuery = (change: Record<string, number> = {}) =>
  new URLSearchParams(Object.entries({ units: QUICK.units, epochs: QUICK.epochs, seed: QUICK.seed, images: QUICK.trainCount, ...change }).map(([k, v]) => [`train.${k}`, String(v)])).toString();

/**
 * A function body that hashes exactExp and exactLog (trainer/exact-math.ts, no imports, types stripped)
 * and Math.exp and Math.log over a million inputs like the trainer's (float32 logit − max; clipped
 * probabilities): the same text runs in the page and in Node.
 */
function mathProbe(): string {
  const module = readFileSync(new URL('../../trainer/exact-math.ts', import.meta.url), 'utf8');
  const js = ts.transpileModule(module, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText.replace(/^export /gm, '');
  return `${js}
    let seed = 12345;
    const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
    const f = new Float64Array(1), u = new Uint32Array(f.buffer);
    const mix = (h, x) => { f[0] = x; return (Math.imul(h ^ u[0], 16777619) ^ u[1]) >>> 0; };
    let exact = 2166136261, native = 2166136261;
    for (let i = 0; i < 1000000; i++) {
      const x = Math.fround(20 * next()) - Math.fround(20 + 20 * next());
      const p = Math.min(Math.max(next(), 1e-7), 1 - 1e-7);
      exact = mix(mix(exact, exactExp(x)), exactLog(p));
      native = mix(mix(native, Math.exp(x)), Math.log(p));
    }
    return { exact, native };`;
}

/** Node's weights for QUICK, as `npm run train` computes them (wasm backend, same trainer code). */
async function nodeQuickSha(): Promise<string> {
  await initBackend('wasm');
  const digits = await loadDataset('digits', { log: () => {} });
  const n = QUICK.trainCount;
  const train = { images: digits.train.images.subarray(0, n * PIXELS), labels: digits.train.labels.subarray(0, n), count: n };
  const run = await trainRun(QUICK, train, { images: digits.test.images, labels: digits.test.labels }, nodeKernels);
  return createHash('sha256').update((await paramsFiles(run.params)).weights).digest('hex');
}

export function engineSuite(name: EngineName): void {
  let engine: Engine | null = null;
  let site: Site;
  let page: EnginePage;

  beforeAll(async () => {
    const launched = await launchEngine(name);
    if ('skipped' in launched) {
      console.log(`[engines] skipped ${launched.skipped}`);
      return;
    }
    engine = launched;
    site = process.env.WIDGETS_SITE_DIR ? await serve(process.env.WIDGETS_SITE_DIR) : await startSite();
    console.log(`[engines] ${engine.version}`);
  });
  afterAll(async () => {
    await engine?.close();
    await site?.close();
  });

  /** A fresh page (fresh storage) at a site path, for one test. */
  async function open(path: string): Promise<EnginePage> {
    page = await engine!.newPage();
    await page.goto(site.url(path));
    return page;
  }

  describe(`${name}`, () => {
    it("the trainer's exp and log give Node's bits (Math.exp and Math.log may not)", async (ctx) => {
      if (!engine) return ctx.skip();
      const probe = mathProbe();
      const p = await open('');
      const inPage = await p.run<{ exact: number; native: number }>(probe);
      const inNode = new Function(probe)() as { exact: number; native: number };
      console.log(`[engines] ${name}: exactExp/exactLog ${inPage.exact === inNode.exact ? 'equal' : 'DIFFER'}, Math.exp/Math.log ${inPage.native === inNode.native ? 'equal' : 'differ'} (Node's against the page's, a million inputs)`);
      expect(inPage.exact).toBe(inNode.exact);
      await p.close();
    });

    it('every widget on every page reaches ready, with no console error', async (ctx) => {
      if (!engine) return ctx.skip();
      const states: string[] = [];
      const p = await open('sections/1/');
      for (const [path, widgets] of Object.entries(WIDGET_PAGES)) {
        await p.goto(site.url(path));
        for (const w of widgets) {
          if (w === 'train-yourself') {
            await p.run('document.querySelector("train-yourself").scrollIntoView()');
            states.push(`${path} ${w} ${await waitForData(p, w, 'runState', (v) => v === 'idle' || v === 'unsupported', 120_000)}`);
          } else {
            states.push(`${path} ${w} ${await startWidget(p, w)} on ${(await dataOf(p, w)).backend}`);
          }
        }
      }
      console.log(`[engines] ${name}: ${states.join('; ')}`);
      expect(states.filter((s) => !/ (ready on \w+|idle)$/.test(s))).toEqual([]);
      expect(await p.errors()).toEqual([]);
      await p.close();
    });

    it.for(['1', '2', '3'])("re-predict on section %s gives the build's class for every bundled test image", async (section, ctx) => {
      if (!engine) return ctx.skip();
      const p = await open(`sections/${section}/`);
      expect(await startWidget(p, 'repredict-gallery')).toBe('ready');
      await p.click('repredict-gallery [data-part="check"]');
      await waitForData(p, 'repredict-gallery', 'checkCount', (v) => Number(v) > 0);
      const d = await dataOf(p, 'repredict-gallery');
      console.log(`[engines] ${name} section ${section} (${d.backend}): ${d.checkAgree}/${d.checkCount} agree with the build, max |Δp| ${Number(d.checkMaxDiff).toExponential(2)}`);
      expect(Number(d.checkCount)).toBeGreaterThanOrEqual(200);
      expect(d.checkAgree).toBe(d.checkCount);
      expect(await p.errors()).toEqual([]);
      await p.close();
    });

    it('draw pad: a pointer stroke and a dropped MNIST image are predicted', async (ctx) => {
      if (!engine) return ctx.skip();
      const p = await open('sections/3/');
      expect(await startWidget(p, 'draw-pad')).toBe('ready');
      await p.stroke('draw-pad [data-part="pad"]', [[0.5, 0.15], [0.49, 0.5], [0.48, 0.85]]);
      expect(await waitForData(p, 'draw-pad', 'predicted', (v) => /^\d$/.test(v))).toBe('1');
      // Test image 0 is a 7, image 1 a 2 (what the model predicts for them in every engine).
      for (const [index, digit] of [[0, '7'], [1, '2']] as const) {
        await p.click('draw-pad [data-part="clear"]');
        await p.run('delete document.querySelector("draw-pad").dataset.predicted');
        await dropFile(p, 'draw-pad [data-part="pad"]', { name: `test-${index}.png`, type: 'image/png', bytes: await mnistPng(index) });
        expect(await waitForData(p, 'draw-pad', 'predicted', (v) => /^\d$/.test(v))).toBe(digit);
      }
      expect(await p.errors()).toEqual([]);
      await p.close();
    });

    it('α explorer: the keyboard moves α, the address follows, copy-link hands out the view, pairs and the dataset switch', async (ctx) => {
      if (!engine) return ctx.skip();
      const p = await open('sections/6/?alpha.a=0.73');
      expect(await startWidget(p, 'alpha-explorer')).toBe('ready');
      await waitForData(p, 'alpha-explorer', 'alpha', (v) => v === '0.73');
      await p.press('alpha-explorer [data-part="alpha"]', 'ArrowRight');
      await waitForData(p, 'alpha-explorer', 'alpha', (v) => v === '0.74');
      const until = Date.now() + 10_000;
      while ((await p.run<string>('return location.search')) !== '?alpha.a=0.74' && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      expect(await p.run<string>('return location.search')).toBe('?alpha.a=0.74');
      await p.press('alpha-explorer [data-part="alpha"]', 'End');
      await waitForData(p, 'alpha-explorer', 'alpha', (v) => v === '2');
      expect(await p.run<string>('return document.querySelector(\'alpha-explorer [data-part="verdict"]\').textContent')).toMatch(/^At α = 2\.00 the model predicts/);
      await p.click('alpha-explorer [data-part="share"]');
      const shared = await waitForData(p, 'alpha-explorer', 'shared', (v) => v === 'clipboard' || v === 'field');
      expect(await p.run<string>('return document.querySelector(\'alpha-explorer [data-part="share-url"]\').value')).toBe(`${site.url('sections/6/?alpha.a=2')}#live-alpha`);
      console.log(`[engines] ${name}: copy-link via ${shared}`);
      // Another pair (the curve of blends is recomputed), then the other dataset.
      const runs = Number(await waitForData(p, 'alpha-explorer', 'curveRuns', () => true));
      await p.run('const s = document.querySelector(\'alpha-explorer [data-part="src2"]\'); s.selectedIndex = 7; s.dispatchEvent(new Event("change", { bubbles: true }))');
      await waitForData(p, 'alpha-explorer', 'curveRuns', (v) => Number(v) > runs);
      await p.click('alpha-explorer [data-part="dataset-fashion"]');
      await waitForData(p, 'alpha-explorer', 'dataset', (v) => v === 'fashion');
      expect(await waitForData(p, 'alpha-explorer', 'state', (v) => v === 'ready' || v === 'error')).toBe('ready');
      expect(await p.errors()).toEqual([]);
      await p.close();
    });

    it('hidden layer: live activations equal the build-time ones; keyboard and next image', async (ctx) => {
      if (!engine) return ctx.skip();
      const p = await open('sections/7/');
      expect(await startWidget(p, 'hidden-layer')).toBe('ready');
      const diff = Number(await waitForData(p, 'hidden-layer', 'referenceDiff', () => true));
      expect(diff).toBeLessThanOrEqual(1e-3);
      await p.press('hidden-layer [data-part="heatmap"]', 'ArrowRight');
      const readout = () => p.run<string>('return document.querySelector(\'hidden-layer [data-part="readout"]\').textContent');
      const until = Date.now() + 10_000;
      while (!/^Unit 1: /.test(await readout()) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      expect(await readout()).toMatch(/^Unit 1: /);
      const first = (await dataOf(p, 'hidden-layer')).index;
      await p.click('hidden-layer [data-part="next"]');
      await waitForData(p, 'hidden-layer', 'index', (v) => v !== first);
      expect(await p.errors()).toEqual([]);
      await p.close();
    });

    it('Train it yourself: a quick digits-128 run is bit-identical to Node’s; stop keeps an epoch; the model is offered and forgotten', async (ctx) => {
      if (!engine) return ctx.skip();
      const nodeSha = await nodeQuickSha();
      const p = await open(`sections/2/?${quickQuery()}`);
      await p.run('document.querySelector("train-yourself").scrollIntoView()');
      await waitForData(p, 'train-yourself', 'runState', (v) => v === 'idle', 120_000);
      await settle(p);
      await p.click('train-yourself [data-part="own"]');
      expect(await waitForData(p, 'train-yourself', 'runState', (v) => ['done', 'error', 'stopped'].includes(v), 300_000)).toBe('done');
      const d = await dataOf(p, 'train-yourself');
      console.log(`[engines] ${name}: quick run ${d.sha256} (node ${nodeSha}), ${d.seconds} s`);
      expect(d.sha256).toBe(nodeSha);

      // The run's model in re-predict, then forgotten.
      expect(await startWidget(p, 'repredict-gallery')).toBe('ready');
      await settle(p);
      await p.click('repredict-gallery [data-part="use-yours"]');
      await waitForData(p, 'repredict-gallery', 'modelInUse', (v) => v === 'yours');
      await p.click('repredict-gallery [data-part="forget-yours"]');
      await waitForData(p, 'repredict-gallery', 'modelInUse', (v) => v === 'published');

      // A longer run, stopped after its first epoch, keeps that epoch's weights.
      await p.goto(site.url(`sections/2/?${quickQuery({ images: 10_000, epochs: 20 })}`));
      await p.run('document.querySelector("train-yourself").scrollIntoView()');
      await waitForData(p, 'train-yourself', 'runState', (v) => v === 'idle', 120_000);
      await settle(p);
      await p.click('train-yourself [data-part="own"]');
      await waitForData(p, 'train-yourself', 'epochsDone', (v) => Number(v) >= 1, 300_000);
      await p.click('train-yourself [data-part="stop"]');
      expect(await waitForData(p, 'train-yourself', 'runState', (v) => v !== 'training')).toBe('stopped');
      expect(await p.run<string>('return document.querySelector(\'train-yourself [data-part="verdict"]\').textContent')).toMatch(/^Stopped after \d+ of 20 epochs/);
      expect(await p.errors()).toEqual([]);
      await p.close();
    });
  });
}
