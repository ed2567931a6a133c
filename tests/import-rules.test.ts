/**
 * The rooms of the project and the doors between them, checked on the import graph (any number of hops,
 * as SvelteKit checks its server-only modules): training never reaches page code, the pages never reach
 * training, scripts never reach the tests. core/, trainer/ and schema/ are shared by both sides, and
 * core/ stays browser-safe (no Node built-ins). A failure names the chain of imports that breaks a rule.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { chainTo, importGraph, type ImportGraph } from '../training/pipeline/import-graph.ts';
import { ROOT } from '../scripts/lib/site.ts';

const ROOMS = ['core', 'schema', 'trainer', 'training', 'src', 'scripts', 'crosscheck'];

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sources(path);
    return /\.(ts|astro|mjs)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

let graph: ImportGraph;
let files: string[];

beforeAll(async () => {
  files = ROOMS.flatMap(sources);
  graph = await importGraph(files, ROOT);
}, 120_000);

/** Every chain from a file of room `from` into a file `forbidden` accepts, one per starting file. */
function violations(from: string, forbidden: (file: string) => boolean): string[] {
  return files.filter((f) => f.startsWith(`${from}/`)).flatMap((f) => {
    const chain = chainTo(graph, f, forbidden);
    return chain ? [chain.join(' → ')] : [];
  });
}

const inRoom = (room: string) => (file: string) => file.startsWith(`${room}/`);

describe('import rules', () => {
  it('reads the whole project', () => {
    // A graph that misses the .astro components or the dynamic kind imports would pass every rule vacuously.
    expect(graph.get('src/pages/index.astro')?.imports).toEqual(expect.arrayContaining(['src/lib/readings.ts']));
    expect(graph.get('training/analysis/section-kind.ts')?.imports).toEqual(expect.arrayContaining(['training/analysis/kinds/hidden.ts']));
  });

  it('training/ imports nothing from src/', () => {
    expect(violations('training', inRoom('src'))).toEqual([]);
  });

  it('src/ imports nothing from training/', () => {
    expect(violations('src', inRoom('training'))).toEqual([]);
  });

  it('scripts/ imports nothing from tests/', () => {
    expect(violations('scripts', inRoom('tests'))).toEqual([]);
  });

  it('the shared rooms (core/, trainer/, schema/) import neither side', () => {
    for (const room of ['core', 'trainer', 'schema']) expect(violations(room, (f) => inRoom('src')(f) || inRoom('training')(f))).toEqual([]);
  });

  it('core/ is browser-safe: no Node built-ins', () => {
    const nodeImports = files.filter(inRoom('core')).flatMap((f) => [...readFileSync(join(ROOT, f), 'utf8').matchAll(/from '(node:[^']+)'/g)].map((m) => `${f} imports ${m[1]}`));
    expect(nodeImports).toEqual([]);
  });

  it('names the chain of a forbidden edge', () => {
    // The rule checker itself, on a made-up graph: a page reaching training through a shared file.
    const node = (...imports: string[]) => ({ imports, packages: [], reads: [] });
    const made: ImportGraph = new Map([['src/a.ts', node('core/b.ts')], ['core/b.ts', node('training/c.ts')], ['training/c.ts', node()]]);
    expect(chainTo(made, 'src/a.ts', inRoom('training'))).toEqual(['src/a.ts', 'core/b.ts', 'training/c.ts']);
  });
});
