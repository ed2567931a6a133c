/**
 * The results loader, on a copy of the real results (public/results, models and runs) in a temporary
 * folder: the copy loads; a missing, altered, unlisted or inconsistent file fails with one message that
 * names the file.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadResults, ResultsError } from '../../src/lib/results';
import { sectionFilePath } from '../../core/layout';
import { ROOT } from '../../scripts/lib/site';

const PUBLIC = join(ROOT, 'public');
let dir: string;

/** A fresh copy of public/{results,models,runs}; returns its results folder. */
function copy(): string {
  dir = mkdtempSync(join(tmpdir(), 'results-test-'));
  for (const sub of ['results', 'models', 'runs']) if (existsSync(join(PUBLIC, sub))) cpSync(join(PUBLIC, sub), join(dir, sub), { recursive: true });
  return join(dir, 'results');
}
const readJson = (p: string) => JSON.parse(readFileSync(p, 'utf8'));
const writeJson = (p: string, v: unknown) => writeFileSync(p, JSON.stringify(v));

function problems(resultsDir: string): string {
  try {
    loadResults(resultsDir);
  } catch (e) {
    expect(e).toBeInstanceOf(ResultsError);
    return (e as Error).message;
  }
  throw new Error('loadResults accepted broken results');
}

beforeAll(() => {
  if (!existsSync(join(PUBLIC, 'results', 'manifest.json'))) throw new Error('public/results/manifest.json is missing: these tests run on the committed results');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('loadResults', () => {
  it('loads and validates the committed results', () => {
    const r = loadResults(copy());
    expect([...r.sections.keys()]).toEqual(r.study.sections.map((s) => s.id));
    expect(r.sections.get('3')?.kind).toBe('training');
    expect(r.montages.size).toBeGreaterThanOrEqual(8);
    // Every declared model's seeds, each run.json validated, in seed order.
    for (const m of r.study.models) expect(r.runs.get(m.id)?.map((run) => run.seed), m.id).toEqual(Array.from({ length: m.seeds }, (_, i) => i));
  });

  it('names a missing manifest', () => {
    const d = copy();
    rmSync(join(d, 'manifest.json'));
    expect(problems(d)).toMatch(/manifest\.json: missing/);
  });

  it('names a missing section file', () => {
    const d = copy();
    rmSync(join(d, sectionFilePath('6')));
    expect(problems(d)).toMatch(/section-6\.json: missing \(listed in manifest\.json\)/);
  });

  it('names a file whose contents differ from the manifest', () => {
    const d = copy();
    const f = join(d, sectionFilePath('2'));
    const s = readJson(f);
    s.test_accuracy.mean = 0.5;
    writeJson(f, s);
    expect(problems(d)).toMatch(/section-2\.json: .*(bytes, manifest\.json says|SHA-256 differs)/);
  });

  it('names a file that does not match the schema', () => {
    const d = copy();
    const f = join(d, sectionFilePath('8'));
    const s = readJson(f);
    delete s.calibration;
    writeJson(f, s);
    expect(problems(d)).toMatch(/section-8\.json: does not match schema\/results\.ts — calibration: Required/);
  });

  it('names a summary whose rows are not the declared sections, and a missing montage image', () => {
    const d = copy();
    const sum = readJson(join(d, 'summary.json'));
    sum.rows = sum.rows.filter((row: { section: string }) => row.section !== '1');
    writeJson(join(d, 'summary.json'), sum);
    const s1 = readJson(join(d, sectionFilePath('1')));
    rmSync(join(d, s1.montages.samples.image));
    const msg = problems(d);
    expect(msg).toMatch(/summary\.json: rows for sections 2, .*study\.json declares 1, 2, /);
    expect(msg).toMatch(/section-1-samples\.png: missing/);
    expect(msg).toMatch(/npm run train/);
  });

  it('names missing model weights', () => {
    const d = copy();
    const model = readJson(join(dir, 'models', 'digits-300', 'model.json'));
    rmSync(join(dir, 'models', 'digits-300', model.weightsManifest[0].paths[0]));
    expect(problems(d)).toMatch(/models\/digits-300\/.*missing/);
  });
});
