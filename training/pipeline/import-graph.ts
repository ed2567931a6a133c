/**
 * The project's import graph, as esbuild resolves it (one pass over the entry files, nothing written):
 * for every module reachable from them, the project files it imports (static, dynamic, and
 * `import(\`./kinds/${kind}.ts\`)` patterns), the packages it imports, and the files it reads by
 * `new URL('…', import.meta.url)` (trainer/*.wat). Astro components are read as their frontmatter plus
 * their <script>s; Vite's virtual modules and asset imports (`?url`, `.css`) are left out. The code
 * hashes (code-hash.ts) and the import rules (tests/import-rules.test.ts) both walk it.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';

interface ModuleNode {
  /** Project files this module imports, relative to the root. */
  imports: string[];
  /** Packages it imports ("@tensorflow/tfjs-core", "sharp"); Node's built-ins left out. */
  packages: string[];
  /** Project files it reads by URL, relative to the root. */
  reads: string[];
}

/** Relative path → what the module imports and reads. */
export type ImportGraph = Map<string, ModuleNode>;

const SCRIPT = /\.(ts|mts|js|mjs|cjs)$/;
/** `new URL('<literal or template>', import.meta.url)`: a file read at run time rather than imported. */
const URL_READ = /new URL\(\s*(['"`])([^'"`]+)\1\s*,\s*import\.meta\.url\s*\)/g;

/** "a/**\/*.ts" or "a/${x}.wat" as a test of relative paths. */
function globMatcher(pattern: string): (path: string) => boolean {
  const re = pattern
    .split(/(\*\*\/|\*|\$\{[^}]*\})/)
    .map((part) => (part === '**/' ? '(?:.*/)?' : part === '*' || part.startsWith('${') ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  const regex = new RegExp(`^${re}$`);
  return (path) => regex.test(path);
}

/**
 * Source files a module reads by URL (not scripts: those it imports); a template's `${…}` parts match any
 * file name in that folder. Folders, and files under node_modules or a hidden folder (.cache: the data
 * hashes' cache), are state, not code.
 */
function urlReads(file: string, source: string, root: string): string[] {
  const isSource = (rel: string) =>
    !SCRIPT.test(rel) && !rel.startsWith('..') && !rel.split('/').some((part) => part.startsWith('.') || part === 'node_modules') && existsSync(join(root, rel)) && statSync(join(root, rel)).isFile();
  return [...source.matchAll(URL_READ)].flatMap(([, , spec]) => {
    const target = relative(root, resolve(dirname(file), spec));
    if (!spec.includes('${')) return isSource(target) ? [target] : [];
    const folder = dirname(target);
    const matches = globMatcher(target);
    return existsSync(join(root, folder)) ? readdirSync(join(root, folder)).map((f) => join(folder, f)).filter((f) => matches(f) && isSource(f)) : [];
  });
}

/** Reads .astro files as scripts, leaves assets and virtual modules out, and records each module's URL reads. */
function projectPlugin(root: string, reads: Map<string, string[]>): Plugin {
  return {
    name: 'project-graph',
    setup(b) {
      b.onResolve({ filter: /\?|^virtual:|^astro:|\.css$/ }, (args) => ({ path: args.path, external: true }));
      b.onLoad({ filter: /\.astro$/ }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        const frontmatter = /^---\n([\s\S]*?)\n---/.exec(source)?.[1] ?? '';
        const scripts = [...source.matchAll(/<script(?![^>]*is:inline)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
        return { contents: [frontmatter, ...scripts].join('\n;\n'), loader: 'ts' };
      });
      b.onLoad({ filter: SCRIPT }, (args) => {
        reads.set(relative(root, args.path), urlReads(args.path, readFileSync(args.path, 'utf8'), root));
        return undefined;
      });
    },
  };
}

const isBuiltin = (name: string) => name.startsWith('node:') || builtinModules.includes(name);

/** "@scope/pkg/sub" → "@scope/pkg", "pkg/sub" → "pkg". */
function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

export async function importGraph(entries: readonly string[], root: string): Promise<ImportGraph> {
  const reads = new Map<string, string[]>();
  const result = await build({
    entryPoints: [...entries],
    absWorkingDir: root,
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outdir: join(root, '.cache', 'import-graph'),
    logLevel: 'silent',
    loader: { '.svg': 'empty', '.wasm': 'empty', '.wat': 'empty' },
    plugins: [projectPlugin(root, reads)],
  });
  const inputs = result.metafile.inputs;
  const known = Object.keys(inputs);
  const graph: ImportGraph = new Map();
  for (const [file, input] of Object.entries(inputs)) {
    const imports = new Set<string>();
    const packages = new Set<string>();
    for (const i of input.imports) {
      if (!i.external) imports.add(i.path);
      else if (i.path.startsWith('.')) {
        // An import by pattern reaches every module it matches.
        if (i.path.includes('*')) for (const f of known.filter(globMatcher(join(dirname(file), i.path)))) imports.add(f);
      } else if (!isBuiltin(i.path)) packages.add(packageName(i.path));
    }
    graph.set(file, { imports: [...imports], packages: [...packages], reads: reads.get(file) ?? [] });
  }
  return graph;
}

/** Every module reachable from `entry`, the entry included. */
export function reachable(graph: ImportGraph, entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || !graph.has(file)) return;
    seen.add(file);
    for (const next of graph.get(file)?.imports ?? []) visit(next);
  };
  visit(entry);
  return [...seen];
}

/** The shortest chain of imports from `from` to a file `forbidden` accepts, or null. */
export function chainTo(graph: ImportGraph, from: string, forbidden: (file: string) => boolean): string[] | null {
  const previous = new Map<string, string | null>([[from, null]]);
  const queue = [from];
  while (queue.length) {
    const file = queue.shift() as string;
    if (file !== from && forbidden(file)) {
      const chain = [file];
      for (let p = previous.get(file); p; p = previous.get(p)) chain.unshift(p);
      return chain;
    }
    for (const next of graph.get(file)?.imports ?? []) {
      if (!previous.has(next)) {
        previous.set(next, file);
        queue.push(next);
      }
    }
  }
  return null;
}
