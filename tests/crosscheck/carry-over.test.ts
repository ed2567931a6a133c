/**
 * Carrying models over from the existing keras.json (crosscheck/carry-over.ts) and assembling carried +
 * new models (crosscheck/assemble.ts), on fixed data: the study's jobs planned from made-up labels and
 * data hashes, and made-up Keras results. No Python.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assembleCrosscheck } from '../../crosscheck/assemble.ts';
import { KEPT_BY_KEY, KEPT_BY_SETTINGS, decideCarryOver, readPrevious, type CarryContext } from '../../crosscheck/carry-over.ts';
import { planKerasJobs, type KerasJob } from '../../crosscheck/plan.ts';
import { crosscheckFile, type CrosscheckFile, type KerasSeedResult } from '../../schema/crosscheck.ts';
import { parseStudy, type StudySpec } from '../../schema/study.ts';
import { STUDY, STUDY_DECLARATION } from '../../training/config/experiments.ts';

const CODE = 'runner-code-hash';
const TRAIN_COUNT = 60000;
const labels = Uint8Array.from({ length: 10000 }, (_, i) => i % 10);
const ctx: CarryContext = { codeHash: CODE, quick: false, threads: 1, trainCount: (job) => job.train_count ?? TRAIN_COUNT };
const ids = (study: StudySpec) => study.models.map((m) => m.id);

const plan = (study: StudySpec = STUDY, codeHash = CODE) =>
  planKerasJobs({ study, testLabels: { digits: labels, fashion: labels }, dataHashes: { digits: ['d'], fashion: ['f'] }, codeHash, threads: 1, quick: false });

/** The study with one model's epochs changed, as an edit of the declaration would (fashion-128 is in no 2 × 2 design). */
function withEpochs(model: string, epochs: number): StudySpec {
  const declaration = structuredClone(STUDY_DECLARATION);
  const spec = declaration.models.find((m) => m.id === model);
  if (!spec) throw new Error(`no model ${model} in the declaration`);
  spec.epochs = epochs;
  return parseStudy(declaration, 'test');
}

/** A made-up Keras result of a job; `accuracy` tells one generation of results from another. */
function result(job: KerasJob, accuracy: number): KerasSeedResult {
  return {
    model: job.model,
    seed: job.seed,
    key: job.key,
    threads: job.threads,
    workers: 2,
    versions: { python: '3.11.2', tensorflow: '2.21.0', keras: '3.15.1', numpy: '2.4.6' },
    history: Array.from({ length: job.epochs }, (_, e) => ({ epoch: e + 1, train_loss: 0.1, train_accuracy: accuracy, test_loss: 0.1, test_accuracy: accuracy, seconds: 2 + job.seed })),
    train_accuracy: accuracy,
    train_accuracy_eval: accuracy,
    test_accuracy: accuracy,
    test_loss: 0.1,
    cross_accuracy: 0.1,
    alpha: job.alpha.map((a) => ({ section: a.section, accuracy, random_pairs: a.pairs.map(() => accuracy) })),
    duration_s: 20,
  };
}

const assemble = (jobs: KerasJob[], accuracy: number, carried?: { file: CrosscheckFile; models: string[] }) =>
  assembleCrosscheck({ study: STUDY, jobs, results: new Map(jobs.map((j) => [j, result(j, accuracy)])), carried, codeHash: CODE, quick: false, trainCount: ctx.trainCount });

const jobs = plan();
/** A file written with keys, from every job of the study. */
const keyed = assemble(jobs, 0.9);
/** The same file as written before runs carried keys. */
const keyless: CrosscheckFile = structuredClone(keyed);
for (const m of Object.values(keyless.models)) for (const r of m.runs) delete r.key;

const kept = (file: CrosscheckFile, planned = jobs, context = ctx, models = ids(STUDY)) =>
  decideCarryOver({ file }, models, planned, context)
    .filter((d) => d.keep)
    .map((d) => d.model);

describe('carrying a model over from a file with job keys', () => {
  it('keeps every model whose runs have the jobs’ seeds and keys', () => {
    const decisions = decideCarryOver({ file: keyed }, ids(STUDY), jobs, ctx);
    expect(decisions.map((d) => [d.model, d.keep, d.reason])).toEqual(ids(STUDY).map((m) => [m, true, KEPT_BY_KEY]));
  });

  it('runs a model again when one of its jobs has another key, and says which seed', () => {
    const changed = jobs.map((j) => (j.model === 'digits-300' && j.seed === 1 ? { ...j, key: 'another' } : j));
    const decisions = decideCarryOver({ file: keyed }, ids(STUDY), changed, ctx);
    expect(decisions.find((d) => d.model === 'digits-300')).toMatchObject({ keep: false, reason: expect.stringContaining('seed 1') });
    expect(kept(keyed, changed)).toEqual(ids(STUDY).filter((m) => m !== 'digits-300'));
  });

  it('runs a model again when the study changes its epochs (the key changes with them)', () => {
    const study = withEpochs('fashion-128', 20);
    expect(kept(keyed, plan(study), ctx, ids(study))).toEqual(ids(STUDY).filter((m) => m !== 'fashion-128'));
  });
});

