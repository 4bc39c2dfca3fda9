import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SpillDirectory, removeStaleSpillDirs } from '../../../main/media/frame-spill.ts';

let parent: string;
let directory: SpillDirectory | null = null;

beforeEach(() => {
  parent = mkdtempSync(join(tmpdir(), 'midstance-spill-test-'));
});
afterEach(() => {
  directory?.dispose();
  directory = null;
  rmSync(parent, { recursive: true, force: true });
});

/** A stand-in JPEG: the SOI marker, then bytes that depend on index and size. */
function fakeJpeg(index: number, size: number): Uint8Array {
  const data = new Uint8Array(size);
  for (let i = 0; i < size; i += 1) data[i] = (index * 31 + i * 7) & 0xff;
  data[0] = 0xff;
  data[1] = 0xd8;
  return data;
}

const spillDirs = () => readdirSync(parent).filter((name) => name.startsWith('midstance-frames-'));

describe('spill file', () => {
  it('round trip: frames read back byte for byte, in any order, each written once', () => {
    directory = new SpillDirectory({ parent });
    const file = directory.createFile(100)!;
    expect(file).not.toBeNull();
    const sizes = Array.from({ length: 100 }, (_, i) => 3000 + ((i * 977) % 50_000));
    const order = Array.from({ length: 100 }, (_, i) => (i * 37) % 100);
    for (const index of order) expect(file.write(index, fakeJpeg(index, sizes[index]!))).toBe(true);
    const total = sizes.reduce((a, b) => a + b, 0);
    expect(file.count).toBe(100);
    expect(file.bytes).toBe(total);
    expect(statSync(file.path).size).toBe(total);
    expect(directory.usedBytes).toBe(total);
    // Already there: not written again.
    expect(file.write(5, fakeJpeg(5, 10))).toBe(true);
    expect(file.bytes).toBe(total);
    for (const index of [99, 0, 50, 7, 63]) expect(file.read(index)).toEqual(fakeJpeg(index, sizes[index]!));
    expect(file.has(42)).toBe(true);
  });

  it('unknown frames: has() is false and read() gives nothing; out-of-range indices are refused', () => {
    directory = new SpillDirectory({ parent });
    const file = directory.createFile(10)!;
    expect(file.has(3)).toBe(false);
    expect(file.read(3)).toBeUndefined();
    expect(file.write(10, fakeJpeg(10, 100))).toBe(false);
    expect(file.write(-1, fakeJpeg(0, 100))).toBe(false);
    expect(file.state).toBe('open');
  });

  it.skipIf(process.platform === 'win32')('the folder and files are private to the user', () => {
    directory = new SpillDirectory({ parent });
    const file = directory.createFile(1)!;
    expect(statSync(directory.path!).mode & 0o777).toBe(0o700);
    expect(statSync(file.path).mode & 0o777).toBe(0o600);
    expect(directory.path!.startsWith(join(parent, `midstance-frames-${process.pid}-`))).toBe(true);
  });
});

describe('bounds', () => {
  it('stops at maxBytes across all files: the file turns read-only and keeps what it has', () => {
    directory = new SpillDirectory({ parent, limits: { maxBytes: 50_000 } });
    const first = directory.createFile(100)!;
    const second = directory.createFile(100)!;
    let written = 0;
    while (first.write(written, fakeJpeg(written, 10_000))) written += 1;
    expect(written).toBe(5);
    expect(first.state).toBe('full');
    expect(first.write(99, fakeJpeg(99, 10))).toBe(false);
    expect(first.read(4)).toEqual(fakeJpeg(4, 10_000));
    // The other clip's file shares the bound.
    expect(second.write(0, fakeJpeg(0, 1000))).toBe(false);
    expect(second.state).toBe('full');
    expect(directory.usedBytes).toBe(50_000);
    // Closing a file gives its bytes back.
    first.close();
    expect(directory.usedBytes).toBe(0);
    const third = directory.createFile(10)!;
    expect(third.write(0, fakeJpeg(0, 1000))).toBe(true);
  });

  it('keeps minFreeBytes free on the filesystem (asked again as writing goes on)', () => {
    // A filesystem of which this spill is the only writer.
    let capacity = 10_000_000;
    directory = new SpillDirectory({ parent, limits: { minFreeBytes: 9_000_000 }, freeBytes: () => capacity - directory!.usedBytes });
    const file = directory.createFile(1000)!;
    let written = 0;
    while (file.write(written, fakeJpeg(written, 100_000))) written += 1;
    expect(written).toBe(10);
    expect(file.state).toBe('full');
    // Space freed elsewhere does not reopen a full file, but a new one may use it.
    capacity = 20_000_000;
    expect(file.write(500, fakeJpeg(500, 100))).toBe(false);
    expect(directory.createFile(10)!.write(0, fakeJpeg(0, 100_000))).toBe(true);
  });

  it('no file at all when the real filesystem is below the floor', () => {
    directory = new SpillDirectory({ parent, limits: { minFreeBytes: Number.MAX_SAFE_INTEGER } });
    expect(directory.createFile(10)).toBeNull();
  });
});

