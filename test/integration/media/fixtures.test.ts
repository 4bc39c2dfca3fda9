import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ClipName, createFixtureStore } from '../../fixtures/clips.ts';
import { readFrameIndex } from '../../fixtures/frame-code.ts';

/**
 * The generator and the reader agree with plain ffmpeg (the reference decoder), so the
 * engine's tests can trust the embedded index. Kept small: these clips are shared with nothing.
 */
const store = createFixtureStore();
afterAll(() => store.dispose());

function decodeAllGray(path: string, width: number): { data: Uint8Array; width: number; height: number }[] {
  // Scale to 320 px wide on purpose: the code must survive heavy downscaling.
  const rotatedSize = execFileSync('ffmpeg', ['-v', 'error', '-i', path, '-frames:v', '1', '-vf', `scale=${width}:-2`, '-f', 'rawvideo', '-pix_fmt', 'gray', '-'])
    .byteLength;
  const height = rotatedSize / width;
  const raw = execFileSync('ffmpeg', ['-v', 'quiet', '-i', path, '-vf', `scale=${width}:-2`, '-fps_mode', 'passthrough', '-f', 'rawvideo', '-pix_fmt', 'gray', '-'], {
    maxBuffer: 512 * 1024 * 1024,
  });
  const frames = [];
  for (let offset = 0; offset + rotatedSize <= raw.byteLength; offset += rotatedSize) {
    frames.push({ data: raw.subarray(offset, offset + rotatedSize), width, height });
  }
  return frames;
}

describe('fixture clips', () => {
  const cases: [ClipName, number][] = [
    ['h264_bframes', 0],
    ['hevc_10bit', 0],
    ['vfr', 0],
    ['rotated_90', 90],
    ['edit_list', 0],
  ];
  beforeAll(async () => {
    await Promise.all(cases.map(([name]) => store.clip(name)));
  });

  it.each(cases)('%s: ffmpeg decodes frames whose embedded index counts up from the first shown frame', async (name, rotation) => {
    const clip = await store.clip(name);
    const frames = decodeAllGray(clip.path, rotation % 180 === 0 ? 320 : 180);
    expect(frames.length).toBe(clip.frameCount);
    const indices = frames.map((frame) => readFrameIndex({ ...frame, channels: 1 }, rotation));
    expect(indices).toEqual(frames.map((_, i) => clip.firstEmbeddedIndex + i));
  });

  it('the rotated clip only reads correctly with its own rotation (reader is orientation-sensitive)', async () => {
    const clip = await store.clip('rotated_90');
    const [first] = decodeAllGray(clip.path, 180);
    expect(first!.height).toBeGreaterThan(first!.width);
    expect(readFrameIndex({ ...first!, channels: 1 }, 270)).toBeNull();
    const side = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'stream_side_data=rotation', '-of', 'json', clip.path]).toString());
    // ffprobe reports the display matrix counter-clockwise: -90 is a clockwise quarter turn.
    expect(side.streams[0].side_data_list[0].rotation).toBe(-90);
  });
});
