import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveTool, type ResolvedTool } from '../../../main/media/ffmpeg-path.ts';
import { probeMedia, type ProbeResult } from '../../../main/media/probe.ts';
import { extractStill, extractStills, writeStillFrame } from '../../../main/media/still-frame.ts';
import { type ClipName, createFixtureStore } from '../../fixtures/clips.ts';
import { decodeFileToGray, decodeToGray } from '../../fixtures/decode-images.ts';
import { readFrameIndex } from '../../fixtures/frame-code.ts';
import { openGopEditListClip } from '../../fixtures/open-gop-edit-list.ts';

/** Stills are exactly the frame named, identified by their own timestamp like the viewer's frames. */
const store = createFixtureStore();
let ffmpeg: ResolvedTool;
let dir: string;

beforeAll(async () => {
  ffmpeg = await resolveTool('ffmpeg', { settingsFfmpeg: null, settingsFfprobe: null });
  dir = mkdtempSync(join(tmpdir(), 'midstance-stills-'));
});
afterAll(() => {
  store.dispose();
  rmSync(dir, { recursive: true, force: true });
});

async function probed(name: ClipName): Promise<{ probe: ProbeResult; offset: number }> {
  const clip = await store.clip(name);
  return { probe: await probeMedia(clip.path, { ffprobe: 'ffprobe' }), offset: clip.firstEmbeddedIndex };
}

/** The frame code read from each still's pixels, minus the clip's first embedded index. */
async function codes(stills: { data: Buffer; size: { width: number; height: number } }[], offset: number): Promise<(number | null)[]> {
  const rasters = await decodeToGray(
    stills.map((still) => still.data),
    stills[0]!.size.width,
    stills[0]!.size.height,
  );
  return rasters.map((raster) => {
    const code = readFrameIndex(raster);
    return code === null ? null : code - offset;
  });
}

