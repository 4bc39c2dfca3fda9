import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { misreadTimeScaledEdits, parseMovieTracks, readMovieTracks } from '../../../main/media/edit-lists.ts';

const box = (type: string, ...children: Buffer[]): Buffer => {
  const body = Buffer.concat(children);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + body.length, 0);
  header.write(type, 4, 'latin1');
  return Buffer.concat([header, body]);
};

/** elst version 0 (32-bit fields) or 1 (64-bit), rates as 16.16 fixed point. */
const elst = (version: 0 | 1, entries: [number, number, number][]): Buffer => {
  const head = Buffer.alloc(8);
  head.writeUInt8(version, 0);
  head.writeUInt32BE(entries.length, 4);
  const rows = entries.map(([duration, mediaTime, rate]) => {
    const row = Buffer.alloc(version === 1 ? 20 : 12);
    if (version === 1) {
      row.writeBigUInt64BE(BigInt(duration), 0);
      row.writeBigInt64BE(BigInt(mediaTime), 8);
    } else {
      row.writeUInt32BE(duration, 0);
      row.writeInt32BE(mediaTime, 4);
    }
    row.writeInt32BE(Math.round(rate * 65536), row.length - 4);
    return row;
  });
  return box('elst', head, ...rows);
};

const hdlr = (handler: string): Buffer => {
  const body = Buffer.alloc(24);
  body.write(handler, 8, 'latin1');
  return box('hdlr', body);
};

const trak = (handler: string, edits: Buffer | null): Buffer =>
  box('trak', box('tkhd', Buffer.alloc(84)), ...(edits ? [box('edts', edits)] : []), box('mdia', box('mdhd', Buffer.alloc(24)), hdlr(handler)));

// An iPhone-shaped slow-motion movie as QuickTime would time-scale it: normal, 8× slower, normal.
const slowMiddle: [number, number, number][] = [[500, 0, 1], [8000, 7680, 0.125], [500, 23040, 1]];

describe('edit lists', () => {
  const dir = mkdtempSync(join(tmpdir(), 'midstance-edits-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads every track in order with its handler and edits (version 0 and 1)', () => {
    const moov = box('moov', box('mvhd', Buffer.alloc(100)), trak('vide', elst(0, slowMiddle)), trak('soun', elst(1, [[2000, -1, 1], [9000, 0, 1]])), trak('meta', null));
    const tracks = parseMovieTracks(moov.subarray(8));
    expect(tracks.map((track) => track.handler)).toEqual(['vide', 'soun', 'meta']);
    expect(tracks[0]!.edits).toEqual([
      { segmentDuration: 500, mediaTime: 0, rate: 1 },
      { segmentDuration: 8000, mediaTime: 7680, rate: 0.125 },
      { segmentDuration: 500, mediaTime: 23040, rate: 1 },
    ]);
    expect(tracks[1]!.edits).toEqual([{ segmentDuration: 2000, mediaTime: -1, rate: 1 }, { segmentDuration: 9000, mediaTime: 0, rate: 1 }]);
    expect(tracks[2]!.edits).toBeNull();
  });

  it('only several edits with a speed change are misread by ffmpeg', () => {
    const track = (entries: [number, number, number][]) => parseMovieTracks(box('moov', trak('vide', elst(0, entries))).subarray(8))[0];
    expect(misreadTimeScaledEdits(track(slowMiddle))).toBe(true);
    // One edit slowing the whole track: ffmpeg lists every frame at its recorded (real-world) time.
    expect(misreadTimeScaledEdits(track([[16000, 0, 0.125]]))).toBe(false);
    // A gallery trim or a start delay (empty edit) keeps the recorded speed.
    expect(misreadTimeScaledEdits(track([[1500, 2560, 1]]))).toBe(false);
    expect(misreadTimeScaledEdits(track([[100, -1, 1], [16000, 0, 0.125]]))).toBe(false);
    expect(misreadTimeScaledEdits(undefined)).toBe(false);
  });

  it('finds the movie box after the media data and with a 64-bit size; other files give null', async () => {
    const moov = box('moov', trak('vide', elst(0, slowMiddle)));
    const largeMdat = Buffer.alloc(16 + 32);
    largeMdat.writeUInt32BE(1, 0);
    largeMdat.write('mdat', 4, 'latin1');
    largeMdat.writeBigUInt64BE(BigInt(largeMdat.length), 8);
    const mov = join(dir, 'slow.mov');
    writeFileSync(mov, Buffer.concat([box('ftyp', Buffer.from('qt  \0\0\0\0qt  ', 'latin1')), box('wide'), largeMdat, moov]));
    expect((await readMovieTracks(mov))?.[0]?.edits?.[1]?.rate).toBe(0.125);
    const mkv = join(dir, 'clip.mkv');
    writeFileSync(mkv, Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81]));
    expect(await readMovieTracks(mkv)).toBeNull();
    const noMoov = join(dir, 'cut.mp4');
    writeFileSync(noMoov, box('ftyp', Buffer.from('isom', 'latin1')));
    expect(await readMovieTracks(noMoov)).toBeNull();
  });
});
