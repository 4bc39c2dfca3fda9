import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { MidstanceError } from '../../common/contract/errors.ts';
import { fileSystemError } from './fs-errors.ts';

const MAX_NEW_LEVELS = 32;

/**
 * Creates a folder and its missing parents one level at a time. Node's recursive mkdir retries forever on
 * some file systems (under /proc it spins at full CPU and blocks the event loop), so it is never used on
 * a path a user typed.
 */
export function ensureFolder(folder: string): void {
  const missing: string[] = [];
  let current = resolve(folder);
  for (;;) {
    const kind = kindOf(current);
    if (kind === 'folder') break;
    if (kind === 'other') {
      throw new MidstanceError('file-access', `${current} is a file, not a folder. Choose another folder.`, {
        path: current,
        fsCode: 'ENOTDIR',
      });
    }
    missing.push(current);
    const parent = dirname(current);
    if (parent === current || missing.length > MAX_NEW_LEVELS) {
      throw new MidstanceError('not-found', `The folder ${folder} cannot be created here. Choose an existing folder.`, {
        path: folder,
      });
    }
    current = parent;
  }
  for (const level of missing.reverse()) {
    try {
      mkdirSync(level);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && kindOf(level) === 'folder') continue;
      if (code === 'ENOENT') {
        throw new MidstanceError('file-access', `No folder can be created in ${dirname(level)}. Choose a folder on a normal disk.`, {
          path: level,
          fsCode: code,
        });
      }
      throw fileSystemError(error, level) ?? error;
    }
  }
}

function kindOf(path: string): 'folder' | 'other' | 'missing' {
  try {
    return statSync(path).isDirectory() ? 'folder' : 'other';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'missing';
    throw fileSystemError(error, path) ?? error;
  }
}
