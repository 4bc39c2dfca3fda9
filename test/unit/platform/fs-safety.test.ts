import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MidstanceError } from '../../../common/contract/errors.ts';
import { produceFileAtomic, writeFileAtomic } from '../../../main/platform/atomic-write.ts';
import { ensureFolder } from '../../../main/platform/folders.ts';
import { fileSystemError } from '../../../main/platform/fs-errors.ts';
import { statReadableFile } from '../../../main/platform/regular-file.ts';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'midstance-fs-safety-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function thrown(action: () => unknown): MidstanceError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(MidstanceError);
    return error as MidstanceError;
  }
  throw new Error('expected an error');
}

describe('fileSystemError', () => {
  it.each([
    ['ENOSPC', 'disk-full', /disk is full/],
    ['EDQUOT', 'disk-full', /disk is full/],
    ['ENOENT', 'not-found', /does not exist/],
    ['EACCES', 'file-access', /no permission/],
    ['EPERM', 'file-access', /no permission/],
    ['EROFS', 'file-access', /can only be read/],
    ['ELOOP', 'file-access', /loop of links/],
    ['ENAMETOOLONG', 'file-access', /too long/],
    ['EISDIR', 'file-access', /is a folder/],
    ['ENOTDIR', 'file-access', /is a file, not a folder/],
    ['EIO', 'file-access', /input\/output error/],
    ['EMFILE', 'file-access', /Too many files/],
    ['EBUSY', 'file-access', /in use/],
  ])('%s → %s with the path and the code in details', (fsCode, code, message) => {
    const error = fileSystemError(Object.assign(new Error('raw'), { code: fsCode, path: '/x/y.midstance' }));
    expect(error?.code).toBe(code);
    expect(error?.message).toMatch(message);
    expect(error?.message.split('\n')).toHaveLength(1);
    expect(error?.details).toEqual({ path: '/x/y.midstance', fsCode });
  });

  it('leaves unknown codes and non-errors to the caller', () => {
    expect(fileSystemError(Object.assign(new Error('x'), { code: 'SQLITE_CORRUPT' }))).toBeUndefined();
    expect(fileSystemError(new Error('plain'))).toBeUndefined();
    expect(fileSystemError(null)).toBeUndefined();
  });

  it('maps a real symlink loop', () => {
    const loop = join(dir, 'loop.midstance');
    symlinkSync(join(dir, 'loop2.midstance'), loop);
    symlinkSync(loop, join(dir, 'loop2.midstance'));
    const error = thrown(() => statReadableFile(loop, { code: 'media-unreadable', noun: 'video', missing: () => new MidstanceError('not-found', 'gone') }));
    expect(error).toMatchObject({ code: 'file-access', details: { fsCode: 'ELOOP', path: loop } });
  });
});

describe('statReadableFile', () => {
  const options = { code: 'media-unreadable', noun: 'video', missing: () => new MidstanceError('media-missing', 'gone') } as const;

  it('names a pipe, a device and a folder for what they are', () => {
    const fifo = join(dir, 'pipe.mp4');
    execFileSync('mkfifo', [fifo]);
    const started = Date.now();
    expect(thrown(() => statReadableFile(fifo, options))).toMatchObject({
      code: 'media-unreadable',
      message: expect.stringMatching(/not a regular file but a pipe/),
      details: { fileKind: 'pipe', path: fifo },
    });
    // Opening a pipe for reading would have blocked this thread until a writer came.
    expect(Date.now() - started).toBeLessThan(3000);
    expect(thrown(() => statReadableFile('/dev/zero', options))).toMatchObject({ details: { fileKind: 'device' } });
    expect(thrown(() => statReadableFile(dir, options))).toMatchObject({ message: expect.stringMatching(/is a folder/), details: { fileKind: 'folder' } });
  });

  it('uses the caller’s error for a missing file', () => {
    expect(thrown(() => statReadableFile(join(dir, 'gone.mp4'), options)).code).toBe('media-missing');
    expect(thrown(() => statReadableFile(join(dir, 'gone.mp4', 'deeper.mp4'), options)).code).toBe('media-missing');
  });
});

describe('ensureFolder', () => {
  it('creates missing levels one at a time', () => {
    const target = join(dir, 'a', 'b', 'c');
    ensureFolder(target);
    expect(existsSync(target)).toBe(true);
    ensureFolder(target);
  });

  it('refuses a file in the way', () => {
    writeFileSync(join(dir, 'plain'), 'x');
    expect(thrown(() => ensureFolder(join(dir, 'plain', 'sub')))).toMatchObject({ code: 'file-access', details: { fsCode: 'ENOTDIR' } });
  });

  it('answers at once under /proc, where recursive mkdir spins forever', async () => {
    // The defect itself, in a child so it cannot hang this test: Node's recursive mkdir never returns there.
    const child = spawn(process.execPath, ['-e', "require('fs').mkdirSync('/proc/nope/x', { recursive: true })"], { stdio: 'ignore' });
    const exited = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 1500);
      child.on('exit', () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    const started = Date.now();
    const error = thrown(() => ensureFolder('/proc/nope/x'));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error).toMatchObject({ code: 'file-access', details: { path: '/proc/nope', fsCode: 'ENOENT' } });
    expect(error.message).toMatch(/No folder can be created in \/proc/);
    const childReturned = await exited;
    child.kill('SIGKILL');
    // If this ever starts to pass, Node fixed it; ensureFolder stays right either way.
    expect(childReturned).toBe(false);
  });
});

describe('atomic writes', () => {
  it('replaces the target only with a complete file and leaves no temporary behind', async () => {
    const target = join(dir, 'settings.json');
    writeFileAtomic(target, '{"a":1}');
    writeFileAtomic(target, '{"a":2}');
    expect(readFileSync(target, 'utf8')).toBe('{"a":2}');
    await expect(
      produceFileAtomic(target, async (temporary) => {
        writeFileSync(temporary, 'half');
        throw new Error('writer died');
      }),
    ).rejects.toThrow('writer died');
    expect(readFileSync(target, 'utf8')).toBe('{"a":2}');
    await expect(produceFileAtomic(join(dir, 'empty.png'), async () => {})).rejects.toThrow(/Nothing was written/);
    expect(readdirSync(dir).filter((name) => name.includes('.part'))).toEqual([]);
    expect(existsSync(join(dir, 'empty.png'))).toBe(false);
  });

  it('names a missing folder, a folder as target and an uncreatable place', () => {
    expect(thrown(() => writeFileAtomic(join(dir, 'nowhere', 'x.json'), '1'))).toMatchObject({
      code: 'not-found',
      message: expect.stringMatching(/folder .*nowhere does not exist/),
    });
    mkdirSync(join(dir, 'taken'));
    expect(thrown(() => writeFileAtomic(join(dir, 'taken'), '1'))).toMatchObject({ code: 'file-access', details: { fsCode: 'EISDIR' } });
    expect(thrown(() => writeFileAtomic('/proc/x.json', '1'))).toMatchObject({ code: 'file-access', details: { path: '/proc' } });
  });
});
