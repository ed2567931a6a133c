/**
 * `npm run train` for tests: spawned in its own process group (so a test can SIGKILL or Ctrl-C the whole
 * of it, workers included, as a terminal would), plus the checks a test makes on the output it wrote.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadResults } from '../../src/lib/results';
import { generationFolders, verifyGeneration } from '../../training/output/generation';
import { hashTree } from '../../training/output/manifest';

export const ROOT = join(import.meta.dirname, '../..');

export interface TrainRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

export interface TrainControl {
  /** Sends `signal` to the run's whole process group (the CLI and its workers). */
  signal(signal: NodeJS.Signals): void;
  pid: number;
}

export function train(args: string[], env: Record<string, string> = {}, onLine?: (line: string, run: TrainControl) => void): Promise<TrainRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'training/cli.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env }, detached: true });
    let output = '';
    let partial = '';
    const control: TrainControl = {
      pid: child.pid!,
      signal(signal) {
        try {
          process.kill(-child.pid!, signal);
        } catch {
          // already gone
        }
      },
    };
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) onLine?.(line, control);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('close', (code, signal) => resolve({ code, signal, output }));
  });
}

/** A copy of a generation in a fresh temporary output (only runs, models, results: the state stays behind). */
export function copyGeneration(from: string, prefix: string): string {
  const out = join(mkdtempSync(join(tmpdir(), prefix)), 'out');
  for (const { dir, as } of generationFolders(from)) if (existsSync(dir)) cpSync(dir, join(out, as), { recursive: true });
  return out;
}

/** Every file of the generation with its hash, as one comparable string. */
export async function snapshot(out: string): Promise<string> {
  return JSON.stringify(await hashTree(out, generationFolders(out)).catch(() => []));
}

/**
 * What the site build would say about an output: its analysis hash when the manifest matches every file
 * and the site's loader accepts the results; throws (naming the problems) otherwise.
 */
export async function acceptedGeneration(out: string): Promise<string> {
  await verifyGeneration(out);
  return loadResults(join(out, 'results')).manifest.analysis_hash;
}

export const manifestOf = (out: string) => JSON.parse(readFileSync(join(out, 'results', 'manifest.json'), 'utf8')) as { analysis_hash: string; jobs: unknown[] };
