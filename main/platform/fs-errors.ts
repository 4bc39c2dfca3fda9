import { MidstanceError } from '../../common/contract/errors.ts';

/**
 * The one translation of Node file-system error codes into typed errors with a message that names the real
 * cause and what to do. Unknown codes return undefined so callers can log them as internal faults.
 */
export function fileSystemError(error: unknown, fallbackPath?: string): MidstanceError | undefined {
  if (error instanceof MidstanceError) return error;
  const errno = error as NodeJS.ErrnoException | null;
  const fsCode = errno?.code;
  if (typeof fsCode !== 'string') return undefined;
  const knownPath = errno?.path ?? fallbackPath ?? null;
  const path = knownPath ?? 'that file';
  const details = { path: knownPath, fsCode };
  const access = (message: string) => new MidstanceError('file-access', message, details);
  switch (fsCode) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new MidstanceError(
        'disk-full',
        `The disk is full (${path}). Free some space and try again; nothing saved so far is lost.`,
        details,
      );
    case 'ENOENT':
      return new MidstanceError('not-found', `${path} does not exist. Check the name and the folder.`, details);
    case 'EACCES':
    case 'EPERM':
      return access(`You have no permission to use ${path}. Choose another place or ask for access to it.`);
    case 'EROFS':
      return access(`${path} is on a disk that can only be read. Choose a folder on another disk.`);
    case 'ELOOP':
      return access(`${path} is a link that points to itself (a loop of links). Open the real file instead.`);
    case 'ENAMETOOLONG':
      return access(`The name or folder path of ${path} is too long. Choose a shorter name or a folder nearer the top.`);
    case 'EISDIR':
      return access(`${path} is a folder, not a file. Choose a file inside it.`);
    case 'ENOTDIR':
      return access(`Part of ${path} is a file, not a folder. Check the folder path.`);
    case 'EEXIST':
      return access(`${path} already exists.`);
    case 'EIO':
      return access(`The disk could not read or write ${path} (an input/output error). Check the disk or the cable, then try again.`);
    case 'EMFILE':
    case 'ENFILE':
      return access('Too many files are open at once. Close some clips or programs and try again.');
    case 'EBUSY':
    case 'ETXTBSY':
      return access(`${path} is in use by another program. Close it there and try again.`);
    case 'EXDEV':
      return access(`${path} cannot be moved across disks here. Choose a folder on the same disk.`);
    case 'ENXIO':
    case 'ENODEV':
      return access(`${path} is a device, not a file. Choose a regular file.`);
    default:
      return undefined;
  }
}
