/**
 * Proof by extension: a third dataset, made here as a tiny IDX fixture (10 classes of 28×28 glyphs, 600
 * training and 200 test images), enters the project through the study's declaration only — its registry
 * entry (files, checksums, class names, folder) is the dataset's `source` — and is trained `--quick` and
 * built into a site: its sections' pages, their widgets, the navigation and the home page's rows appear,
 * and no code outside this test names it.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDX_FILES, type IdxFile } from '../../core/datasets.ts';
import { IMAGE_SIZE, PIXELS } from '../../core/network.ts';
import { createRng } from '../../core/rng.ts';
import { summaryFile } from '../../schema/results.ts';
import { ROOT, runBuild } from '../../scripts/lib/site';

const ID = 'glyphs';
const TITLE = 'Glyphs';
const dir = mkdtempSync(join(tmpdir(), 'third-dataset-'));
const data = join(dir, 'public');
// Inside the project: Astro builds a site whose outDir lies outside the root through the root's shared
// .astro/ folder, which two such builds at once (this test and another test file's) would overwrite.
mkdirSync(join(ROOT, '.cache'), { recursive: true });
const dist = join(mkdtempSync(join(ROOT, '.cache', 'third-dataset-')), 'dist');

/** Class c is a bar at a position and angle of its own, with seeded jitter and noise: learnable in one epoch. */
function glyphs(count: number, seed: number): { images: Uint8Array; labels: Uint8Array } {
  const rng = createRng(seed);
  const images = new Uint8Array(count * PIXELS);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const c = i % 10;
    labels[i] = c;
    const angle = (c * Math.PI) / 10 + (rng() - 0.5) * 0.2;
    const [cx, cy] = [14 + (rng() - 0.5) * 3, 14 + (rng() - 0.5) * 3];
    for (let t = -10; t <= 10; t += 0.5) {
      const x = Math.round(cx + t * Math.cos(angle));
      const y = Math.round(cy + t * Math.sin(angle));
      if (x >= 0 && x < IMAGE_SIZE && y >= 0 && y < IMAGE_SIZE) images[i * PIXELS + y * IMAGE_SIZE + x] = 200 + Math.floor(rng() * 55);
    }
  }
  return { images, labels };
}

/** An IDX file: magic, dimensions, then the bytes. */
function idx(dims: number[], bytes: Uint8Array): Uint8Array {
  const header = new DataView(new ArrayBuffer(4 + 4 * dims.length));
  header.setUint32(0, 0x800 + dims.length);
  dims.forEach((d, k) => header.setUint32(4 + 4 * k, d));
  return new Uint8Array(Buffer.concat([new Uint8Array(header.buffer), bytes]));
}

/** Writes the four files and returns the dataset's registry entry, as a declaration gives it. */
function writeFixture(folder: string) {
  mkdirSync(folder, { recursive: true });
  const train = glyphs(600, 1);
  const test = glyphs(200, 2);
  const contents: Record<IdxFile, Uint8Array> = {
    'train-images-idx3-ubyte': idx([600, IMAGE_SIZE, IMAGE_SIZE], train.images),
    'train-labels-idx1-ubyte': idx([600], train.labels),
    't10k-images-idx3-ubyte': idx([200, IMAGE_SIZE, IMAGE_SIZE], test.images),
    't10k-labels-idx1-ubyte': idx([200], test.labels),
  };
  const files = Object.fromEntries(
    IDX_FILES.map((f) => {
      writeFileSync(join(folder, f), contents[f]);
      return [f, { bytes: contents[f].byteLength, sha256: createHash('sha256').update(contents[f]).digest('hex') }];
    }),
  );
  return {
    id: ID,
    title: TITLE,
    classNames: ['bar 0°', 'bar 18°', 'bar 36°', 'bar 54°', 'bar 72°', 'bar 90°', 'bar 108°', 'bar 126°', 'bar 144°', 'bar 162°'],
    files,
    envVar: 'GLYPHS_DIR',
    packaged: { dir: folder, label: 'the test fixture' },
  };
}

