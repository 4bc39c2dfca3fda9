import { open } from 'node:fs/promises';
import { childBoxes, findChild, type Mp4Box, trackHandler } from './mp4-boxes.ts';

/**
 * MP4/QuickTime edit lists, read from the file's own `moov` box, because ffprobe does not report
 * them. Midstance needs one fact from them that ffmpeg ignores: an edit's media rate. QuickTime
 * slows a stretch of a track down by giving its edit a rate below 1 (a "time-scaled edit");
 * ffmpeg 5.1 reads the rate but builds its index as if it were 1, so with more than one edit the
 * frames of the slowed stretch and after it repeat or land at wrong times (measured: 600 frames
 * listed for a 480-frame track, with a 6.5 s jump).
 */

export interface Edit {
  /** Length on the movie's timeline, in movie time-scale units. */
  segmentDuration: number;
  /** Start in the track's media, in media time-scale units; -1 is an empty edit (a pause). */
  mediaTime: number;
  /** 1 plays the media as recorded, 0.125 eight times slower. */
  rate: number;
}

export interface TrackEdits {
  /** The track's handler: 'vide', 'soun', 'meta', … */
  handler: string;
  /** Null when the track has no edit list (its media is shown as stored). */
  edits: Edit[] | null;
}

/** The container's tracks in file order: ffmpeg makes one stream per track, in this order. */
export function parseMovieTracks(moov: Uint8Array): TrackEdits[] {
  return childBoxes(moov, 0, moov.byteLength)
    .filter((box) => box.type === 'trak')
    .map((trak) => {
      const edts = findChild(moov, trak, 'edts');
      const elst = edts ? findChild(moov, edts, 'elst') : null;
      return { handler: trackHandler(moov, trak), edits: elst ? parseEditList(moov, elst) : null };
    });
}

/**
 * True when an edit list both changes a stretch's speed and has more than one stretch: the case
 * ffmpeg mis-indexes. A single time-scaled edit over the whole track is harmless: ffmpeg then
 * lists every frame at its recorded time, which is the real-world time Midstance wants.
 */
export function misreadTimeScaledEdits(track: TrackEdits | undefined): boolean {
  const shown = (track?.edits ?? []).filter((edit) => edit.mediaTime !== -1);
  return shown.length > 1 && shown.some((edit) => Math.abs(edit.rate - 1) > 1e-6);
}

/**
 * Input options of ffmpeg and ffprobe (mov demuxer; ffmpeg 4.1 has it too) that read every stored
 * frame once at its own media time, as if the file had no edit list: how Midstance reads files
 * with misread time-scaled edits (for a slow-motion original, media time is capture time).
 */
export const editListArgs = (ignoreEditList: boolean): string[] => (ignoreEditList ? ['-ignore_editlist', '1'] : []);

/** Larger movie boxes are not read (a 10-minute 240 fps phone clip has a moov of a few MB). */
const MAX_MOOV_BYTES = 64 * 1024 * 1024;

/** The tracks of an MP4/MOV file, or null for other files and when no usable `moov` is found. */
export async function readMovieTracks(path: string): Promise<TrackEdits[] | null> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const header = Buffer.alloc(16);
    let offset = 0;
    while (offset + 8 <= size) {
      const { bytesRead } = await file.read(header, 0, 16, offset);
      if (bytesRead < 8) return null;
      const type = header.toString('latin1', 4, 8);
      if (!/^[\x20-\x7e]{4}$/.test(type)) return null;
      let boxSize = header.readUInt32BE(0);
      let headerSize = 8;
      if (boxSize === 1) {
        if (bytesRead < 16) return null;
        boxSize = Number(header.readBigUInt64BE(8));
        headerSize = 16;
      } else if (boxSize === 0) {
        boxSize = size - offset;
      }
      if (boxSize < headerSize) return null;
      if (type === 'moov') {
        const length = Math.min(boxSize, size - offset) - headerSize;
        if (length > MAX_MOOV_BYTES) return null;
        const body = Buffer.alloc(length);
        await file.read(body, 0, length, offset + headerSize);
        return parseMovieTracks(body);
      }
      offset += boxSize;
    }
    return null;
  } finally {
    await file.close();
  }
}

function parseEditList(bytes: Uint8Array, elst: Mp4Box): Edit[] {
  if (elst.end - elst.body < 8) return [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint8(elst.body);
  const count = view.getUint32(elst.body + 4);
  const entrySize = version === 1 ? 20 : 12;
  const edits: Edit[] = [];
  let offset = elst.body + 8;
  for (let i = 0; i < count && offset + entrySize <= elst.end; i += 1, offset += entrySize) {
    const segmentDuration = version === 1 ? Number(view.getBigUint64(offset)) : view.getUint32(offset);
    const mediaTime = version === 1 ? Number(view.getBigInt64(offset + 8)) : view.getInt32(offset + 4);
    // QuickTime's 16.16 fixed-point media rate (ISO: media_rate_integer + media_rate_fraction).
    const rate = view.getInt32(offset + entrySize - 4) / 65536;
    edits.push({ segmentDuration, mediaTime, rate });
  }
  return edits;
}
