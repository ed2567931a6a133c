/**
 * `npm run crosscheck -- --quick` end to end, when a Python with the pinned TensorFlow is there (`.ci/run`
 * installs it; locally `npm run crosscheck -- --quick` makes it): the file matches the contract, a
 * second run reuses every cached result instead of training again, and a run into the same file carries
 * every model over from it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { crosscheckFile } from '../../schema/crosscheck.ts';
import { STUDY } from '../../training/config/experiments.ts';
import { existingKerasPython } from '../../crosscheck/python.ts';
import { CROSSCHECK_QUICK } from '../../crosscheck/plan.ts';

const keras = existingKerasPython();
if (!keras.python) console.warn(`Skipping the Keras crosscheck test: ${keras.reason}.`);
const dir = mkdtempSync(join(tmpdir(), 'crosscheck-quick-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = () =>
  execFileSync('npx', ['tsx', 'crosscheck/cli.ts', '--quick', '--cache', join(dir, 'cache'), '--out', join(dir, 'keras.json')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...(keras.python ? { CROSSCHECK_PYTHON: keras.python } : {}) },
  });

describe.skipIf(!keras.python)('npm run crosscheck -- --quick', () => {
  it('writes a file the contract accepts, with every model and α section of the study', { timeout: 300_000 }, () => {
    run();
    const file = crosscheckFile.parse(JSON.parse(readFileSync(join(dir, 'keras.json'), 'utf8')));
    expect(file.quick).toBe(true);
    expect(Object.keys(file.models).sort()).toEqual(STUDY.models.map((m) => m.id).sort());
    for (const m of Object.values(file.models)) {
      expect(m.train_count).toBe(CROSSCHECK_QUICK.trainCount);
      expect(m.runs.map((r) => r.history.length)).toEqual([CROSSCHECK_QUICK.epochs]);
      // One epoch on 2,000 images already beats chance (10 %) by far on the model's own test set.
      expect(m.test_accuracy.mean).toBeGreaterThan(0.5);
    }
    const alphaSections = STUDY.sections.filter((s) => s.kind === 'alpha').map((s) => s.id);
    expect(Object.keys(file.alpha).sort()).toEqual(alphaSections.sort());
    for (const a of Object.values(file.alpha)) expect(a.random_pairs).toBe(CROSSCHECK_QUICK.randomPairs);
  });

  it('reuses the cached results on a second run', { timeout: 120_000 }, () => {
    const again = spawnSync('npx', ['tsx', 'crosscheck/cli.ts', '--quick', '--cache', join(dir, 'cache'), '--out', join(dir, 'again.json')], {
      encoding: 'utf8',
      env: { ...process.env, CROSSCHECK_PYTHON: keras.python },
    });
    expect(again.status, again.stderr).toBe(0);
    const jobs = STUDY.models.length * CROSSCHECK_QUICK.seeds;
    expect(again.stderr).toContain(`${jobs} of ${jobs} Keras runs reused`);
    const first = crosscheckFile.parse(JSON.parse(readFileSync(join(dir, 'keras.json'), 'utf8')));
    expect(crosscheckFile.parse(JSON.parse(readFileSync(join(dir, 'again.json'), 'utf8'))).models).toEqual(first.models);
  });

  it('carries every model over from its own file, even with the per-seed cache gone', { timeout: 120_000 }, () => {
    const before = readFileSync(join(dir, 'keras.json'), 'utf8');
    const again = spawnSync('npx', ['tsx', 'crosscheck/cli.ts', '--quick', '--cache', join(dir, 'empty-cache'), '--out', join(dir, 'keras.json')], {
      encoding: 'utf8',
      env: { ...process.env, CROSSCHECK_PYTHON: keras.python },
    });
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toContain(`keeping ${STUDY.models.map((m) => m.id).join(', ')} from`);
    expect(again.stderr).toContain('nothing to run or write');
    expect(readFileSync(join(dir, 'keras.json'), 'utf8')).toBe(before);
  });
});
