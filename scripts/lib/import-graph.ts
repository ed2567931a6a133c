/**
 * The project's import graph, as esbuild resolves it: every module reachable from the given entry files,
 * with its imports of project files (static, dynamic, and `import(\`./kinds/${kind}.ts\`)` patterns).
 * Astro components are read as their frontmatter plus their <script>s. Packages, Vite's virtual modules
 * and asset imports (`?url`, `.css`) are left out: the rules are about the project's own folders.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build, type Plugin } from 'esbuild';

/** Relative path → the project files it imports. */
export type ImportGraph = Map<string, string[]>;

const astroAsScript: Plugin = {
  name: 'astro-as-script',
  setup(b) {
    b.onResolve({ filter: /\?|^virtual:|^astro:|\.css$/ }, (args) => ({ path: args.path, external: true }));
    b.onLoad({ filter: /\.astro$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const frontmatter = /^---\n([\s\S]*?)\n---/.exec(source)?.[1] ?? '';
      const scripts = [...source.matchAll(/<script(?![^>]*is:inline)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
      return { contents: [frontmatter, ...scripts].join('\n;\n'), loader: 'ts' };
    });
  },
};

/** "a/**\/*.ts" as a test of relative paths. */
function globMatcher(pattern: string): (path: string) => boolean {
  const re = pattern
    .split(/(\*\*\/|\*)/)
    .map((part) => (part === '**/' ? '(?:.*/)?' : part === '*' ? '[^/]*' : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  const regex = new RegExp(`^${re}$`);
  return (path) => regex.test(path);
}

export async function importGraph(entries: readonly string[], root: string): Promise<ImportGraph> {
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
    plugins: [astroAsScript],
  });
  const inputs = result.metafile.inputs;
  const known = Object.keys(inputs);
  const graph: ImportGraph = new Map();
  for (const [file, input] of Object.entries(inputs)) {
    const edges = new Set<string>();
    for (const i of input.imports) {
      if (!i.external) edges.add(i.path);
      else if (i.path.startsWith('.') && i.path.includes('*')) for (const f of known.filter(globMatcher(join(dirname(file), i.path)))) edges.add(f);
    }
    graph.set(file, [...edges]);
  }
  return graph;
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
    for (const next of graph.get(file) ?? []) {
      if (!previous.has(next)) {
        previous.set(next, file);
        queue.push(next);
      }
    }
  }
  return null;
}
