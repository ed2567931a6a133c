import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { recoverSwaps, replaceDirAtomic, writeFileAtomic } from '../../../training/output/atomic.ts';

const fresh = () => mkdtempSync(join(tmpdir(), 'atomic-test-'));

describe('atomic writes', () => {
  it('replaces a file whole and leaves no temporary file', async () => {
    const dir = fresh();
    await writeFileAtomic(join(dir, 'a.json'), 'old');
    await writeFileAtomic(join(dir, 'a.json'), 'new');
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('new');
    expect(readdirSync(dir)).toEqual(['a.json']);
  });

  it('keeps the previous folder intact when filling the new one fails', async () => {
    const dir = join(fresh(), 'results');
    await replaceDirAtomic(dir, async (tmp) => writeFileSync(join(tmp, 'summary.json'), '{"v":1}'));
    await expect(
      replaceDirAtomic(dir, async (tmp) => {
        writeFileSync(join(tmp, 'summary.json'), '{"v":2, half');
        throw new Error('killed mid-analysis');
      }),
    ).rejects.toThrow('killed mid-analysis');
    expect(readFileSync(join(dir, 'summary.json'), 'utf8')).toBe('{"v":1}');
    expect(readdirSync(join(dir, '..'))).toEqual(['results']);
  });

  it('restores the old folder when a run died between the two renames', async () => {
    const root = fresh();
    const dir = join(root, 'results');
    mkdirSync(`${dir}.old`);
    writeFileSync(join(`${dir}.old`, 'summary.json'), 'previous');
    await recoverSwaps([root]);
    expect(readFileSync(join(dir, 'summary.json'), 'utf8')).toBe('previous');
    expect(existsSync(`${dir}.old`)).toBe(false);
  });

  it('removes the temporary folders of processes that are gone, and keeps those of live ones', async () => {
    const root = fresh();
    const dead = Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }));
    mkdirSync(join(root, `.results.tmp-${dead}-0`));
    writeFileSync(join(root, `.run.json.tmp-${dead}-3`), 'half');
    mkdirSync(join(root, `.models.tmp-${process.pid}-1`));
    const removed = await recoverSwaps([root]);
    expect(removed).toHaveLength(2);
    expect(readdirSync(root)).toEqual([`.models.tmp-${process.pid}-1`]);
  });
});
