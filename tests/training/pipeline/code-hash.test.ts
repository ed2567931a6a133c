/**
 * The code hashes follow the module graph: editing any file the training or the analysis imports (a
 * module reached by a dynamic import, a shared core file, a .wat kernel read by URL, a new kind module)
 * changes its hash; editing what only the pages import changes neither. On a copy of the sources.
 */
import { appendFileSync, cpSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANALYSIS_ENTRIES, ROOT, TRAINING_ENTRIES, codeGraphs, codeHashes, type CodeHashes } from '../../../training/pipeline/code-hash.ts';

const copy = mkdtempSync(join(tmpdir(), 'code-hash-'));
let before: CodeHashes;

beforeAll(async () => {
  for (const dir of ['core', 'schema', 'trainer', 'training', 'src', 'package.json']) cpSync(join(ROOT, dir), join(copy, dir), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
  before = await codeHashes(copy);
});
afterAll(() => rmSync(copy, { recursive: true, force: true }));

/** Edits `file` in the copy, returns the hashes after, then restores the hashes' baseline by editing back. */
async function afterEditing(file: string): Promise<CodeHashes> {
  const path = join(copy, file);
  appendFileSync(path, '\n// an edit\n');
  const after = await codeHashes(copy);
  cpSync(join(ROOT, file), path);
  return after;
}

describe('code hashes', () => {
  it.each([
    'core/format.ts',
    'core/stats.ts',
    'core/analysis/hidden.ts',
    'training/analysis/kinds/hidden.ts',
    'schema/results.ts',
    'training/output/montage.ts',
  ])('change the analysis hash when %s changes', async (file) => {
    const after = await afterEditing(file);
    expect(after.analysis).not.toBe(before.analysis);
    expect(after.all).not.toBe(before.all);
  });

  it.each(['trainer/adam.wat', 'trainer/fast-step.ts', 'core/network.ts', 'training/data/datasets.ts'])('change the training hash when %s changes', async (file) => {
    const after = await afterEditing(file);
    expect(after.training).not.toBe(before.training);
  });

  it.each(['src/lib/readings.ts', 'src/pages/index.astro', 'src/client/math.ts'])('stay the same when the page-only %s changes', async (file) => {
    expect(await afterEditing(file)).toEqual(before);
  });

  it('take in a new kind module, which the analysis would load by name', async () => {
    const extra = join(copy, 'training/analysis/kinds/extra.ts');
    writeFileSync(extra, 'export const kind = {};\n');
    try {
      expect((await codeHashes(copy)).analysis).not.toBe(before.analysis);
    } finally {
      rmSync(extra);
    }
  });

  it('list the libraries that shape results, with their installed versions', async () => {
    const graphs = await codeGraphs([...TRAINING_ENTRIES, ...ANALYSIS_ENTRIES]);
    const names = (entry: string) => graphs.get(entry)?.packages.map((p) => p.replace(/@[^@]*$/, '')) ?? [];
    expect(names(TRAINING_ENTRIES[0])).toEqual(expect.arrayContaining(['@tensorflow/tfjs-core', '@tensorflow/tfjs-layers', '@tensorflow/tfjs-backend-wasm', 'wabt']));
    expect(names(ANALYSIS_ENTRIES[0])).toEqual(expect.arrayContaining(['ml-pca', 'ml-matrix', 'sharp', '@tensorflow/tfjs-core']));
    // And no page code at all.
    for (const graph of graphs.values()) expect(graph.files.filter((f) => f.startsWith('src/'))).toEqual([]);
  });

  it('leave out the optional tfjs-node, installed on some machines and not on others', async () => {
    // Its presence (or @absent) in the hash made every committed run stale on a machine where npm installed it.
    const graphs = await codeGraphs([...TRAINING_ENTRIES, ...ANALYSIS_ENTRIES]);
    for (const graph of graphs.values()) expect(graph.packages.filter((p) => p.startsWith('@tensorflow/tfjs-node@'))).toEqual([]);
  });
});
