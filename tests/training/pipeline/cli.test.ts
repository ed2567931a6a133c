/**
 * End to end: `npm run train -- --quick` into a temporary folder, then what a user relies on — every
 * section present, models that tfjs reloads, a no-op second run, and results that survive a kill.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { manifestFile, sectionFile, summaryFile } from '../../../schema/results.ts';
import { STUDY } from '../../../training/config/experiments.ts';
import { initBackend } from '../../../training/tf/backend.ts';
import { train } from '../../../scripts/lib/train';

const out = mkdtempSync(join(tmpdir(), 'train-e2e-'));

const json = (file: string) => JSON.parse(readFileSync(join(out, file), 'utf8'));

beforeAll(async () => {
  await initBackend('wasm');
  const run = await train(['--quick', '--out', out]);
  expect(run.code, run.output).toBe(0);
}, 600_000);

describe('npm run train -- --quick', () => {
  it('writes a summary with every section, validated by the schema', () => {
    const summary = summaryFile.parse(json('results/summary.json'));
    expect(summary.rows.map((r) => r.section)).toEqual(STUDY.sections.map((s) => s.id));
    expect(summary.quick).toBe(true);
    for (const { id, kind } of STUDY.sections) expect(sectionFile.parse(json(`results/section-${id}.json`)).kind).toBe(kind);
    expect(json('results/study.json')).toEqual(JSON.parse(JSON.stringify(STUDY)));
    const lastLayer = STUDY.sections.find((s) => s.kind === 'last-layer');
    expect(json(`results/section-${lastLayer?.id}.json`).equal).toBe(true);
  });

  it('writes a manifest that hashes every file it lists', () => {
    const manifest = manifestFile.parse(json('results/manifest.json'));
    expect(manifest.backend).toBe('wasm');
    expect(manifest.data.map((d) => d.dataset).sort()).toEqual(['digits', 'digits', 'digits', 'digits', 'fashion', 'fashion', 'fashion', 'fashion']);
    for (const file of manifest.files) expect(existsSync(join(out, file.path)), file.path).toBe(true);
    expect(manifest.files.some((f) => f.path === 'models/digits-300/weights.bin')).toBe(true);
  });

  it('saves models that tf.loadLayersModel reloads and that predict like the results say', async () => {
    for (const { id } of STUDY.models) {
      const dir = join(out, 'models', id);
      const modelJson = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
      const weights = readFileSync(join(dir, modelJson.weightsManifest[0].paths[0]));
      const model = await tfl.loadLayersModel(
        tf.io.fromMemory({
          modelTopology: modelJson.modelTopology,
          weightSpecs: modelJson.weightsManifest[0].weights,
          weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
        }),
      );
      const gallery = json(`results/gallery/${id}.json`);
      const pixels = readFileSync(join(out, 'results', gallery.binary));
      const x = tf.tensor3d(Float32Array.from(pixels.subarray(0, 784), (v) => v / 255), [1, 28, 28]);
      const p = (model.predict(x) as tf.Tensor).dataSync();
      expect(p).toHaveLength(10);
      for (let c = 0; c < 10; c++) expect(p[c]).toBeCloseTo(gallery.items[0].probabilities[c], 4);
      tf.dispose([x]);
      model.dispose();
    }
  });

  it('does nothing on a second run with nothing changed', async () => {
    const before = readFileSync(join(out, 'results/summary.json'), 'utf8');
    const run = await train(['--quick', '--out', out]);
    expect(run.code).toBe(0);
    expect(run.output).toContain('Up to date');
    expect(readFileSync(join(out, 'results/summary.json'), 'utf8')).toBe(before);
  });

  it('leaves the previous results intact and loadable when killed mid-run', async () => {
    const before = readFileSync(join(out, 'results/summary.json'), 'utf8');
    // A third seed makes new jobs stale; kill the whole process group as soon as training starts.
    const run = await train(['--quick', '--out', out, '--seeds', '3'], {}, (line, control) => {
      if (line.includes('started')) control.signal('SIGKILL');
    });
    expect(run.code).not.toBe(0);
    expect(readFileSync(join(out, 'results/summary.json'), 'utf8')).toBe(before);
    summaryFile.parse(json('results/summary.json'));
    expect(readdirSync(out).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('fails with a message naming the missing data and how to provide it', async () => {
    const run = await train(['--quick', '--out', mkdtempSync(join(tmpdir(), 'train-nodata-'))], { MNIST_DIR: '/nonexistent/mnist' });
    expect(run.code).toBe(1);
    expect(run.output).toMatch(/MNIST_DIR/);
    expect(run.output).toMatch(/\/nonexistent\/mnist/);
  });
});
