import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { MidstanceError } from '../../common/contract/errors.ts';

/** 'MDST': marks a SQLite file as a Midstance project (PRAGMA application_id). */
export const APPLICATION_ID = 0x4d445354;

const MAGIC = 'SQLite format 3\u0000';
const HEADER_SIZE = 100;

export interface SqliteHeader {
  pageSize: number;
  /** Pages the header says the database has, when that field is trustworthy. */
  pageCount: number | null;
  userVersion: number;
  applicationId: number;
  wal: boolean;
}

export type HeaderProblem = 'empty' | 'not-sqlite' | 'truncated';

/**
 * Reads the 100-byte SQLite header of a file (plain file reads, nothing is written or locked), so
 * unusable files are refused before SQLite ever opens them. Returns a problem instead of throwing.
 */
export function readSqliteHeader(bytes: Uint8Array, fileSize: number): SqliteHeader | HeaderProblem {
  if (fileSize === 0) return 'empty';
  if (bytes.length < HEADER_SIZE) return 'not-sqlite';
  if (Buffer.from(bytes.subarray(0, 16)).toString('latin1') !== MAGIC) return 'not-sqlite';
  const view = new DataView(bytes.buffer, bytes.byteOffset, HEADER_SIZE);
  const rawPageSize = view.getUint16(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) return 'not-sqlite';
  const changeCounter = view.getUint32(24);
  const headerPages = view.getUint32(28);
  const validFor = view.getUint32(92);
  // The in-header size is only meaningful when written by SQLite ≥ 3.7.0 (valid-for matches the counter).
  const pageCount = headerPages > 0 && validFor === changeCounter ? headerPages : null;
  if (fileSize % pageSize !== 0) return 'truncated';
  if (pageCount !== null && fileSize < pageCount * pageSize) return 'truncated';
  return {
    pageSize,
    pageCount,
    userVersion: view.getInt32(60),
    applicationId: view.getInt32(68),
    wal: view.getUint8(18) === 2 && view.getUint8(19) === 2,
  };
}

export function readSqliteHeaderFromFile(path: string): SqliteHeader | HeaderProblem {
  const size = statSync(path).size;
  const bytes = new Uint8Array(Math.min(HEADER_SIZE, size));
  const fd = openSync(path, 'r');
  try {
    readSync(fd, bytes, 0, bytes.length, 0);
  } finally {
    closeSync(fd);
  }
  return readSqliteHeader(bytes, size);
}

export function invalidProjectError(path: string, problem: HeaderProblem | 'other-application' | 'incomplete'): MidstanceError {
  const reason = {
    empty: 'the file is empty',
    'not-sqlite': 'it is not a Midstance project file',
    truncated: 'the file is incomplete (cut off, perhaps by an interrupted copy or download)',
    'other-application': 'it is a database of another program, not a Midstance project',
    incomplete: 'the project was never completely created',
  }[problem];
  return new MidstanceError('project-invalid', `Cannot open ${path}: ${reason}. The file was not changed.`, {
    path,
    problem,
  });
}

export function newerProjectError(path: string, fileVersion: number, supportedVersion: number, writtenBy: string | null): MidstanceError {
  const by = writtenBy ? ` (Midstance ${writtenBy})` : '';
  return new MidstanceError(
    'project-newer',
    `${path} was saved by a newer Midstance${by} in project format ${fileVersion}; this Midstance reads formats up to ${supportedVersion}. Update Midstance to open it. The file was not changed.`,
    { path, fileVersion, supportedVersion, writtenBy },
  );
}