const base = { quote: null, original: [] };
function study(folder: string) {
  return {
    datasets: [{ id: ID, name: 'glyphs', description: 'bars drawn at ten angles', source: writeFixture(folder) }],
    models: [{ id: 'glyphs-32', dataset: ID, units: 32, epochs: 2, seeds: 2, publishedSeed: 0 }],
    sections: [
      { ...base, id: '1', title: 'Glyphs with 32 hidden units', short: 'Glyphs', summary: 'A third dataset, declared.', kind: 'training', model: 'glyphs-32', widgets: ['re-predict'] },
      { ...base, id: '2', title: 'Right and wrong glyphs', short: 'Histogram', summary: 'Its errors.', kind: 'histogram', model: 'glyphs-32' },
      { ...base, id: '3', title: 'Blended glyphs', short: 'Blends', summary: 'Two glyphs blended.', kind: 'alpha', model: 'glyphs-32', i1: { index: 2, label: 2 }, i2: { index: 1, label: 1 }, from: 0, to: 1, count: 20, threshold: 0.5, randomPairs: 20, pairSeed: 3, widgets: ['alpha-explorer'] },
      { ...base, id: '4', title: 'The hidden layer on glyphs', short: 'Hidden', summary: 'Its 32 units.', kind: 'hidden', model: 'glyphs-32', images: [0, 1], projectionCount: 200, widgets: ['hidden-layer'] },
      { ...base, id: '5', title: 'The last layer on glyphs', short: 'Last layer', summary: 'Argmax and evaluate.', kind: 'last-layer', model: 'glyphs-32', bins: 5 },
    ],
    galleryCount: 20,
  };
}

let cliOutput = '';

beforeAll(async () => {
  const studyFile = join(dir, 'study.json');
  writeFileSync(studyFile, JSON.stringify(study(join(dir, 'glyphs-data'))));
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'training/cli.ts', '--quick', '--study', studyFile, '--out', data], { cwd: ROOT, encoding: 'utf8' });
  cliOutput = run.stdout + run.stderr;
  expect(run.status, cliOutput).toBe(0);
  if (process.env.THIRD_DATASET_TRAIN_ONLY) return;
  copyFileSync(join(ROOT, 'public', 'favicon.svg'), join(data, 'favicon.svg'));
  await runBuild(dist, { SITE_DATA_DIR: data });
}, 900_000);

afterAll(() => rmSync(join(dist, '..'), { recursive: true, force: true }));

describe('a third dataset, declared in the study only', () => {
  it('is trained and analysed: every section has its summary row', () => {
    expect(cliOutput).toContain(`${TITLE}: reading the test fixture`);
    const summary = summaryFile.parse(JSON.parse(readFileSync(join(data, 'results', 'summary.json'), 'utf8')));
    expect(summary.rows.map((r) => r.section)).toEqual(['1', '2', '3', '4', '5']);
  });

  it.skipIf(process.env.THIRD_DATASET_TRAIN_ONLY)('builds its pages, widgets, navigation and home-page rows', () => {
    const home = readFileSync(join(dist, 'index.html'), 'utf8');
    for (const [id, title] of [['1', 'Glyphs with 32 hidden units'], ['3', 'Blended glyphs'], ['4', 'The hidden layer on glyphs']]) {
      const page = readFileSync(join(dist, 'sections', id, 'index.html'), 'utf8');
      expect(page.includes(`<h1>${title}</h1>`) && /Section \d+ of 5/.test(page), `sections/${id}/`).toBe(true);
      expect(home.includes(`<span class="num">${id}.</span> ${title}`), `home row ${id}`).toBe(true);
    }
    const widget = (id: string, tag: string) => new RegExp(`<${tag}\\b`).test(readFileSync(join(dist, 'sections', id, 'index.html'), 'utf8'));
    expect([widget('1', 'repredict-gallery'), widget('3', 'alpha-explorer'), widget('4', 'hidden-layer')]).toEqual([true, true, true]);
  });

  it('is named by no code outside the declaration and this test', () => {
    const named: string[] = [];
    const walk = (d: string) => {
      for (const name of readdirSync(d)) {
        const path = join(d, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.(ts|astro|mjs)$/.test(name) && path !== join(ROOT, 'tests/site/third-dataset.test.ts') && /\bglyphs?\b/i.test(readFileSync(path, 'utf8'))) named.push(relative(ROOT, path));
      }
    };
    for (const d of ['core', 'schema', 'src', 'trainer', 'training', 'scripts', 'tests', 'crosscheck']) if (existsSync(join(ROOT, d))) walk(join(ROOT, d));
    expect(named).toEqual([]);
  });
});
