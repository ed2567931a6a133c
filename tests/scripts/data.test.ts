/**
 * `npm run data`: says where each dataset was found with its contents checked, and fails with the
 * loader's explanation when a dataset cannot be provided (what the Pages workflow relies on).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/lib/site';

const data = (args: string[], env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'scripts/data.ts'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, output: r.stdout + r.stderr };
};

describe('npm run data', () => {
  it('finds both datasets and checks their contents', () => {
    const r = data([]);
    expect(r.code, r.output).toBe(0);
    expect(r.output).toMatch(/MNIST digits: 4 files, 55\.0 MB unpacked, SHA-256 as expected, from /);
    expect(r.output).toMatch(/Fashion-MNIST: 4 files, 55\.0 MB unpacked, SHA-256 as expected, from /);
  });

  it('fails naming the problem and the fix when a dataset is not where it was pointed', () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-fashion-'));
    const r = data(['fashion'], { FASHION_MNIST_DIR: empty });
    expect(r.code).toBe(1);
    expect(r.output).toContain(`FASHION_MNIST_DIR is set to ${empty}`);
    expect(r.output).toMatch(/Fix: put the four Fashion-MNIST files/);
  });

  it('refuses an unknown dataset name', () => {
    const r = data(['cifar']);
    expect(r.code).toBe(2);
    expect(r.output).toContain('no dataset cifar; name any of digits, fashion');
  });
});
