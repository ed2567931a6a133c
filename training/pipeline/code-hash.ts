/**
 * Content hashes that decide what is stale. Training results depend on the trainer code, the
 * configuration, the data and the backend; the analysis (section JSONs, montages) on its own code and on
 * the runs. Which code: every project file the entry points' module graph reaches (static and dynamic
 * imports, and the files it reads by `new URL('…', import.meta.url)`, such as trainer/*.wat), found by
 * esbuild's metafile, plus the installed versions of the packages that graph imports and of their own
 * dependencies (tfjs, ml-pca, sharp, wabt, …). A file no entry point imports cannot change a result, and
 * a file one imports cannot be forgotten. Hashing by content (not mtime) keeps a fresh clone up to date.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importGraph, reachable } from './import-graph.ts';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * What a training job runs, in its worker process: everything that shapes the trained weights or what a
 * run records. The data loader is in its graph too; the data itself enters each job's hash by content.
 */
export const TRAINING_ENTRIES = ['training/pipeline/worker.ts'] as const;
/** The CLI, which plans, assembles and analyses (section kinds are imported by name: the graph follows the pattern). */
export const ANALYSIS_ENTRIES = ['training/cli.ts', 'training/pipeline/train-and-analyse.ts'] as const;

export interface CodeGraph {
  /** Project files, relative to the root, sorted. */
  files: string[];
  /** Installed versions of the imported packages and of their dependencies, "name@version", sorted. */
  packages: string[];
}

/** Every project file each entry point reaches (modules and the files they read), and the packages it imports. */
export async function codeGraphs(entries: readonly string[], root = ROOT): Promise<Map<string, CodeGraph>> {
  const graph = await importGraph(entries, root);
  return new Map(
    entries.map((entry) => {
      const modules = reachable(graph, entry);
      const files = new Set(modules.flatMap((m) => [m, ...(graph.get(m)?.reads ?? [])]));
      const packages = new Set<string>();
      const optional = optionalDependencies(root);
      for (const name of new Set(modules.flatMap((m) => graph.get(m)?.packages ?? []))) if (!optional.has(name)) collectVersions(name, root, root, packages);
      return [entry, { files: [...files].sort(), packages: [...packages].sort() }];
    }),
  );
}

/**
 * The project's optional dependencies (tfjs-node) are installed or not depending on the machine (npm
 * drops tfjs-node offline), so they stay out of the hashes: a fresh clone is up to date whatever npm
 * installed. A run that used one says so in its job hash already, through the backend it trained on.
 */
function optionalDependencies(root: string): Set<string> {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { optionalDependencies?: Record<string, string> };
  return new Set(Object.keys(pkg.optionalDependencies ?? {}));
}

/** `name@version` of an installed package and, recursively, of its dependencies (as Node resolves them from `from`). */
function collectVersions(name: string, from: string, root: string, out: Set<string>): void {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string; dependencies?: Record<string, string> };
      const key = `${name}@${pkg.version ?? '?'}`;
      if (out.has(key)) return;
      out.add(key);
      for (const dep of Object.keys(pkg.dependencies ?? {})) collectVersions(dep, dirname(manifest), root, out);
      return;
    }
    // A package that did not install is recorded as absent.
    if (dir === root || dir === dirname(dir)) return void out.add(`${name}@absent`);
  }
}

/** The hash of a graph: every file's path and contents, and the package versions. */
function hashGraph(graph: CodeGraph, root = ROOT): string {
  const hash = createHash('sha256');
  for (const file of graph.files) hash.update(file).update('\0').update(readFileSync(join(root, file))).update('\0');
  hash.update(graph.packages.join('\n'));
  return hash.digest('hex');
}

export function hashValue(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

export interface CodeHashes {
  /** What the trained weights depend on. */
  training: string;
  /** What the written results depend on besides the runs. */
  analysis: string;
  /** Both graphs together: the manifest's "code hash". */
  all: string;
}

export async function codeHashes(root = ROOT): Promise<CodeHashes> {
  const graphs = await codeGraphs([...TRAINING_ENTRIES, ...ANALYSIS_ENTRIES], root);
  const union = (entries: readonly string[]): CodeGraph => {
    const parts = entries.map((e) => graphs.get(e) as CodeGraph);
    return { files: [...new Set(parts.flatMap((g) => g.files))].sort(), packages: [...new Set(parts.flatMap((g) => g.packages))].sort() };
  };
  const training = union(TRAINING_ENTRIES);
  const analysis = union(ANALYSIS_ENTRIES);
  return { training: hashGraph(training, root), analysis: hashGraph(analysis, root), all: hashGraph(union([...TRAINING_ENTRIES, ...ANALYSIS_ENTRIES]), root) };
}
