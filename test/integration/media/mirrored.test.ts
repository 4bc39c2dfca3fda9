import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedMedia } from '../../../common/contract/media.ts';
import { type MediaService, createMediaService } from '../../../main/media/media-service.ts';
import { type ClipName, createFixtureStore } from '../../fixtures/clips.ts';
import { decodeFileToGray } from '../../fixtures/decode-images.ts';
import { readFrameIndex } from '../../fixtures/frame-code.ts';
import { engineRasters } from '../../support/engine-frames.ts';

/**
 * Mirrored display matrices (front-camera recordings; ffmpeg 6+ -display_hflip): the engine shows
 * the picture turned and then mirrored, as players do. The fixtures carry a hand-written tkhd
 * matrix, since the local ffmpeg 5.1 cannot write one.
 */
const run = promisify(execFile);
const store = createFixtureStore();
const settings = { ffmpegPath: null, ffprobePath: null, frameCacheMegabytes: 128 };
let media: MediaService;
let dir: string;

const cases: { name: ClipName; rotation: 0 | 90; ffprobeRotation: number; width: number; height: number }[] = [
  { name: 'mirrored', rotation: 0, ffprobeRotation: -180, width: 640, height: 360 },
  { name: 'mirrored_rotated_90', rotation: 90, ffprobeRotation: -90, width: 360, height: 640 },
];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'midstance-mirrored-'));
  media = createMediaService({ settings: () => settings, warm: false });
  await Promise.all(cases.map(({ name }) => store.clip(name)));
});
afterAll(async () => {
  await media.dispose();
  store.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** Indices whose 18-bit code is no palindrome: a missed mirror reads them as another number (1 as 2^17). */
const NOT_PALINDROMES = [1, 3, 6, 29, 41, 58];

const engineFrames = (opened: OpenedMedia, indices: number[], width?: number) => engineRasters(media, opened.mediaId, indices, width);

describe.each(cases)('$name', ({ name, rotation, ffprobeRotation, width, height }) => {
  it('ffprobe 5.1 reports the display matrix, with a rotation that alone would mislead', async () => {
    const clip = await store.clip(name);
    const json = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'stream_side_data', '-of', 'json', clip.path]).toString());
    const side = json.streams[0].side_data_list[0];
    expect(side.side_data_type).toBe('Display Matrix');
    expect(side.displaymatrix).toMatch(/^\n00000000:/);
    expect(side.rotation).toBe(ffprobeRotation);
  });

  it("ffmpeg's own autorotate (the reference) shows frames that read only when mirrored", async () => {
    const clip = await store.clip(name);
    const out = join(dir, `${name}-reference.png`);
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', clip.path, '-vf', "select='eq(n\\,41)'", '-frames:v', '1', out]);
    const raster = await decodeFileToGray(out);
    expect([raster.width, raster.height]).toEqual([width, height]);
    expect(readFrameIndex(raster, rotation, true)).toBe(41);
    expect(readFrameIndex(raster, rotation, false)).not.toBe(41);
  });

  it('engine: orientation reported, exact frames mirrored at preview and full size', async () => {
    const clip = await store.clip(name);
    const opened = await media.open({ path: clip.path });
    expect(opened.info).toMatchObject({ rotation, mirrored: true, width, height, codedWidth: 640, codedHeight: 360 });
    expect(opened.warnings.map((warning) => warning.code)).toContain('mirrored');
    const wanted = [...NOT_PALINDROMES, 30, 29, 28];
    const previews = await engineFrames(opened, wanted);
    expect(previews.map((raster) => readFrameIndex(raster, rotation, true))).toEqual(wanted);
    // Orientation-sensitive: the same frames read un-mirrored give other numbers.
    for (const [i, raster] of previews.entries()) {
      if (NOT_PALINDROMES.includes(wanted[i]!)) expect(readFrameIndex(raster, rotation, false)).not.toBe(wanted[i]);
    }
    const full = await engineFrames(opened, [41, 6], 4000);
    expect([full[0]!.width, full[0]!.height]).toEqual([width, height]);
    expect(full.map((raster) => readFrameIndex(raster, rotation, true))).toEqual([41, 6]);
    await media.close(opened.mediaId);
  });

  it('CLI: probe --json says mirrored, frame writes exactly frame N mirrored', async () => {
    const clip = await store.clip(name);
    const cli = (args: string[]) => run(process.execPath, ['bin/midstance.js', ...args], { maxBuffer: 64 * 1024 * 1024 });
    const probe = JSON.parse((await cli(['probe', clip.path, '--json'])).stdout);
    expect(probe).toMatchObject({ rotation, mirrored: true, width, height });
    expect((await cli(['probe', clip.path])).stdout).toContain('mirrored left–right');
    const out = join(dir, `${name} frame 41.png`);
    await cli(['frame', clip.path, '--index', '41', '--out', out]);
    const raster = await decodeFileToGray(out);
    expect([raster.width, raster.height]).toEqual([width, height]);
    expect(readFrameIndex(raster, rotation, true)).toBe(41);
    expect(readFrameIndex(raster, rotation, false)).not.toBe(41);
  });
});
