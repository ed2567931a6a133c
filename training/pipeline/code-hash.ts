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
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * What a training job runs, in its worker process: everything that shapes the trained weights or what a
 * run records. The data loader is in its graph too; the data itself enters each job's hash by content.
 */
export const TRAINING_ENTRIES = ['training/pipeline/worker.ts'] as const;
/** The CLI, which plans, assembles and analyses (section kinds are imported by name: esbuild follows the pattern). */
export const ANALYSIS_ENTRIES = ['training/cli.ts', 'training/pipeline/train-and-analyse.ts'] as const;

/** `new URL('<literal or template>', import.meta.url)`: a file read at run time rather than imported. */
const URL_READ = /new URL\(\s*(['"`])([^'"`]+)\1\s*,\s*import\.meta\.url\s*\)/g;
const SCRIPT = /\.(ts|mts|js|mjs|cjs)$/;

/**
 * Source files a module reads by URL (not scripts: those it imports); a template's `${…}` parts match any
 * file name in that folder. Folders, and files under node_modules or a hidden folder (.cache: the data
 * hashes' cache), are state, not code.
 */
function urlReads(file: string, source: string, root: string): string[] {
  const isSource = (path: string) => {
    const rel = relative(root, path);
    return !SCRIPT.test(path) && !rel.startsWith('..') && !rel.split('/').some((part) => part.startsWith('.') || part === 'node_modules') && existsSync(path) && statSync(path).isFile();
  };
  const out: string[] = [];
  for (const [, , spec] of source.matchAll(URL_READ)) {
    const target = resolve(dirname(file), spec);
    if (!spec.includes('${')) {
      if (isSource(target)) out.push(target);
      continue;
    }
    const folder = dirname(target);
    const escape = (s: string) => s.replace(/[.*+?^()|[\]\\]/g, '\\$&');
    const name = new RegExp(`^${target.slice(folder.length + 1).split(/\$\{[^}]*\}/).map(escape).join('[^/]*')}$`);
    if (existsSync(folder)) for (const f of readdirSync(folder)) if (name.test(f) && isSource(join(folder, f))) out.push(join(folder, f));
  }
  return out;
}

/** Records, per module (relative to the root), the files it reads by URL. */
function urlReadsPlugin(found: Map<string, string[]>, root: string): Plugin {
  return {
    name: 'url-reads',
    setup(b) {
      b.onLoad({ filter: SCRIPT }, (args) => {
        found.set(relative(root, args.path), urlReads(args.path, readFileSync(args.path, 'utf8'), root).map((f) => relative(root, f)));
        return undefined;
      });
    },
  };
}

export interface CodeGraph {
  /** Project files, relative to the root, sorted. */
  files: string[];
  /** Installed versions of the imported packages and of their dependencies, "name@version", sorted. */
  packages: string[];
}

/**
 * Every project file each entry point reaches, and the packages it imports: one esbuild pass over all the
 * entries, nothing written. The graph is walked from esbuild's metafile edges (not from a bundle's
 * contents, where esbuild leaves out a module whose code is shaken away: it is still imported).
 */
export async function codeGraphs(entries: readonly string[], root = ROOT): Promise<Map<string, CodeGraph>> {
  const read = new Map<string, string[]>();
  const result = await build({
    entryPoints: [...entries],
    absWorkingDir: root,
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outdir: join(root, '.cache', 'code-graph'),
    logLevel: 'silent',
    plugins: [urlReadsPlugin(read, root)],
  });
  const inputs = result.metafile.inputs;
  const known = Object.keys(inputs);
  const graphs = new Map<string, CodeGraph>();
  for (const entry of entries) {
    const files = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string) => {
      if (files.has(file) || !inputs[file]) return;
      files.add(file);
      for (const f of read.get(file) ?? []) files.add(f);
      for (const i of inputs[file].imports) {
        if (!i.external) visit(i.path);
        // An import by pattern (`import(\`./kinds/${kind}.ts\`)`) reaches every module it matches.
        else if (i.path.startsWith('.') && i.path.includes('*')) for (const f of known.filter(globMatcher(join(dirname(file), i.path)))) visit(f);
        else if (!isBuiltin(i.path) && packageName(i.path)) collectVersions(packageName(i.path), root, root, packages);
      }
    };
    visit(entry);
    graphs.set(entry, { files: [...files].sort(), packages: [...packages].sort() });
  }
  return graphs;
}

/** "a/**\/*.ts" as a test of relative paths. */
function globMatcher(pattern: string): (path: string) => boolean {
  const re = pattern
    .split(/(\*\*\/|\*)/)
    .map((part) => (part === '**/' ? '(?:.*/)?' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  const regex = new RegExp(`^${re}$`);
  return (path) => regex.test(path);
}

const isBuiltin = (name: string) => name.startsWith('node:') || builtinModules.includes(name);

/** "@scope/pkg/sub" → "@scope/pkg", "pkg/sub" → "pkg"; a relative pattern (a dynamic import's glob) → "". */
function packageName(specifier: string): string {
  if (specifier.startsWith('.') || specifier.startsWith('/')) return '';
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
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
    // An optional dependency that did not install (tfjs-node here) is recorded as absent.
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
