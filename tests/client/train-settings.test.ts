import { describe, expect, it } from 'vitest';
import { NUMBER_SETTINGS, readSettings, settingsFields, settingsValues, type RunConfig } from '../../src/client/train/settings.ts';
import { encodeState, mergeSearch, problemNote } from '../../src/client/url-state.ts';
import { eta, maxAbsDiff, placeAmong, verdict } from '../../src/client/train/verdict.ts';

const published: RunConfig = { dataset: 'digits', units: 128, epochs: 10, learningRate: 0.001, batchSize: 32, seed: 0, trainCount: 60_000 };
const fields = settingsFields(['digits', 'fashion']);
const read = (search: string) => readSettings(search, 'train', fields, published);
/** The address a widget writes for `s` (url-state.ts, prefix train.), merged into `search`. */
const write = (s: RunConfig, search: string) => mergeSearch(search, encodeState('train', fields, settingsValues(s), settingsValues(published)));

describe('Train it yourself: settings in the page address', () => {
  it('round-trips a shared run under the prefix train. and leaves the published defaults out of the address', () => {
    const mine: RunConfig = { dataset: 'fashion', units: 256, epochs: 3, learningRate: 0.0005, batchSize: 64, seed: 2_000_000_000, trainCount: 20_000 };
    const search = write(mine, '?backend=wasm&alpha.a=0.7');
    expect(search).toBe('?backend=wasm&alpha.a=0.7&train.dataset=fashion&train.units=256&train.epochs=3&train.lr=0.0005&train.batch=64&train.seed=2000000000&train.images=20000');
    expect(read(search)).toEqual({ settings: mine, problems: [] });
    expect(write(published, '')).toBe('');
    expect(read('?train.lr=1e-4').settings.learningRate).toBe(1e-4);
  });

  it('falls back to the default for a value out of range, naming it, and ignores unprefixed keys', () => {
    const { settings, problems } = read('?train.units=5000&train.epochs=abc&train.lr=-1&train.seed=3&units=64&train.dataset=cifar');
    expect(settings).toEqual({ ...published, seed: 3 });
    expect(problems.map((p) => p.key)).toEqual(['train.dataset', 'train.units', 'train.epochs', 'train.lr']);
    expect(problemNote(problems)).toContain('train.units=“5000” is not a whole number from 16 to 1024');
  });

  it('never lets the batch exceed the training images', () => {
    const { settings, problems } = read('?train.images=100&train.batch=512');
    expect(settings.batchSize).toBe(100);
    expect(problemNote(problems)).toContain('train.batch=“512” is not at most the number of training images (100)');
  });

  it('has one limit per setting, which the address enforces at both ends', () => {
    for (const n of NUMBER_SETTINGS) {
      expect(read(`?train.${n.name}=${n.min}`).settings[n.key], n.name).toBe(n.min);
      expect(read(`?train.${n.name}=${n.max}`).problems.filter((p) => p.key !== 'train.batch'), n.name).toEqual([]);
      expect(read(`?train.${n.name}=${n.max * 2}`).problems.map((p) => p.key), n.name).toContain(`train.${n.name}`);
    }
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
    expect(off.text).not.toContain('backend');
  });

  it('explains a difference from weights published off wasm (npm run train -- --backend tensorflow)', () => {
    const off = verdict({ engine: 'Chromium (the engine of Chrome and Edge)', sha256: 'a', publishedSha256: 'b', maxDiff: 2e-3, testAccuracy: 0.9781, publishedTestAccuracy: 0.9779, publishedBackend: 'tensorflow' });
    expect(off.identical).toBe(false);
    expect(off.text).toMatch(/trained on TensorFlow\.js’s tensorflow backend \(tfjs-node, libtensorflow\).*expect close, not bit-identical/);
    expect(verdict({ engine: 'Firefox (Gecko)', sha256: 'a', publishedSha256: 'b', maxDiff: 1e-7, testAccuracy: 0.97, publishedTestAccuracy: 0.97, publishedBackend: 'wasm' }).text).not.toContain('backend');
  });

  it('measures weights and places a result among the seeds', () => {
    expect(maxAbsDiff(new Float32Array([1, 2, 3]), new Float32Array([1, 2.5, 3]))).toBe(0.5);
    expect(maxAbsDiff(new Float32Array(2), new Float32Array(3))).toBeNull();
    expect(placeAmong(0.975, [0.97, 0.98])).toContain('within the range of the 2 published seeds');
    expect(placeAmong(0.5, [0.97, 0.98])).toContain('below all');
    expect(eta(10_000, 1, 2)).toBe('about 10 s left');
  });
});
