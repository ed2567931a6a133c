import { describe, expect, it } from 'vitest';
import { readSettings, writeSettings, type RunConfig } from '../../src/client/train/settings.ts';
import { eta, maxAbsDiff, placeAmong, verdict } from '../../src/client/train/verdict.ts';

const published: RunConfig = { dataset: 'digits', units: 128, epochs: 10, learningRate: 0.001, batchSize: 32, seed: 0, trainCount: 60_000 };

describe('Train it yourself: settings in the page address', () => {
  it('round-trips a shared run and leaves the published defaults out of the address', () => {
    const mine: RunConfig = { dataset: 'fashion', units: 256, epochs: 3, learningRate: 0.0005, batchSize: 64, seed: 7, trainCount: 20_000 };
    const search = writeSettings(mine, published, '?backend=wasm');
    expect(search).toContain('backend=wasm');
    expect(readSettings(search, published)).toEqual({ settings: mine, notes: [] });
    expect(writeSettings(published, published, '')).toBe('');
  });

  it('falls back to the default for a value out of range, naming it', () => {
    const { settings, notes } = readSettings('?units=5000&epochs=abc&lr=-1&seed=3', published);
    expect(settings).toEqual({ ...published, seed: 3 });
    expect(notes).toHaveLength(3);
    expect(notes[0]).toContain('hidden units to “5000”');
  });

  it('never lets the batch exceed the training images', () => {
    const { settings, notes } = readSettings('?images=100&batch=512', published);
    expect(settings.batchSize).toBe(100);
    expect(notes[0]).toContain('batch of 512');
  });
});

describe('Train it yourself: the verdict', () => {
  it('says identical only for the same SHA-256, and by how much otherwise', () => {
    const same = verdict({ engine: 'WebKit (the engine of Safari)', sha256: 'a', publishedSha256: 'a', maxDiff: 0, testAccuracy: 0.98, publishedTestAccuracy: 0.98 });
    expect(same.identical).toBe(true);
    expect(same.text).toMatch(/^Trained in WebKit \(the engine of Safari\): identical/);
    const off = verdict({ engine: 'Firefox (Gecko)', sha256: 'a', publishedSha256: 'b', maxDiff: 3e-7, testAccuracy: 0.9781, publishedTestAccuracy: 0.9791 });
    expect(off.identical).toBe(false);
    expect(off.text).toContain('max |Δw| = 3.00e-7');
    expect(off.text).toContain('−0.10 points');
    expect(off.text).toMatch(/^Trained in Firefox \(Gecko\): not identical/);
  });

  it('measures weights and places a result among the seeds', () => {
    expect(maxAbsDiff(new Float32Array([1, 2, 3]), new Float32Array([1, 2.5, 3]))).toBe(0.5);
    expect(maxAbsDiff(new Float32Array(2), new Float32Array(3))).toBeNull();
    expect(placeAmong(0.975, [0.97, 0.98])).toContain('within the range of the 2 published seeds');
    expect(placeAmong(0.5, [0.97, 0.98])).toContain('below all');
    expect(eta(10_000, 1, 2)).toBe('about 10 s left');
  });
});
