/**
 * The trainer's code version, for the keys of the models a browser keeps (src/client/reproduce/store.ts):
 * a SHA-256 of every source file the browser's trainer is built from (trainer/, and the shared core/
 * where it exists) and of the tfjs versions it runs on. Computed once per build.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const SOURCES = ['trainer', 'core'];
const PACKAGES = ['@tensorflow/tfjs-core', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-layers'];

function files(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? files(path) : /\.(ts|wat)$/.test(name) ? [path] : [];
    });
}

let cached: string | undefined;

export function trainerVersion(root = process.cwd()): string {
  if (cached) return cached;
  const hash = createHash('sha256');
  for (const file of SOURCES.flatMap((s) => files(join(root, s)))) hash.update(relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  for (const pkg of PACKAGES) {
    const { version } = JSON.parse(readFileSync(join(root, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string };
    hash.update(`${pkg}@${version}\0`);
  }
  cached = hash.digest('hex');
  return cached;
}
