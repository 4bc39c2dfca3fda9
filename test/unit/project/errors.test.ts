import { describe, expect, it } from 'vitest';
import { MidstanceError } from '../../../common/contract/errors.ts';
import { mapDatabaseError } from '../../../main/project/errors.ts';

const withCode = (code: string) => Object.assign(new Error(`failed: ${code}`), { code });
const mapped = (code: string) => mapDatabaseError(withCode(code), '/p/a.midstance') as MidstanceError;

describe('mapDatabaseError', () => {
  it('maps a full disk (SQLite and OS flavours) to disk-full, saying nothing saved before is lost', () => {
    for (const code of ['SQLITE_FULL', 'ENOSPC', 'EDQUOT']) {
      expect(mapped(code)).toBeInstanceOf(MidstanceError);
      expect(mapped(code).code).toBe('disk-full');
      expect(mapped(code).message).toMatch(/not saved.*saved before is safe/s);
    }
  });

  it('maps busy/locked, read-only and corrupt databases', () => {
    expect(mapped('SQLITE_BUSY').code).toBe('project-locked');
    expect(mapped('SQLITE_BUSY_SNAPSHOT').code).toBe('project-locked');
    expect(mapped('SQLITE_LOCKED').code).toBe('project-locked');
    expect(mapped('SQLITE_READONLY').code).toBe('project-read-only');
    expect(mapped('SQLITE_READONLY_DBMOVED').code).toBe('project-read-only');
    expect(mapped('EROFS').code).toBe('project-read-only');
    expect(mapped('SQLITE_NOTADB').code).toBe('project-invalid');
    expect(mapped('SQLITE_CORRUPT').code).toBe('project-invalid');
  });

  it('maps disk input/output errors and files SQLite cannot open to file-access, not internal', () => {
    expect(mapped('SQLITE_IOERR_WRITE')).toMatchObject({ code: 'file-access', details: { sqliteCode: 'SQLITE_IOERR_WRITE', fsCode: 'EIO' } });
    expect(mapped('SQLITE_IOERR_WRITE').message).toMatch(/input\/output error.*not saved/);
    expect(mapped('SQLITE_CANTOPEN')).toMatchObject({ code: 'file-access', details: { path: '/p/a.midstance' } });
  });

  it('passes MidstanceErrors and unknown errors through unchanged', () => {
    const own = new MidstanceError('not-found', 'gone');
    expect(mapDatabaseError(own, 'x')).toBe(own);
    const unknown = withCode('SQLITE_MISMATCH');
    expect(mapDatabaseError(unknown, 'x')).toBe(unknown);
    const plain = new TypeError('bug');
    expect(mapDatabaseError(plain, 'x')).toBe(plain);
  });
});
