/**
 * One `npm run train` per output folder. The lock is a file created exclusively (`wx`) holding the
 * owner's pid, host and start time; a second run reads it and refuses, naming the owner. A SIGKILLed run
 * cannot remove its lock, so a lock whose process is no longer running is taken over, and said so.
 */
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, rmdirSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { z } from 'zod';
import { isRunning } from './pid.ts';

const lockOwner = z.object({ pid: z.number().int(), host: z.string(), started: z.string() });
export type LockOwner = z.infer<typeof lockOwner>;

export class LockError extends Error {
  constructor(readonly path: string, readonly owner: LockOwner) {
    super(
      `Another npm run train (pid ${owner.pid} on ${owner.host}, started ${owner.started}) is writing this output; its lock is ${path}.\n` +
        `Wait for it to finish or stop it (kill ${owner.pid}); if that process is certainly not training, delete the lock file.`,
    );
    this.name = 'LockError';
  }
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const owner = lockOwner.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return owner.success ? owner.data : undefined;
  } catch {
    // Missing, or caught between the owner's create and write: treated as held by an unknown process.
    return undefined;
  }
}

function tryCreate(path: string, owner: LockOwner): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, `${JSON.stringify(owner)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

const UNKNOWN: LockOwner = { pid: NaN, host: 'unknown host', started: 'at an unknown time' };

/** Takes the lock at `path` (or throws LockError); the returned function releases it. */
export function acquireLock(path: string, log: (line: string) => void): () => void {
  mkdirSync(dirname(path), { recursive: true });
  const me: LockOwner = { pid: process.pid, host: hostname(), started: new Date().toISOString() };
  let owner: LockOwner | undefined;
  for (let attempt = 0; attempt < 4; attempt++) {
    if (tryCreate(path, me)) {
      return () => {
        if (readOwner(path)?.pid !== me.pid) return;
        rmSync(path, { force: true });
        try {
          rmdirSync(dirname(path)); // the state folder, when nothing else is kept there
        } catch {
          // not empty: staged runs or a journal stay
        }
      };
    }
    owner = readOwner(path);
    if (!owner) {
      // Caught between another run's create and its write: give it a moment.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
      continue;
    }
    if (owner.host !== me.host || isRunning(owner.pid)) break;
    // Renaming first means that of two runs racing for a stale lock only one removes it.
    const aside = `${path}.stale-${process.pid}`;
    try {
      renameSync(path, aside);
    } catch {
      continue;
    }
    rmSync(aside, { force: true });
    log(`Took over the lock of pid ${owner.pid} (started ${owner.started}), which is no longer running.`);
  }
  throw new LockError(path, owner ?? UNKNOWN);
}
