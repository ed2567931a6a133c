/** A file-system error while writing the output, said as the user needs it: which path, why, what to do. */
const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is exceeded',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EEXIST: 'a file is in the way of a folder',
  EISDIR: 'a folder is in the way of a file',
};

export function describeWriteError(error: unknown): string | undefined {
  // Node's SystemError: `path`, and `dest` for a rename or link.
  const e = error as NodeJS.ErrnoException & { dest?: string };
  if (!e || typeof e.code !== 'string' || !(e.code in REASONS)) return undefined;
  const path = e.dest ?? e.path ?? '(unknown path)';
  return `cannot write ${path}: ${REASONS[e.code]} (${e.code}). Free space, fix the permissions or the path (or choose another with --out), and run again.`;
}
