import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeSourceOf } from '../../../main/media/decoder.ts';
import { type FfmpegTools, resolveTools } from '../../../main/media/ffmpeg-path.ts';
import { probeMedia, type ProbeResult } from '../../../main/media/probe.ts';
import { liveProcessCount } from '../../../main/media/processes.ts';
import { type RawFrameRequest, readFrames, readFramesBackward } from '../../../main/media/raw-frames.ts';
import { createFixtureStore } from '../../fixtures/clips.ts';
import { readFrameIndex } from '../../fixtures/frame-code.ts';

/**
 * The one raw-frame reader (tracking, pose, exports): frames of a range, upright, at a size, in grey, RGB,
 * RGBA or yuv420p — each identified by its own timestamp, checked against the index painted into it.
 */
const store = createFixtureStore();
let tools: FfmpegTools;
let bframes: ProbeResult;
let rotated: ProbeResult;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'midstance-raw-frames-'));
  tools = await resolveTools({ settingsFfmpeg: null, settingsFfprobe: null });
  const [a, b] = await Promise.all([store.clip('h264_bframes'), store.clip('rotated_90')]);
  bframes = await probeMedia(a.path, { ffprobe: tools.ffprobe.path });
  rotated = await probeMedia(b.path, { ffprobe: tools.ffprobe.path });
}, 120_000);
afterAll(() => {
  store.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const request = (probe: ProbeResult, fields: Partial<RawFrameRequest> & Pick<RawFrameRequest, 'fromIndex' | 'toIndex' | 'pixelFormat'>): RawFrameRequest => ({
  ffmpeg: tools.ffmpeg,
  source: decodeSourceOf(probe),
  keyframes: probe.table.keyframes,
  size: { width: probe.info.width, height: probe.info.height },
  ...fields,
});

async function collect(frames: AsyncIterable<{ index: number; data: Buffer }>) {
  const list: { index: number; data: Buffer }[] = [];
  for await (const frame of frames) list.push(frame);
  return list;
}

describe('raw frames (main/media/raw-frames.ts)', () => {
  it('reads a range that starts between keyframes (B-frames) at a smaller size in grey: each frame is the one asked for', async () => {
    const size = { width: 320, height: 180 };
    const frames = await collect(readFrames(request(bframes, { fromIndex: 53, toIndex: 61, size, pixelFormat: 'gray' })));
    expect(frames.map((frame) => frame.index)).toEqual([53, 54, 55, 56, 57, 58, 59, 60, 61]);
    for (const frame of frames) {
      expect(frame.data.length).toBe(320 * 180);
      expect(readFrameIndex({ data: frame.data, ...size, channels: 1 })).toBe(frame.index);
    }
  });

  it('turns a clip with a rotation tag upright, in RGB (bicubic) and full-size RGBA', async () => {
    const rgb = await collect(readFrames(request(rotated, { fromIndex: 40, toIndex: 42, size: { width: 180, height: 320 }, scaling: 'bicubic', pixelFormat: 'rgb24' })));
    expect(rgb.map((frame) => frame.index)).toEqual([40, 41, 42]);
    for (const frame of rgb) expect(readFrameIndex({ data: frame.data, width: 180, height: 320, channels: 3 }, 90)).toBe(frame.index);
    const rgba = await collect(readFrames(request(rotated, { fromIndex: 7, toIndex: 7, scaling: 'none', pixelFormat: 'rgba' })));
    expect([rotated.info.width, rotated.info.height]).toEqual([360, 640]);
    expect(rgba[0]!.data.length).toBe(360 * 640 * 4);
    expect(readFrameIndex({ data: rgba[0]!.data, width: 360, height: 640, channels: 4 }, 90)).toBe(7);
  });

  it('gives yuv420p at the frame size, the luma plane first', async () => {
    const [frame] = await collect(readFrames(request(bframes, { fromIndex: 30, toIndex: 30, scaling: 'none', pixelFormat: 'yuv420p' })));
    expect(frame!.data.length).toBe(640 * 360 * 1.5);
    expect(readFrameIndex({ data: frame!.data.subarray(0, 640 * 360), width: 640, height: 360, channels: 1 })).toBe(30);
  });

  it('reads backwards in chunks, newest first', async () => {
    const frames = await collect(readFramesBackward({ ...request(bframes, { fromIndex: 70, toIndex: 52, size: { width: 320, height: 180 }, pixelFormat: 'gray' }), chunk: 8 }));
    expect(frames.map((frame) => frame.index)).toEqual(Array.from({ length: 19 }, (_, i) => 70 - i));
    for (const frame of frames) expect(readFrameIndex({ data: frame.data, width: 320, height: 180, channels: 1 })).toBe(frame.index);
  });

  it('ends and reaps ffmpeg when the consumer stops early or the job is cancelled', async () => {
    let seen = 0;
    for await (const _frame of readFrames(request(bframes, { fromIndex: 0, toIndex: 119, size: { width: 320, height: 180 }, pixelFormat: 'rgb24' }))) {
      seen += 1;
      if (seen === 2) break;
    }
    expect(seen).toBe(2);
    expect(liveProcessCount()).toBe(0);
    const controller = new AbortController();
    const cancelled = (async () => {
      for await (const frame of readFrames(request(bframes, { fromIndex: 0, toIndex: 119, size: { width: 320, height: 180 }, pixelFormat: 'gray', signal: controller.signal }))) {
        if (frame.index === 3) controller.abort();
      }
    })();
    await expect(cancelled).rejects.toMatchObject({ code: 'cancelled' });
    expect(liveProcessCount()).toBe(0);
  });

  it('says media-unreadable when no frame can be read, and when an export needs every frame and ffmpeg stops early', async () => {
    const broken = join(dir, 'broken.mp4');
    writeFileSync(broken, 'this is not a video');
    const source = { ...decodeSourceOf(bframes), path: broken };
    await expect(collect(readFrames({ ...request(bframes, { fromIndex: 0, toIndex: 3, pixelFormat: 'gray' }), source }))).rejects.toMatchObject({ code: 'media-unreadable' });
    // A frame table that promises more frames than the file holds: the last ones never come.
    const longer = { ...decodeSourceOf(bframes) };
    const pts = [...longer.pts, ...[1, 2, 3].map((n) => longer.pts.at(-1)! + n * (longer.pts.at(-1)! - longer.pts.at(-2)!))];
    const times = pts.map((value) => (value * longer.timeBase[0]) / longer.timeBase[1]);
    const partial = { ...request(bframes, { fromIndex: 115, toIndex: 122, pixelFormat: 'gray', size: { width: 320, height: 180 } }), source: { ...longer, pts, times } };
    expect((await collect(readFrames(partial))).map((frame) => frame.index)).toEqual([115, 116, 117, 118, 119]);
    await expect(collect(readFrames({ ...partial, complete: true }))).rejects.toMatchObject({ code: 'media-unreadable', message: expect.stringContaining('could not all be decoded (5 read)') });
    expect(liveProcessCount()).toBe(0);
  });
});