describe('errors turn the spill off, never throw', () => {
  it.skipIf(!existsSync('/dev/full'))('a write error (ENOSPC from /dev/full): failed, nothing on disk counts', () => {
    directory = new SpillDirectory({ parent, openFile: () => openSync('/dev/full', 'r+') });
    const file = directory.createFile(10)!;
    expect(file.write(0, fakeJpeg(0, 5000))).toBe(false);
    expect(file.state).toBe('failed');
    expect(file.has(0)).toBe(false);
    expect(file.write(1, fakeJpeg(1, 5000))).toBe(false);
    expect(file.read(0)).toBeUndefined();
    expect(directory.usedBytes).toBe(0);
  });

  it('a frame that reads back wrong: failed, the file is deleted, its bytes released', () => {
    directory = new SpillDirectory({ parent });
    const file = directory.createFile(10)!;
    for (let i = 0; i < 3; i += 1) file.write(i, fakeJpeg(i, 4000));
    const fd = openSync(file.path, 'r+');
    writeSync(fd, new Uint8Array(16), 0, 16, 4000);
    closeSync(fd);
    expect(file.read(0)).toEqual(fakeJpeg(0, 4000));
    expect(file.read(1)).toBeUndefined();
    expect(file.state).toBe('failed');
    expect(file.has(0)).toBe(false);
    expect(existsSync(file.path)).toBe(false);
    expect(directory.usedBytes).toBe(0);
  });

  it('a folder that cannot be made: no spill file, no exception', () => {
    const blocker = join(parent, 'not-a-folder');
    closeSync(openSync(blocker, 'w'));
    directory = new SpillDirectory({ parent: blocker });
    expect(directory.createFile(10)).toBeNull();
  });
});

describe('cleanup', () => {
  it('close deletes the file; dispose deletes the folder and refuses new files', () => {
    directory = new SpillDirectory({ parent });
    const a = directory.createFile(10)!;
    const b = directory.createFile(10)!;
    a.write(0, fakeJpeg(0, 1000));
    b.write(0, fakeJpeg(0, 1000));
    a.close();
    expect(existsSync(a.path)).toBe(false);
    expect(a.has(0)).toBe(false);
    expect(existsSync(b.path)).toBe(true);
    expect(spillDirs()).toHaveLength(1);
    directory.dispose();
    expect(spillDirs()).toHaveLength(0);
    expect(b.read(0)).toBeUndefined();
    expect(directory.createFile(10)).toBeNull();
  });

  it('removes folders of processes that no longer run, keeps live ones and other folders', () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const names = [`midstance-frames-${dead}-abc123`, `midstance-frames-${process.pid}-def456`, `midstance-frames-${process.ppid}-ghi789`, 'midstance-other'];
    for (const name of names) mkdirSync(join(parent, name, 'inner'), { recursive: true });
    expect(removeStaleSpillDirs(parent)).toBe(1);
    expect(readdirSync(parent).sort()).toEqual(names.slice(1).sort());
  });

  it('the first spill folder in a parent sweeps stale ones there', () => {
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    mkdirSync(join(parent, `midstance-frames-${dead}-zzz999`));
    directory = new SpillDirectory({ parent });
    directory.createFile(1);
    expect(spillDirs()).toEqual([directory.path!.slice(parent.length + 1)]);
  });
});
