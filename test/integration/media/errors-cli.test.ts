import { execFile } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveTool } from '../../../main/media/ffmpeg-path.ts';
import { type MediaService, createMediaService } from '../../../main/media/media-service.ts';
import { liveProcessCount, standbyProcessCount } from '../../../main/media/processes.ts';
import { createFixtureStore } from '../../fixtures/clips.ts';
import { decodeFileToGray } from '../../fixtures/decode-images.ts';
import { readFrameIndex } from '../../fixtures/frame-code.ts';

const run = promisify(execFile);
const store = createFixtureStore();
let dir: string;
let media: MediaService;
const settings = { ffmpegPath: null as string | null, ffprobePath: null as string | null, frameCacheMegabytes: 256 };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'midstance-media-errors-'));
  media = createMediaService({ settings: () => settings, warm: false });
  await Promise.all([store.clip('h264_bframes'), store.clip('rotated_90'), store.clip('edit_list'), store.clip('mjpeg_avi')]);
});
afterAll(async () => {
  await media.dispose();
  store.dispose();
  rmSync(dir, { recursive: true, force: true });
});

async function openError(path: string) {
  const started = Date.now();
  const error = await media.open({ path }).then(
    () => null,
    (caught: unknown) => caught as { code: string; message: string },
  );
  // Never a hang: every failure is quick.
  expect(Date.now() - started).toBeLessThan(10_000);
  return error;
}

