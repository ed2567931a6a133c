import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireLock, LockError } from '../../../training/output/lock';

const lockPath = () => join(mkdtempSync(join(tmpdir(), 'lock-test-')), 'state', 'lock');
/** The pid of a process that has exited. */
const deadPid = () => Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }));

describe('the training lock', () => {
  it('refuses a second holder and names the first one', () => {
    const path = lockPath();
    const release = acquireLock(path, () => {});
    expect(() => acquireLock(path, () => {})).toThrow(LockError);
    expect(() => acquireLock(path, () => {})).toThrow(new RegExp(`pid ${process.pid}.*kill ${process.pid}`, 's'));
    release();
    expect(existsSync(path)).toBe(false);
    acquireLock(path, () => {})();
  });

  it('takes over the lock of a process that is no longer running, and says so', () => {
    const path = lockPath();
    acquireLock(path, () => {}); // creates the folder
    const pid = deadPid();
    writeFileSync(path, JSON.stringify({ pid, host: hostname(), started: '2026-01-01T00:00:00Z' }));
    const lines: string[] = [];
    const release = acquireLock(path, (line) => lines.push(line));
    expect(lines.join('\n')).toMatch(new RegExp(`Took over the lock of pid ${pid}`));
    expect(JSON.parse(readFileSync(path, 'utf8')).pid).toBe(process.pid);
    release();
  });

  it('refuses, and keeps, a lock file that holds no owner record', () => {
    const path = lockPath();
    acquireLock(path, () => {}); // creates the folder
    writeFileSync(path, JSON.stringify({ pid: String(process.pid) }));
    expect(() => acquireLock(path, () => {})).toThrow(/unknown host/);
    expect(existsSync(path)).toBe(true);
  });
});
