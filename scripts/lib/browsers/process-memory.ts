/**
 * Resident memory of a browser's processes, read from `ps` (Linux and macOS): the engines do not report
 * a worker's memory to the page, and the trainer's heap lives in a worker.
 */
import { execFileSync } from 'node:child_process';

/** The largest resident set, in MB, among processes whose command line matches `pattern`; null where ps cannot tell. */
export function largestProcessMb(pattern: RegExp): number | null {
  try {
    const out = execFileSync('ps', ['-eo', 'rss=,args='], { encoding: 'utf8' });
    const sizes = out
      .split('\n')
      .filter((line) => pattern.test(line))
      .map((line) => Number(line.trim().split(/\s+/)[0]) / 1024);
    return sizes.length ? Math.max(...sizes) : 0;
  } catch {
    return null;
  }
}