describe('extractStill / extractStills (in memory)', () => {
  it('gives the named frame as PNG and JPEG, with its own time, at the asked width', async () => {
    const { probe, offset } = await probed('h264_bframes');
    const png = await extractStill({ ffmpeg, probe, index: 50, format: 'png' });
    expect([...png.data.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    expect(png.size).toEqual({ width: 640, height: 360 });
    expect(png.index).toBe(50);
    expect(png.timeSeconds).toBeCloseTo(probe.table.times[50]!, 6);
    expect(await codes([png], offset)).toEqual([50]);

    const jpeg = await extractStill({ ffmpeg, probe, index: 49, format: 'jpeg', width: 320, quality: 5 });
    expect(jpeg.data[0]).toBe(0xff);
    expect(jpeg.data[1]).toBe(0xd8);
    expect(jpeg.size).toEqual({ width: 320, height: 180 });
    expect(await codes([jpeg], offset)).toEqual([49]);
  });

  it('gives several frames of one clip in the order asked, repeats included', async () => {
    const { probe, offset } = await probed('h264_bframes');
    const indices = [119, 3, 47, 48, 49, 3, 100, 0];
    const stills = await extractStills({ ffmpeg, probe, indices, format: 'jpeg', width: 320 });
    expect(stills.map((still) => still.index)).toEqual(indices);
    expect(stills.map((still) => still.timeSeconds)).toEqual(indices.map((i) => expect.closeTo(probe.table.times[i]!, 6)));
    expect(await codes(stills, offset)).toEqual(indices);
  });

  it('refuses a frame that does not exist and a quality out of range', async () => {
    const { probe } = await probed('h264_bframes');
    await expect(extractStill({ ffmpeg, probe, index: 120, format: 'png' })).rejects.toMatchObject({ code: 'invalid-request' });
    await expect(extractStill({ ffmpeg, probe, index: 1, format: 'jpeg', quality: 0 })).rejects.toMatchObject({ code: 'invalid-request' });
  });

  it('stops at once when cancelled', async () => {
    const { probe } = await probed('h264_bframes');
    const controller = new AbortController();
    const pending = extractStills({ ffmpeg, probe, indices: [10, 60, 110], format: 'png', signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('writeStillFrame writes the same frame to a file', async () => {
    const { probe, offset } = await probed('h264_bframes');
    const out = join(dir, 'frame 7.png');
    const size = await writeStillFrame({ ffmpeg, probe, index: 7, outPath: out });
    expect(size).toEqual({ width: 640, height: 360 });
    expect(readFrameIndex(await decodeFileToGray(out))! - offset).toBe(7);
    expect(readFileSync(out).subarray(1, 4).toString('latin1')).toBe('PNG');
  });
});

describe('every still is the frame named', () => {
  it('all-intra MJPEG AVI at 120 fps: every index', async () => {
    const { probe, offset } = await probed('mjpeg_avi_120');
    const all = probe.table.pts.map((_, i) => i);
    expect(all.length).toBe(120);
    // One still per call (each seeks on its own), as the CLI and a report with scattered stills
    // ask: every index of the first half (before the fix 1, 2, 3, 4, 6, 7, 9 … came back one late).
    const sample = all.slice(0, 60);
    const singles = [];
    for (const index of sample) singles.push(await extractStill({ ffmpeg, probe, index, format: 'jpeg', width: 320 }));
    expect(await codes(singles, offset)).toEqual(sample);
    const batch = await extractStills({ ffmpeg, probe, indices: all, format: 'png', width: 320 });
    expect(await codes(batch, offset)).toEqual(all);
  }, 120_000);

  it('HEVC MP4 whose edit list starts on the leading frames of an open-GOP keyframe: every index exact, the undecodable ones refused', async () => {
    const clip = await openGopEditListClip(store);
    const probe = await probeMedia(clip.path, { ffprobe: 'ffprobe' });
    // The case itself: three frames shown before the first stored keyframe.
    expect(probe.table.pts.length).toBe(clip.frameCount);
    expect(probe.table.keyframes[0]).toBe(clip.firstDecodable);
    const decodable = probe.table.pts.map((_, i) => i).filter((i) => i >= clip.firstDecodable);
    const singles = [];
    for (const index of decodable.filter((i) => i < 12 || i % 4 === 0)) singles.push(await extractStill({ ffmpeg, probe, index, format: 'jpeg', width: 320 }));
    expect(await codes(singles, clip.firstEmbeddedIndex)).toEqual(singles.map((still) => still.index));
    const batch = await extractStills({ ffmpeg, probe, indices: decodable.slice(0, 30), format: 'png', width: 320 });
    expect(await codes(batch, clip.firstEmbeddedIndex)).toEqual(decodable.slice(0, 30));
    // Before the fix frame 0 came back as frame 3: now no picture rather than a wrong one.
    for (let index = 0; index < clip.firstDecodable; index += 1) {
      await expect(extractStill({ ffmpeg, probe, index, format: 'png' })).rejects.toMatchObject({ code: 'media-unreadable', details: { index } });
    }
  }, 120_000);
});

describe('midstance frame', () => {
  const cli = (args: string[]) => promisify(execFile)(process.execPath, ['bin/midstance.js', ...args]);

  it('writes exactly the frame named from both kinds of file, and refuses an undecodable one', async () => {
    const avi = await store.clip('mjpeg_avi_120');
    for (const index of [1, 2, 3, 6, 7, 119]) {
      const out = join(dir, `avi-${index}.png`);
      await cli(['frame', avi.path, '--index', String(index), '--out', out]);
      expect(readFrameIndex(await decodeFileToGray(out))).toBe(index);
    }
    const hevc = await openGopEditListClip(store);
    for (const index of [3, 4, 5, 50]) {
      const out = join(dir, `hevc-${index}.jpg`);
      await cli(['frame', hevc.path, '--index', String(index), '--out', out]);
      expect(readFrameIndex(await decodeFileToGray(out))! - hevc.firstEmbeddedIndex).toBe(index);
    }
    const refused = join(dir, 'hevc-0.png');
    await expect(cli(['frame', hevc.path, '--index', '0', '--out', refused])).rejects.toMatchObject({ stderr: expect.stringMatching(/Frame 0 .* cannot be decoded/) });
    expect(existsSync(refused)).toBe(false);
  }, 120_000);
});
