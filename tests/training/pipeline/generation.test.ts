/**
 * `npm run train` as one generation, end to end on copies of the committed output: a `--only` run still
 * leaves a whole generation; Ctrl-C, a second run and a write error each leave the output as it was and
 * say what happened.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadResults } from '../../../src/lib/results';
import { STUDY } from '../../../training/config/experiments.ts';
import { generationPaths } from '../../../core/layout';
import { acceptedGeneration, copyGeneration, manifestOf, ROOT, snapshot, train } from '../../../scripts/lib/train';

const committed = join(ROOT, 'public');

describe('npm run train writes one whole generation', () => {
  it('keeps every section, run and model with --only, and the manifest describes all of them', async () => {
    const out = copyGeneration(committed, 'only-test-');
    const before = manifestOf(out);
    const run = await train(['--quick', '--seeds', '1', '--only', '2', '--out', out]);
    expect(run.code, run.output).toBe(0);
    const hash = await acceptedGeneration(out);
    expect(hash).not.toBe(before.analysis_hash);
    const results = loadResults(join(out, 'results'));
    expect([...results.sections.keys()]).toEqual(STUDY.sections.map((s) => s.id));
    // Section 2's model was retrained (one quick seed); the other models' runs were carried over.
    const jobs = results.manifest.jobs.map((j) => `${j.model}/${j.seed}/${j.epochs}`);
    expect(jobs).toContain('digits-128/0/1');
    expect(jobs.filter((j) => j.startsWith('digits-128/'))).toEqual(['digits-128/0/1']);
    expect(jobs).toContain('digits-300/0/200');
    expect(jobs).toContain('fashion-128/4/10');
    // Sections 5 and 10 read digits-128 too, but their other models have no quick runs: they keep their
    // files, and the run says why.
    expect(run.output).toMatch(/Section 5 also reads a model this run retrains, but keeps its previous results: its other model fashion-128 is out of date/);
    expect(run.output).toMatch(/Section 10 also reads .* its other models digits-300-e10, digits-128-e200, digits-300 are out of date/);
  });

  it('stops on Ctrl-C with exit code 130, says what was kept, and leaves the output untouched', async () => {
    const out = copyGeneration(committed, 'sigint-test-');
    const before = await snapshot(out);
    let finished = 0;
    const run = await train(['--quick', '--seeds', '1', '--out', out], {}, (line, control) => {
      if (line.endsWith(' done') && ++finished === 1) control.signal('SIGINT');
    });
    expect(run.code, run.output).toBe(130);
    expect(run.output).toMatch(/Interrupted \(SIGINT\)/);
    expect(run.output).toContain(`${out} was not touched`);
    expect(run.output).toMatch(/[1-9]\d* finished runs? (is|are) kept in .*jobs/);
    expect(await snapshot(out)).toBe(before);
    // That the next run reuses what was kept is the kill test's (kill.test.ts).
  });

  it('refuses to run while another run holds the output, naming its pid; takes over a dead run\'s lock', async () => {
    const out = copyGeneration(committed, 'lock-test-');
    const paths = generationPaths(out);
    mkdirSync(paths.state, { recursive: true });
    // This test process is alive: to the CLI it is another training run.
    writeFileSync(paths.lock, JSON.stringify({ pid: process.pid, host: hostname(), started: '2026-12-01T10:00:00Z' }));
    const refused = await train(['--recover', '--out', out]);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain(`Another npm run train (pid ${process.pid}`);
    writeFileSync(paths.lock, JSON.stringify({ pid: 2 ** 22 + 1, host: hostname(), started: '2026-12-01T10:00:00Z' }));
    const took = await train(['--recover', '--out', out]);
    expect(took.code, took.output).toBe(0);
    expect(took.output).toContain(`Took over the lock of pid ${2 ** 22 + 1}`);
  });

  it('names the path of a write error and leaves the output unchanged', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'write-error-')), 'a-file');
    writeFileSync(file, 'not a folder');
    const run = await train(['--quick', '--out', join(file, 'out')]);
    expect(run.code).toBe(1);
    expect(run.output).toContain(`cannot write ${file}`);
    expect(run.output).toMatch(/ENOTDIR|EEXIST/);

    const out = copyGeneration(committed, 'write-error-');
    const before = await snapshot(out);
    // The staging area cannot be created: a file stands where its folder goes.
    const paths = generationPaths(out);
    mkdirSync(paths.state, { recursive: true });
    writeFileSync(paths.jobs, 'in the way');
    const blocked = await train(['--quick', '--seeds', '1', '--out', out]);
    expect(blocked.code).toBe(1);
    expect(blocked.output).toContain(`cannot write ${paths.jobs}`);
    expect(blocked.output).toContain(`${out} was not changed`);
    expect(await snapshot(out)).toBe(before);
  });
});
