import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMediaService, type MediaService } from '../../../main/media/media-service.ts';
import { resolveTool } from '../../../main/media/ffmpeg-path.ts';
import { probeMedia } from '../../../main/media/probe.ts';
import { writeStillFrame } from '../../../main/media/still-frame.ts';
import { decodeFileToGray, decodeToGray } from '../../fixtures/decode-images.ts';
import { type BandClips, bandLevels, hasLimitedRangeMarker, makeBandClips } from '../../fixtures/colour-bands.ts';

/**
 * Frames leave the engine as full-range JPEG however the source stores its levels: black is 0 and
 * white 255 in the browser, not the washed-out 16/235 of video range.
 */
let dir: string;
let media: MediaService;
let clips: BandClips;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'midstance-colour-'));
  clips = makeBandClips(dir);
  media = createMediaService({ settings: () => ({ ffmpegPath: null, ffprobePath: null, frameCacheMegabytes: 64 }), warm: false });
});

afterAll(async () => {
  await media.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('frames are full-range JPEG whatever the source range', () => {
  it.each(['limitedH264', 'fullMjpeg'] as const)('%s: black 0, gray 128, white 255 in the preview frame; no limited-range marker', async (name) => {
    const opened = await media.open({ path: clips[name] });
    const frame = await media.getFrame({ clipId: opened.mediaId, index: 3 });
    expect(hasLimitedRangeMarker(frame.data)).toBe(false);
    const size = media.session(opened.mediaId).previewSize;
    const [raster] = await decodeToGray([frame.data], size.width, size.height);
    const [black, gray, white] = bandLevels(raster!);
    expect(black).toBeLessThan(4);
    expect(Math.abs(gray - 128)).toBeLessThan(4);
    expect(white).toBeGreaterThan(251);
    await media.close(opened.mediaId);
  });

  it('a JPEG still has the same levels', async () => {
    const ffmpeg = await resolveTool('ffmpeg', { settingsFfmpeg: null, settingsFfprobe: null });
    const probe = await probeMedia(clips.limitedH264, { ffprobe: 'ffprobe' });
    const out = join(dir, 'still é.jpg');
    await writeStillFrame({ ffmpeg, probe, index: 5, outPath: out });
    expect(hasLimitedRangeMarker(readFileSync(out))).toBe(false);
    const [black, gray, white] = bandLevels(await decodeFileToGray(out));
    expect(black).toBeLessThan(4);
    expect(Math.abs(gray - 128)).toBeLessThan(4);
    expect(white).toBeGreaterThan(251);
  });
});
