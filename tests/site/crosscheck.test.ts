/** The Keras column's reading and loading (src/lib/crosscheck.ts), on fixed numbers. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crossReading, loadCrosscheck, standardError, withinTwoSE, type CrossRow } from '../../src/lib/crosscheck';
import { crosscheckFile, type CrosscheckFile } from '../../schema/crosscheck';

const stat = (values: number[]) => {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const std = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
  return { mean, std, n, seeds: values.map((value, seed) => ({ seed, value })) };
};

describe('two standard errors', () => {
  it('uses std / √n', () => {
    expect(standardError(stat([0.9, 0.92, 0.94, 0.96]))).toBeCloseTo(0.02582 / 2, 4);
  });
  it('tells a mean apart from a value outside 2 SE and not inside it', () => {
    const keras = stat([0.875, 0.877, 0.873, 0.876, 0.874]); // mean 0.875, std 0.00158, SE 0.000707
    expect(withinTwoSE(0.876, keras)).toBe(true);
    expect(withinTwoSE(0.88, keras)).toBe(false);
  });
});

describe('crossReading', () => {
  const row: CrossRow = {
    label: 'test accuracy',
    original: { value: 0.88, printed: '88%' },
    ours: stat([0.8815, 0.884, 0.879, 0.8805, 0.882]),
    keras: stat([0.875, 0.877, 0.873, 0.876, 0.874]),
  };
  it('says ours and Keras differ, and that the original is outside Keras’s 2 SE', () => {
    const [ours, original] = crossReading(row);
    expect(ours).toContain('0.64 points higher');
    expect(ours).toContain('more than two standard errors');
    expect(original).toContain("The original's 88% is outside two standard errors");
  });
  it('says "within" when the means are close', () => {
    const [ours] = crossReading({ ...row, ours: stat([0.874, 0.876, 0.875]) });
    expect(ours).toContain('within two standard errors');
  });
});

const example: CrosscheckFile = crosscheckFile.parse({
  generated_at: '2026-12-02T09:00:00.000Z',
  quick: false,
  code_hash: 'abc',
  versions: { python: '3.11.7', tensorflow: '2.21.0', keras: '3.15.1', numpy: '2.4.6' },
  threads: 1,
  workers: 2,
  machine: { cpu: 'AMD EPYC', cores: 2, platform: 'linux x64' },
  calls: ['model.fit(x, y, epochs=10)'],
  models: {
    'digits-128': {
      dataset: 'digits', units: 128, epochs: 1, train_count: 60000,
      runs: [{ seed: 0, history: [{ epoch: 1, train_loss: 0.3, train_accuracy: 0.9, test_loss: 0.2, test_accuracy: 0.95, seconds: 3 }], train_accuracy: 0.9, train_accuracy_eval: 0.93, test_accuracy: 0.95, test_loss: 0.2, cross_accuracy: 0.1, duration_s: 10, workers: 2, seconds_per_epoch: 3 }],
      train_accuracy: stat([0.9, 0.9]), train_accuracy_eval: stat([0.93, 0.93]), test_accuracy: stat([0.95, 0.95]), cross_accuracy: stat([0.1, 0.1]), seconds_per_epoch: stat([3, 3]),
    },
  },
  alpha: {},
});

describe('loadCrosscheck', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crosscheck-read-'));
  it('returns null when the file is absent (the pages show a note)', () => {
    expect(loadCrosscheck(join(dir, 'missing.json'), 'abc')).toBeNull();
  });
  it('marks a file made by other runner code as stale', () => {
    const path = join(dir, 'keras.json');
    writeFileSync(path, JSON.stringify(example));
    expect(loadCrosscheck(path, 'abc')?.stale).toBe(false);
    expect(loadCrosscheck(path, 'def')?.stale).toBe(true);
  });
  it('rejects a file that breaks the contract, naming the file and the fix', () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, JSON.stringify({ ...example, threads: 0 }));
    expect(() => loadCrosscheck(path, 'abc')).toThrow(/bad\.json does not match schema\/crosscheck\.ts.*threads.*npm run crosscheck/);
  });
});
