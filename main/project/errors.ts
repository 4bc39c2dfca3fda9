import { MidstanceError } from '../../common/contract/errors.ts';

/**
 * Turns what SQLite or the file system throws while a project is used into a typed error with a message
 * for the user. Anything not recognised is returned unchanged, so dispatch() logs it as internal.
 */
export function mapDatabaseError(error: unknown, path: string): unknown {
  if (error instanceof MidstanceError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return error;
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') {
    return new MidstanceError(
      'disk-full',
      'The disk is full, so this change was not saved. Everything saved before is safe. Free some disk space and try again.',
      { path },
    );
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return lockedError(path);
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS') {
    return new MidstanceError(
      'project-read-only',
      'This project can only be read, so the change was not saved. Use "Save as" to keep a copy you can change.',
      { path },
    );
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return new MidstanceError(
      'file-access',
      `The disk could not read or write ${path} (an input/output error), so the change was not saved. Check that the disk or USB stick is still connected, then try again.`,
      { path, sqliteCode: code, fsCode: 'EIO' },
    );
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return new MidstanceError(
      'file-access',
      `Midstance cannot open ${path} or create its change log beside it. Check that the folder still exists and that you may write in it.`,
      { path, sqliteCode: code },
    );
  }
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new MidstanceError(
      'project-invalid',
      `${path} is damaged or is not a Midstance project. Open a backup copy if you have one.`,
      { path, sqliteCode: code },
    );
  }
  return error;
}

export function lockedError(path: string): MidstanceError {
  return new MidstanceError(
    'project-locked',
    `${path} is already open in another Midstance window or program. Close it there first, then open it here.`,
    { path },
  );
}
