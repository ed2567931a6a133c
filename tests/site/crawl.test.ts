/**
 * The built site under a sub-path base, served from 127.0.0.1: every page, link, image, stylesheet,
 * result JSON and model file answers 200; nothing is requested from another origin; every result file
 * and model in the manifest is reachable; pages carry the CSP and no inline scripts or styles.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STUDY } from '../../training/config/experiments.ts';
import { crawlSite, type Crawl } from '../../scripts/lib/crawl';
import { BASE_PATH, ROOT, startSite, type Site } from '../../scripts/lib/site';

let site: Site;
let crawl: Crawl;
const manifest = JSON.parse(readFileSync(join(ROOT, 'public/results/manifest.json'), 'utf8')) as {
  files: { path: string }[]; models: { path: string }[];
};

beforeAll(async () => {
  site = await startSite();
  crawl = await crawlSite(site, [site.url('no-such-page/')]);
});
afterAll(() => site?.close());

describe('crawl under ' + BASE_PATH, () => {
  it('reaches home, methods and all nine sections', () => {
    const pages = crawl.pages.filter((p) => p.status === 200).map((p) => p.url);
    expect(pages).toContain(site.url(''));
    expect(pages).toContain(site.url('methods/'));
    for (const { id } of STUDY.sections) expect(pages).toContain(site.url(`sections/${id}/`));
  });

  it('every linked page and asset answers 200', () => {
    const broken = [...crawl.pages, ...crawl.assets]
      .filter((f) => f.status !== 200 && f.from !== '(extra)')
      .map((f) => `${f.status} ${f.url} (linked from ${f.from})`);
    expect(broken).toEqual([]);
  });

  it('bundles each worker (training, reproduce) as one file that imports no chunk', () => {
    // WebKit evaluates a module worker's entry again when a chunk imports it back, and the second copy
    // of tfjs breaks the wasm kernels (astro.config.mjs): a worker must be a single file.
    const assets = join(site.root, '_astro');
    const workers = readdirSync(assets).filter((f) => /worker-.+\.js$/.test(f));
    expect(workers.some((f) => f.startsWith('train-worker-'))).toBe(true);
    const imports = workers.flatMap((f) => (readFileSync(join(assets, f), 'utf8').match(/\bimport\s*\(\s*["'`]|\bfrom\s*["'`]\.{1,2}\//g) ?? []).map((m) => `${f}: ${m}`));
    expect(imports).toEqual([]);
  });

  it('a missing page gets the 404 page', () => {
    const miss = crawl.pages.find((p) => p.url === site.url('no-such-page/'));
    expect(miss?.status).toBe(404);
    expect(miss?.body).toContain('Page not found');
  });

  it('every result file and model listed in the manifest is linked and reachable', () => {
    const fetched = new Set(crawl.assets.filter((a) => a.status === 200).map((a) => a.url));
    const wanted = [...manifest.files.map((f) => f.path), ...manifest.models.map((m) => m.path)];
    expect(wanted.filter((p) => !fetched.has(site.url(p)))).toEqual([]);
  });

  it('loads nothing from another origin (external links are plain <a> only)', () => {
    expect(crawl.external.filter((e) => e.tag !== 'a' && e.tag !== 'canonical')).toEqual([]);
    for (const e of crawl.external.filter((x) => x.tag === 'a')) expect(e.url).toMatch(/^https:\/\//);
  });

  it('every page sends the CSP and has no inline script or style', () => {
    for (const page of crawl.pages.filter((p) => p.status === 200)) {
      const html = page.body!;
      expect(html, page.url).toContain('http-equiv="Content-Security-Policy"');
      expect(html, page.url).toMatch(/default-src 'self'/);
      expect(html, page.url).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html, page.url).not.toMatch(/<style[\s>]/);
      expect(html, page.url).not.toMatch(/\sstyle="/);
    }
  });

  it('report pages ship no JavaScript of their own (only live widgets may add scripts)', () => {
    for (const path of ['', 'methods/', 'no-such-page/']) {
      expect(crawl.pages.find((p) => p.url === site.url(path))?.body, path).not.toMatch(/<script/);
    }
    for (const page of crawl.pages) for (const tag of page.body?.match(/<script\b[^>]*>/g) ?? []) expect(tag, page.url).toMatch(/type="module"[^>]*src="\/|src="\/[^"]*"[^>]*type="module"/);
  });

  it('every image has alt text and dimensions', () => {
    for (const page of crawl.pages.filter((p) => p.status === 200)) {
      for (const img of page.body!.match(/<img\b[^>]*>/g) ?? []) {
        expect(img, page.url).toMatch(/\salt="/);
        expect(img, page.url).toMatch(/\swidth="\d+"/);
        expect(img, page.url).toMatch(/\sheight="\d+"/);
      }
    }
  });
});