describe('carrying a model over from a file without keys', () => {
  it('keeps a model when the runner code, threads, settings, seeds and α sections match', () => {
    const decisions = decideCarryOver({ file: keyless }, ids(STUDY), jobs, ctx);
    expect(decisions.every((d) => d.keep && d.reason === KEPT_BY_SETTINGS)).toBe(true);
  });

  it('runs a model again when its epochs differ, naming both values', () => {
    const study = withEpochs('fashion-128', 20);
    const decisions = decideCarryOver({ file: keyless }, ids(study), plan(study), ctx);
    expect(decisions.find((d) => d.model === 'fashion-128')).toMatchObject({ keep: false, reason: 'epochs 10 in the file, 20 now' });
    expect(decisions.filter((d) => d.keep).map((d) => d.model)).toEqual(ids(STUDY).filter((m) => m !== 'fashion-128'));
  });

  it('runs every model again when the runner code changed', () => {
    const other = { ...ctx, codeHash: 'edited-runner' };
    expect(kept(keyless, plan(STUDY, other.codeHash), other)).toEqual([]);
  });

  it('runs a model again when its seeds or α random pairs differ', () => {
    expect(kept(keyless, jobs.filter((j) => !(j.model === 'fashion-128' && j.seed === 4)))).not.toContain('fashion-128');
    const fewer = jobs.map((j) => (j.model === 'digits-300' ? { ...j, alpha: j.alpha.map((a) => ({ ...a, pairs: a.pairs.slice(0, 10) })) } : j));
    expect(kept(keyless, fewer)).not.toContain('digits-300');
  });
});

describe('what never carries over', () => {
  it('runs the models the file does not have', () => {
    const old = structuredClone(keyless);
    delete old.models['digits-128-e200'];
    delete old.models['digits-300-e10'];
    const decisions = decideCarryOver({ file: old }, ids(STUDY), jobs, ctx);
    expect(decisions.filter((d) => !d.keep)).toEqual([
      { model: 'digits-128-e200', keep: false, reason: 'not in the file' },
      { model: 'digits-300-e10', keep: false, reason: 'not in the file' },
    ]);
  });

  it('mixes neither a quick file into a full run nor a full file into a quick run', () => {
    expect(kept({ ...keyed, quick: true })).toEqual([]);
    expect(kept(keyed, jobs, { ...ctx, quick: true })).toEqual([]);
  });

  it('reads no file that is missing, not JSON or not the contract, and says why', () => {
    const dir = mkdtempSync(join(tmpdir(), 'carry-over-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    expect(readPrevious(join(dir, 'none.json'))).toEqual({ reason: `no file at ${join(dir, 'none.json')}` });
    writeFileSync(join(dir, 'cut.json'), '{"quick": fa');
    expect(readPrevious(join(dir, 'cut.json'))).toMatchObject({ reason: expect.stringContaining('is not JSON') });
    writeFileSync(join(dir, 'other.json'), JSON.stringify({ quick: false }));
    expect(readPrevious(join(dir, 'other.json'))).toMatchObject({ reason: expect.stringContaining('does not match schema/crosscheck.ts') });
    writeFileSync(join(dir, 'good.json'), JSON.stringify(keyless));
    expect(readPrevious(join(dir, 'good.json'))).toEqual({ file: keyless });
  });
});

describe('assembling carried and new models', () => {
  // The committed situation: a keyless file without the two newest models.
  const old = structuredClone(keyless);
  delete old.models['digits-128-e200'];
  delete old.models['digits-300-e10'];
  const carriedModels = decideCarryOver({ file: old }, ids(STUDY), jobs, ctx).filter((d) => d.keep).map((d) => d.model);
  const toRun = jobs.filter((j) => !carriedModels.includes(j.model));
  const file = assemble(toRun, 0.5, { file: old, models: carriedModels });

  it('holds every model of the study in the contract, the carried ones unchanged', () => {
    expect(crosscheckFile.safeParse(JSON.parse(JSON.stringify(file))).success).toBe(true);
    expect(Object.keys(file.models)).toEqual(ids(STUDY));
    for (const model of carriedModels) expect(file.models[model]).toEqual(old.models[model]);
    expect(file.models['digits-300-e10'].test_accuracy.mean).toBe(0.5);
  });

  it('keeps the carried models’ α entries', () => {
    expect(Object.values(old.alpha).every((a) => carriedModels.includes(a.model))).toBe(true);
    expect(file.alpha).toEqual(old.alpha);
  });

  it('stores the new runs’ keys, so the next run keeps every model', () => {
    for (const j of toRun) expect(file.models[j.model].runs.find((r) => r.seed === j.seed)?.key).toBe(j.key);
    const decisions = decideCarryOver({ file }, ids(STUDY), jobs, ctx);
    expect(decisions.filter((d) => d.keep).map((d) => [d.model, d.reason])).toEqual(
      ids(STUDY).map((m) => [m, carriedModels.includes(m) ? KEPT_BY_SETTINGS : KEPT_BY_KEY]),
    );
  });

  it('refuses to put results of another Keras beside the carried ones', () => {
    const newer = { ...old, versions: { ...old.versions, keras: '3.16.0' } };
    expect(() => assemble(toRun, 0.5, { file: newer, models: carriedModels })).toThrow(/carried models \(fashion-128, digits-128, digits-300\).*--rerun/);
  });
});