describe('broken and unusual files give clear errors', () => {
  it('missing file', async () => {
    expect(await openError(join(dir, 'gone.mp4'))).toMatchObject({ code: 'media-missing', message: expect.stringContaining('gone.mp4') });
  });

  it('zero-byte file', async () => {
    const path = join(dir, 'empty.mp4');
    writeFileSync(path, '');
    expect(await openError(path)).toMatchObject({ code: 'media-unreadable', message: expect.stringContaining('empty') });
  });

  it('not a video', async () => {
    const path = join(dir, 'notes.mp4');
    writeFileSync(path, 'these are running notes, not a video\n'.repeat(50));
    expect(await openError(path)).toMatchObject({ code: 'media-unreadable', message: expect.stringContaining('not a video') });
  });

  it('truncated MP4 (index at the end is missing)', async () => {
    const path = join(dir, 'cut.mp4');
    copyFileSync((await store.clip('h264_bframes')).path, path);
    truncateSync(path, 60_000);
    expect(await openError(path)).toMatchObject({ code: 'media-unreadable', message: expect.stringContaining('incomplete') });
  });

  it('audio only', async () => {
    const path = join(dir, 'voice.m4a');
    await run('ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'sine=d=0.5', path]);
    expect(await openError(path)).toMatchObject({ code: 'media-unsupported', message: expect.stringContaining('no video') });
  });

  it('unsupported codec', async () => {
    const path = join(dir, 'odd-codec.avi');
    const bytes = readFileSync((await store.clip('mjpeg_avi')).path);
    // An AVI whose video four-character code no decoder knows.
    writeFileSync(path, Buffer.from(bytes.toString('latin1').replaceAll('MJPG', 'ZQXW'), 'latin1'));
    expect(await openError(path)).toMatchObject({ code: 'media-unsupported', message: expect.stringContaining('cannot decode') });
  });

  it('file changed while open', async () => {
    const path = join(dir, 'changing.mp4');
    copyFileSync((await store.clip('h264_bframes')).path, path);
    const opened = await media.open({ path });
    copyFileSync((await store.clip('rotated_90')).path, path);
    await expect(media.getFrame({ clipId: opened.mediaId, index: 100 })).rejects.toMatchObject({
      code: 'media-unreadable',
      message: expect.stringContaining('changed on disk'),
    });
    await media.close(opened.mediaId);
    // Clips still open in this file keep an idle standby decoder each; none is working.
    expect(liveProcessCount() - standbyProcessCount()).toBe(0);
  });

  it('unknown clip id and out-of-range frame', async () => {
    await expect(media.getFrame({ clipId: 'nonexistent123', index: 0 })).rejects.toMatchObject({ code: 'not-found' });
    const opened = await media.open({ path: (await store.clip('h264_bframes')).path });
    await expect(media.getFrame({ clipId: opened.mediaId, index: 120 })).rejects.toMatchObject({ code: 'not-found' });
    await media.close(opened.mediaId);
  });
});

describe('ffmpeg resolution', () => {
  it('a settings path that does not work, and no ffmpeg on PATH: ffmpeg-missing with a fix', async () => {
    const service = createMediaService({
      settings: () => ({ ffmpegPath: join(dir, 'no-ffmpeg'), ffprobePath: join(dir, 'no-ffprobe'), frameCacheMegabytes: 64 }),
      env: { PATH: dir },
    });
    const clip = await store.clip('h264_bframes');
    await expect(service.open({ path: clip.path })).rejects.toMatchObject({
      code: 'ffmpeg-missing',
      message: expect.stringMatching(/Install ffmpeg.*Settings/s),
    });
    const diagnostics = await service.diagnostics();
    expect(diagnostics).toMatchObject({ ok: false, ffmpeg: { path: null } });
    await service.dispose();
  });

  it.skipIf(process.platform === 'win32')('a too-old ffmpeg is refused; the environment variable is honoured', async () => {
    const bin = join(dir, 'bin');
    mkdirSync(bin, { recursive: true });
    const fake = join(bin, 'ffmpeg');
    writeFileSync(fake, '#!/bin/sh\necho "ffmpeg version 3.4.8 Copyright (c) 2000-2020"\n');
    chmodSync(fake, 0o755);
    await expect(resolveTool('ffmpeg', { settingsFfmpeg: null, settingsFfprobe: null, env: { PATH: bin }, bundledRoots: [] })).rejects.toMatchObject({
      code: 'ffmpeg-missing',
      message: expect.stringContaining('3.4.8'),
    });
    const viaEnv = createMediaService({
      settings: () => ({ ffmpegPath: null, ffprobePath: null, frameCacheMegabytes: 64 }),
      env: { PATH: bin, MIDSTANCE_FFMPEG: '/usr/bin/ffmpeg', MIDSTANCE_FFPROBE: '/usr/bin/ffprobe' },
    });
    const tools = await viaEnv.tools();
    expect(tools.ffmpeg).toMatchObject({ path: '/usr/bin/ffmpeg', source: 'environment' });
    await viaEnv.dispose();
  });
});

describe('CLI (node bin/midstance.js)', () => {
  const cli = (args: string[]) => run(process.execPath, ['bin/midstance.js', ...args], { maxBuffer: 64 * 1024 * 1024 });

  it('probe --json: frame count, upright size, rotation, rates and every frame', async () => {
    const folder = join(dir, 'mappe é 中文');
    mkdirSync(folder, { recursive: true });
    const path = join(folder, 'zijaanzicht ü.mp4');
    copyFileSync((await store.clip('rotated_90')).path, path);
    const { stdout } = await cli(['probe', path, '--json']);
    const probe = JSON.parse(stdout);
    expect(probe).toMatchObject({ frameCount: 60, width: 360, height: 640, rotation: 90, fileFps: 60, captureFps: 60 });
    expect(probe.frames).toHaveLength(60);
    expect(probe.frames[30]).toEqual({ index: 30, time: 0.5, keyframe: true });
    const text = await cli(['probe', path]);
    expect(text.stdout).toContain('360×640');
  });

  it('probe of a trimmed clip lists only shown frames', async () => {
    const { stdout } = await cli(['probe', (await store.clip('edit_list')).path, '--json']);
    const probe = JSON.parse(stdout);
    expect(probe.frameCount).toBe(100);
    expect(probe.editList).toBe(true);
    expect(probe.frames[0].time).toBeCloseTo(0, 5);
  });

  it('frame writes exactly frame N, upright, full size or --width', async () => {
    const clip = await store.clip('rotated_90');
    const full = join(dir, 'frame 41.png');
    await cli(['frame', clip.path, '--index', '41', '--out', full]);
    const raster = await decodeFileToGray(full);
    expect([raster.width, raster.height]).toEqual([360, 640]);
    expect(readFrameIndex(raster, 90)).toBe(41);
    const trimmed = await store.clip('edit_list');
    const small = join(dir, 'frame 7 small.png');
    await cli(['frame', trimmed.path, '--index', '7', '--out', small, '--width', '320']);
    const smallRaster = await decodeFileToGray(small);
    expect([smallRaster.width, smallRaster.height]).toEqual([320, 180]);
    expect(readFrameIndex(smallRaster)).toBe(7 + trimmed.firstEmbeddedIndex);
  });

  it('errors are one clear line and a non-zero exit', async () => {
    const failure = await cli(['frame', join(dir, 'gone.mp4'), '--index', '1', '--out', join(dir, 'x.png')]).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr.trim().split('\n')).toHaveLength(1);
    expect(failure?.stderr).toContain('was not found');
    const outOfRange = await cli(['frame', (await store.clip('rotated_90')).path, '--index', '60', '--out', join(dir, 'y.png')]).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(outOfRange?.stderr).toContain('0–59');
  });
});
