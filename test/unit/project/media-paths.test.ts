import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileIdentity } from '../../../main/project/fingerprint.ts';
import { relativeMediaPath } from '../../../main/project/media-locator.ts';

const dir = mkdtempSync(join(tmpdir(), 'midstance-fp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('relativeMediaPath', () => {
  it("stores '/'-separated paths relative to the project folder", () => {
    expect(relativeMediaPath('/data/client', '/data/client/videos/side.mp4')).toBe('videos/side.mp4');
    expect(relativeMediaPath('/data/client', '/data/other/side.mp4')).toBe('../other/side.mp4');
  });
});

describe('fileIdentity', () => {
  const MIB = 1024 * 1024;
  const write = (name: string, bytes: Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };

  it('is stable for the same content and changes with the first MiB, the last MiB or the size', () => {
    const base = Buffer.alloc(3 * MIB, 1);
    const a = fileIdentity(write('a.mp4', base));
    expect(a).toEqual(fileIdentity(write('renamed.mp4', base)));
    expect(a.size).toBe(3 * MIB);
    expect(a.fingerprint).toMatch(/^v1:[0-9a-f]{64}$/);

    const head = Buffer.from(base);
    head[10] = 2;
    const tail = Buffer.from(base);
    tail[3 * MIB - 10] = 2;
    expect(fileIdentity(write('head.mp4', head)).fingerprint).not.toBe(a.fingerprint);
    expect(fileIdentity(write('tail.mp4', tail)).fingerprint).not.toBe(a.fingerprint);
    expect(fileIdentity(write('longer.mp4', Buffer.alloc(3 * MIB + 1, 1))).fingerprint).not.toBe(a.fingerprint);
  });

  it('covers small files completely', () => {
    const small = Buffer.alloc(1000, 5);
    const changed = Buffer.from(small);
    changed[500] = 6;
    expect(fileIdentity(write('s1.mp4', small)).fingerprint).not.toBe(fileIdentity(write('s2.mp4', changed)).fingerprint);
    expect(fileIdentity(write('zero.mp4', Buffer.alloc(0))).size).toBe(0);
  });
});
