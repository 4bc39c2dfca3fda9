import { describe, expect, it } from 'vitest';
import { APPLICATION_ID, readSqliteHeader } from '../../../main/project/header.ts';

function header(fields: { pageSize?: number; pages?: number; userVersion?: number; applicationId?: number; wal?: boolean }) {
  const bytes = new Uint8Array(100);
  bytes.set(new TextEncoder().encode('SQLite format 3\u0000'));
  const view = new DataView(bytes.buffer);
  view.setUint16(16, fields.pageSize === 65536 ? 1 : (fields.pageSize ?? 4096));
  bytes[18] = fields.wal ? 2 : 1;
  bytes[19] = fields.wal ? 2 : 1;
  view.setUint32(24, 5); // change counter
  view.setUint32(28, fields.pages ?? 3);
  view.setInt32(60, fields.userVersion ?? 1);
  view.setInt32(68, fields.applicationId ?? APPLICATION_ID);
  view.setUint32(92, 5); // version-valid-for = change counter: the page count is trustworthy
  return bytes;
}

describe('readSqliteHeader', () => {
  it('reads page size, page count, user_version, application_id and WAL mode', () => {
    expect(readSqliteHeader(header({ pages: 3, userVersion: 4, wal: true }), 3 * 4096)).toEqual({
      pageSize: 4096,
      pageCount: 3,
      userVersion: 4,
      applicationId: APPLICATION_ID,
      wal: true,
    });
    expect(readSqliteHeader(header({ pageSize: 65536, pages: 1 }), 65536)).toMatchObject({ pageSize: 65536 });
  });

  it('calls a zero-byte file empty and anything without the magic not SQLite', () => {
    expect(readSqliteHeader(new Uint8Array(0), 0)).toBe('empty');
    expect(readSqliteHeader(new Uint8Array(50), 50)).toBe('not-sqlite');
    const wrongMagic = header({});
    wrongMagic[0] = 0x73;
    expect(readSqliteHeader(wrongMagic, 3 * 4096)).toBe('not-sqlite');
    expect(readSqliteHeader(header({ pageSize: 1000 }), 3000)).toBe('not-sqlite');
  });

  it('calls a file shorter than its pages, or not a whole number of pages, truncated', () => {
    expect(readSqliteHeader(header({ pages: 10 }), 9 * 4096)).toBe('truncated');
    expect(readSqliteHeader(header({ pages: 3 }), 3 * 4096 - 100)).toBe('truncated');
    expect(readSqliteHeader(header({ pages: 3 }), 4 * 4096)).toMatchObject({ pageCount: 3 });
  });

  it('does not trust the page count of a header whose valid-for field is stale', () => {
    const stale = header({ pages: 10 });
    new DataView(stale.buffer).setUint32(92, 4);
    expect(readSqliteHeader(stale, 2 * 4096)).toMatchObject({ pageCount: null });
  });
});
