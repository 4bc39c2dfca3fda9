import { describe, expect, it } from 'vitest';
import { analyseWal, walLosesChanges } from '../../../main/project/wal.ts';

/**
 * Builds a write-ahead log by the file-format document (https://www.sqlite.org/fileformat.html#the_write_ahead_log),
 * independently of SQLite, so the parser's edge cases can be set up exactly.
 */
const PAGE = 512;

function sum(bytes: Uint8Array, bigEndian: boolean, seed: [number, number]): [number, number] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let [s0, s1] = seed;
  for (let i = 0; i < bytes.length; i += 8) {
    s0 = (s0 + view.getUint32(i, !bigEndian) + s1) >>> 0;
    s1 = (s1 + view.getUint32(i + 4, !bigEndian) + s0) >>> 0;
  }
  return [s0, s1];
}

interface FrameSpec {
  page: number;
  commit: boolean;
  /** Written with another salt (a frame of an earlier generation of the log). */
  staleSalt?: boolean;
}

function buildWal(frames: FrameSpec[], bigEndian = false): Buffer {
  const header = Buffer.alloc(32);
  header.writeUInt32BE(bigEndian ? 0x377f0683 : 0x377f0682, 0);
  header.writeUInt32BE(3007000, 4);
  header.writeUInt32BE(PAGE, 8);
  header.writeUInt32BE(1, 12);
  header.writeUInt32BE(0x11111111, 16);
  header.writeUInt32BE(0x22222222, 20);
  let running = sum(header.subarray(0, 24), bigEndian, [0, 0]);
  header.writeUInt32BE(running[0], 24);
  header.writeUInt32BE(running[1], 28);
  const parts = [header];
  frames.forEach((spec, n) => {
    const frame = Buffer.alloc(24 + PAGE, n + 1);
    frame.writeUInt32BE(spec.page, 0);
    frame.writeUInt32BE(spec.commit ? 10 : 0, 4);
    frame.writeUInt32BE(spec.staleSalt ? 0x33333333 : 0x11111111, 8);
    frame.writeUInt32BE(0x22222222, 12);
    const next = sum(frame.subarray(24), bigEndian, sum(frame.subarray(0, 8), bigEndian, running));
    frame.writeUInt32BE(next[0], 16);
    frame.writeUInt32BE(next[1], 20);
    if (!spec.staleSalt) running = next;
    parts.push(frame);
  });
  return Buffer.concat(parts);
}

const frameOffset = (n: number) => 32 + n * (24 + PAGE);
const flip = (bytes: Buffer, at: number, mask: number) => bytes.writeUInt8(bytes.readUInt8(at) ^ mask, at);

describe('analyseWal', () => {
  const threeCommits: FrameSpec[] = [
    { page: 2, commit: false },
    { page: 3, commit: true },
    { page: 2, commit: true },
    { page: 4, commit: false },
    { page: 5, commit: true },
  ];

  it.each([false, true])('an intact log (big-endian checksums: %s): every commit applied, nothing lost', (bigEndian) => {
    const analysis = analyseWal(buildWal(threeCommits, bigEndian));
    expect(analysis).toMatchObject({
      headerValid: true,
      pageSize: PAGE,
      framesInFile: 5,
      appliedFrames: 5,
      appliedCommits: 3,
      unappliedFrames: 0,
      unappliedCommits: 0,
      firstDamagedFrame: null,
    });
    expect(walLosesChanges(analysis)).toBe(false);
  });

  it('damage in the middle: SQLite stops there, and the later commits are counted as lost', () => {
    const wal = buildWal(threeCommits);
    flip(wal, frameOffset(2) + 24 + 100, 0xff);
    const analysis = analyseWal(wal);
    expect(analysis).toMatchObject({ appliedFrames: 2, appliedCommits: 1, firstDamagedFrame: 2, unappliedFrames: 3, unappliedCommits: 2 });
    expect(walLosesChanges(analysis)).toBe(true);
  });

  it('an unfinished transaction at the end is not applied and not a loss', () => {
    const analysis = analyseWal(buildWal([...threeCommits, { page: 6, commit: false }]));
    expect(analysis).toMatchObject({ appliedFrames: 5, appliedCommits: 3, unappliedCommits: 0, firstDamagedFrame: null });
    expect(walLosesChanges(analysis)).toBe(false);
  });

  it('a torn last frame (power cut during a commit) is damage but not a lost commit', () => {
    const wal = buildWal(threeCommits);
    const cut = wal.subarray(0, frameOffset(4) + 24 + 200);
    expect(analyseWal(cut)).toMatchObject({ framesInFile: 4, appliedCommits: 2, unappliedCommits: 0 });
    const torn = Buffer.from(wal);
    flip(torn, frameOffset(4) + 24 + 300, 0xff);
    const analysis = analyseWal(torn);
    expect(analysis).toMatchObject({ appliedCommits: 2, firstDamagedFrame: 4, unappliedCommits: 0, tornLastFrame: true });
    expect(walLosesChanges(analysis)).toBe(false);
  });

  it('frames of an earlier generation of a reused log (another salt) mean nothing', () => {
    const analysis = analyseWal(buildWal([...threeCommits, { page: 7, commit: true, staleSalt: true }, { page: 8, commit: true, staleSalt: true }]));
    expect(analysis).toMatchObject({ appliedCommits: 3, unappliedFrames: 0, unappliedCommits: 0, firstDamagedFrame: null });
    expect(walLosesChanges(analysis)).toBe(false);
  });

  it('a damaged header makes the whole log unreadable', () => {
    const wal = buildWal(threeCommits);
    flip(wal, 20, 0x01);
    expect(analyseWal(wal)).toMatchObject({ headerValid: false, appliedCommits: 0 });
    expect(analyseWal(wal.subarray(0, 20))).toMatchObject({ headerValid: false, framesInFile: 0 });
    const otherVersion = buildWal(threeCommits);
    otherVersion.writeUInt32BE(3007001, 4);
    expect(analyseWal(otherVersion).headerValid).toBe(false);
  });
});
