/** Which runs count as done (training/pipeline/jobs.ts): a valid run.json with the job's hash, beside its weights. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isFresh, recordedHash, type Job } from '../../../training/pipeline/jobs';
import { ROOT } from '../../../scripts/lib/train';
import { datasetEntry } from '../../../core/datasets';

/** A copy of a committed run (digits-128, seed 0) and the job that made it. */
function committedRun(): Job {
  const dir = join(mkdtempSync(join(tmpdir(), 'jobs-test-')), 'seed-0');
  cpSync(join(ROOT, 'public/runs/digits-128/seed-0'), dir, { recursive: true });
  const run = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8'));
  const sources = { dataset: datasetEntry('digits'), other: datasetEntry('fashion') };
  return { model: 'digits-128', dataset: 'digits', other: 'fashion', sources, units: 128, epochs: run.epochs, seed: 0, trainCount: null, backend: run.backend, hash: run.hash, dir };
}

describe('isFresh', () => {
  it('accepts a run whose valid run.json carries the job hash', () => {
    const job = committedRun();
    expect(recordedHash(job.dir)).toBe(job.hash);
    expect(isFresh(job)).toBe(true);
    expect(isFresh({ ...job, hash: 'another' })).toBe(false);
  });

  it('retrains a run whose run.json carries the hash but breaks the schema, or is not JSON', () => {
    const job = committedRun();
    const path = join(job.dir, 'run.json');
    const run = JSON.parse(readFileSync(path, 'utf8'));
    writeFileSync(path, JSON.stringify({ ...run, history: 'none' }));
    expect(isFresh(job)).toBe(false);
    writeFileSync(path, JSON.stringify(run).slice(0, 100));
    expect(isFresh(job)).toBe(false);
  });
});
