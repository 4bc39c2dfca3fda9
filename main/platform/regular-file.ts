import { closeSync, openSync, type Stats, statSync } from 'node:fs';
import { basename } from 'node:path';
import { type ErrorCode, MidstanceError } from '../../common/contract/errors.ts';
import { fileSystemError } from './fs-errors.ts';

export type FileKind = 'folder' | 'pipe' | 'device' | 'socket' | 'other';

/**
 * Checks that a path the user gave is a regular file Midstance may read, before anything opens it.
 * Opening a pipe (FIFO) for reading would block until some other program writes to it, and a device
 * such as /dev/zero never ends, so neither may reach a reader. Missing files are left to the caller
 * (`missing`), which knows what was looked for; every other failure is a typed error naming the cause.
 */
export function statReadableFile(
  path: string,
  options: { code: ErrorCode; noun: string; missing: () => MidstanceError },
): Stats {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    const fsCode = (error as NodeJS.ErrnoException).code;
    if (fsCode === 'ENOENT' || fsCode === 'ENOTDIR') throw options.missing();
    throw fileSystemError(error, path) ?? error;
  }
  if (!stats.isFile()) throw notRegularFileError(path, stats, options.code, options.noun);
  try {
    // Regular files open at once; this names a permission problem before another program meets it.
    closeSync(openSync(path, 'r'));
  } catch (error) {
    throw fileSystemError(error, path) ?? error;
  }
  return stats;
}

export function fileKindOf(stats: Stats): FileKind {
  if (stats.isDirectory()) return 'folder';
  if (stats.isFIFO()) return 'pipe';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'device';
  if (stats.isSocket()) return 'socket';
  return 'other';
}

export function notRegularFileError(path: string, stats: Stats, code: ErrorCode, noun: string): MidstanceError {
  const kind = fileKindOf(stats);
  const name = basename(path) || path;
  const details = { path, fileKind: kind, reason: 'not-regular-file' };
  if (kind === 'folder') return new MidstanceError(code, `"${name}" is a folder, not a ${noun}. Choose a file inside it.`, details);
  const what = { pipe: 'a pipe (FIFO)', device: 'a device', socket: 'a socket', other: 'a special file' }[kind];
  return new MidstanceError(code, `"${name}" is not a regular file but ${what}. Choose a ${noun} file saved on a disk.`, details);
}
