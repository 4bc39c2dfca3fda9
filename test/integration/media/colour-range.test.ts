import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMediaService, type MediaService } from '../../../main/media/media-service.ts';
import { resolveTool } from '../../../main/media/ffmpeg-path.ts';
import { probeMedia } from '../../../main/media/probe.ts';
import { writeStillFrame } from '../../../main/media/still-frame.ts';
import { decodeFileToGray, decodeToGray } from '../../fixtures/decode-images.ts';
import type { Raster } from '../../fixtures/frame-code.ts';

/**
 * Frames leave the engine as full-range JPEG however the source stores its levels: black is 0 and
 * white 255 in the browser, not the washed-out 16/235 of video range. Three bands of known level:
 * black, mid-gray (0x80) and white.
 */
const WIDTH = 480;
const HEIGHT = 240;
const bands = `color=c=black:s=${WIDTH}x${HEIGHT}:r=30:d=0.5,drawbox=x=160:y=0:w=160:h=${HEIGHT}:color=0x808080:t=fill,drawbox=x=320:y=0:w=160:h=${HEIGHT}:color=white:t=fill`;

let dir: string;
let media: MediaService;
const clips: Record<string, string> = {};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'midstance-colour-'));
  clips.limitedH264 = join(dir, 'limited.mp4');
  execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', bands, '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-color_range', 'tv', clips.limitedH264]);
  clips.fullMjpeg = join(dir, 'full.avi');
  execFileSync('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', bands, '-c:v', 'mjpeg', '-pix_fmt', 'yuvj422p', '-q:v', '2', clips.fullMjpeg]);
  media = createMediaService({ settings: () => ({ ffmpegPath: null, ffprobePath: null, frameCacheMegabytes: 64 }), warm: false });
});

afterAll(async () => {
  await media.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** Mean level of the middle of each band (away from edges and chroma bleeding). */
function bandLevels(raster: Raster): [number, number, number] {
  const bandWidth = raster.width / 3;
  const level = (band: number) => {
    let sum = 0;
    let count = 0;
    for (let y = Math.floor(raster.height * 0.25); y < raster.height * 0.75; y += 1) {
      for (let x = Math.floor(bandWidth * (band + 0.25)); x < bandWidth * (band + 0.75); x += 1) {
        sum += raster.data[y * raster.width + x]!;
        count += 1;
      }
    }
    return sum / count;
  };
  return [level(0), level(1), level(2)];
}

const asText = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

describe('frames are full-range JPEG whatever the source range', () => {
  it.each(['limitedH264', 'fullMjpeg'])('%s: black 0, gray 128, white 255 in the preview frame; no limited-range marker', async (name) => {
    const opened = await media.open({ path: clips[name]! });
    const frame = await media.getFrame({ clipId: opened.mediaId, index: 3 });
    // ffmpeg would read a "CS=ITU601" comment as limited range, unlike a browser: none is written.
    expect(asText(frame.data)).not.toContain('CS=ITU601');
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
    const probe = await probeMedia(clips.limitedH264!, { ffprobe: 'ffprobe' });
    const out = join(dir, 'still é.jpg');
    await writeStillFrame({ ffmpeg, probe, index: 5, outPath: out });
    expect(asText(readFileSync(out))).not.toContain('CS=ITU601');
    const [black, gray, white] = bandLevels(await decodeFileToGray(out));
    expect(black).toBeLessThan(4);
    expect(Math.abs(gray - 128)).toBeLessThan(4);
    expect(white).toBeGreaterThan(251);
  });
});
