import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { MidstanceError } from '../../common/contract/errors.ts';
import { fileSystemError } from './fs-errors.ts';

/**
 * The one way the app writes an output file (settings, stills, later reports and exports): the bytes go to
 * a temporary file in the target's own folder, which is flushed and then renamed over the target. A full
 * disk, a crash or a failing writer therefore leaves either the previous file or no file, never a cut-off
 * one under the real name. Every failure is a typed error naming the real cause.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const temporary = reserveTemporary(path);
  try {
    const fd = openSync(temporary, 'w');
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
      let done = 0;
      while (done < bytes.length) done += writeSync(fd, bytes, done, bytes.length - done);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw fileSystemError(error, path) ?? error;
  }
  syncFolder(dirname(path));
}

/**
 * For outputs another program writes (ffmpeg): `produce` gets a temporary path in the target's folder,
 * with the target's extension (ffmpeg picks the format from it), and must fill it completely. The file
 * is renamed to `path` only when `produce` resolved and the file is not empty.
 */
export async function produceFileAtomic(path: string, produce: (temporary: string) => Promise<void>): Promise<void> {
  const temporary = reserveTemporary(path);
  try {
    await produce(temporary);
    const size = statSync(temporary).size;
    if (size === 0) throw new MidstanceError('internal', `Nothing was written to ${path}.`, { path });
    const fd = openSync(temporary, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw fileSystemError(error, path) ?? error;
  }
  syncFolder(dirname(path));
}

/**
 * For writers that create their own temporary file (SQLite): proves a file can be created next to `path`,
 * or throws the typed error naming why not (missing or read-only folder, no permission, not a folder).
 */
export function assertCanCreateBeside(path: string): void {
  rmSync(reserveTemporary(path), { force: true });
}

/**
 * Creates the (empty) temporary file next to the target. Doing it ourselves, before any other program
 * runs, proves the folder exists and may be written, and lets the file system name the real cause when it
 * may not: a missing folder, no permission, a read-only disk, a full disk.
 */
function reserveTemporary(path: string): string {
  assertNotFolder(path);
  const extension = extname(path);
  const temporary = join(dirname(path), `.${basename(path, extension)}.${randomBytes(6).toString('hex')}.part${extension}`);
  try {
    closeSync(openSync(temporary, 'wx', 0o644));
  } catch (error) {
    throw outputFolderError(error, path);
  }
  return temporary;
}

function assertNotFolder(path: string): void {
  try {
    if (statSync(path).isDirectory()) {
      throw new MidstanceError('file-access', `${path} is a folder. Give a file name inside it.`, { path, fsCode: 'EISDIR' });
    }
  } catch (error) {
    if (error instanceof MidstanceError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw fileSystemError(error, path) ?? error;
  }
}

function outputFolderError(error: unknown, path: string): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const folder = dirname(path);
  if (code === 'ENOENT' && isFolder(folder)) {
    return new MidstanceError('file-access', `No file can be created in ${folder} (it is not a folder on a normal disk). Choose another folder.`, {
      path: folder,
      fsCode: code,
    });
  }
  if (code === 'ENOENT') {
    return new MidstanceError('not-found', `The folder ${folder} does not exist. Create it first or choose another folder.`, {
      path: folder,
      fsCode: code,
    });
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new MidstanceError('file-access', `You have no permission to write in the folder ${folder}. Choose another folder.`, {
      path: folder,
      fsCode: code,
    });
  }
  if (code === 'EROFS') {
    return new MidstanceError('file-access', `The folder ${folder} is on a disk that can only be read. Choose a folder on another disk.`, {
      path: folder,
      fsCode: code,
    });
  }
  return fileSystemError(error, folder) ?? error;
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function syncFolder(folder: string): void {
  if (process.platform === 'win32') return;
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Some file systems refuse fsync on folders; the rename is atomic there all the same.
  }
}
