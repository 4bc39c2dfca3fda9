import { execFile } from 'node:child_process';
import { accessSync, chmodSync, constants, copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MediaService, createMediaService } from '../../../main/media/media-service.ts';
import { probeMedia } from '../../../main/media/probe.ts';
import { writeStillFrame } from '../../../main/media/still-frame.ts';
import { type ClipName, createFixtureStore } from '../../fixtures/clips.ts';
import { bandLevels, hasLimitedRangeMarker, makeBandClips } from '../../fixtures/colour-bands.ts';
import { decodeFileToGray, decodeToGray } from '../../fixtures/decode-images.ts';
import { readFrameIndex } from '../../fixtures/frame-code.ts';
import { SLOW_MOTION_RECORDING, TRIMMED_NORMAL_SLOW_NORMAL, withTimeScaledEdits } from '../../fixtures/quicktime-slowmo.ts';
import { engineIndices } from '../../support/engine-frames.ts';

/**
 * The engine with the static ffmpeg 4.1 of @ffmpeg-installer/ffmpeg (a git snapshot of December
 * 2018 that calls itself "N-47683-…") and the ffprobe of @ffprobe-installer/ffprobe (6.0-era),
 * both test-only devDependencies. Fixtures are still made, and frames still read back, with the
 * system ffmpeg: only the engine under test uses the old one.
 */

const run = promisify(execFile);

/** The installer's binary for this platform, or null when npm did not install one here. */
function installerBinary(meta: '@ffmpeg-installer/ffmpeg' | '@ffprobe-installer/ffprobe'): string | null {
  try {
    return (createRequire(import.meta.url)(meta) as { path: string }).path;
  } catch {
    return null;
  }
}

const installed = { ffmpeg: installerBinary('@ffmpeg-installer/ffmpeg'), ffprobe: installerBinary('@ffprobe-installer/ffprobe') };
const missing = !installed.ffmpeg || !installed.ffprobe;

const title = missing
  ? `media engine with ffmpeg 4.1: skipped, @ffmpeg-installer / @ffprobe-installer has no binary installed for ${process.platform}-${process.arch}`
  : 'media engine with the npm-installed ffmpeg 4.1 and ffprobe';

describe.skipIf(missing)(title, () => {
  const store = createFixtureStore();
  let dir: string;
  const tools = { ffmpeg: '', ffprobe: '' };
  let settings: { ffmpegPath: string; ffprobePath: string; frameCacheMegabytes: number };
  let media: MediaService;
  const cases: ClipName[] = ['h264_1080p240', 'h264_bframes', 'hevc', 'hevc_10bit', 'vfr', 'rotated_90', 'start_offset_mkv', 'edit_list', 'mjpeg_avi', 'vp9_mkv', 'av1_mkv'];

  /** The package's postinstall (chmod u+x) runs only when allowScripts lists it: use an executable copy. */
  function executable(path: string): string {
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      const copy = join(dir, basename(path));
      copyFileSync(path, copy);
      chmodSync(copy, 0o755);
      return copy;
    }
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'midstance-ffmpeg41-'));
    tools.ffmpeg = executable(installed.ffmpeg!);
    tools.ffprobe = executable(installed.ffprobe!);
    settings = { ffmpegPath: tools.ffmpeg, ffprobePath: tools.ffprobe, frameCacheMegabytes: 512 };
    media = createMediaService({ settings: () => settings, warm: false });
    await Promise.all(cases.map((name) => store.clip(name)));
  });
  afterAll(async () => {
    await media?.dispose();
    store.dispose();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  let decoders: Promise<string> | null = null;
  async function hasDecoderFor(codec: string): Promise<boolean> {
    decoders ??= run(tools.ffmpeg, ['-hide_banner', '-decoders']).then((result) => result.stdout);
    const listing = await decoders;
    const names = codec === 'av1' ? ['av1', 'libaom-av1', 'libdav1d'] : [codec];
    return names.some((name) => new RegExp(`^\\s*V\\S*\\s+${name}\\s`, 'm').test(listing));
  }


  it('the settings paths win; the snapshot is recognised as 4.1 by its library versions; About shows it', async () => {
    const resolved = await media.tools();
    expect(resolved.ffmpeg).toMatchObject({ path: tools.ffmpeg, source: 'settings' });
    expect(resolved.ffprobe).toMatchObject({ path: tools.ffprobe, source: 'settings' });
    if (process.platform === 'linux' && process.arch === 'x64') {
      expect(resolved.ffmpeg.parsed).toEqual({ major: 4, minor: 1 });
      expect(resolved.ffmpeg.version).toBe('N-47683-g0e8eb07980-static (git snapshot after FFmpeg 4.1, libavcodec 58.42)');
    }
    const diagnostics = await media.diagnostics();
    expect(diagnostics).toMatchObject({ ok: true, problem: null, ffmpeg: { path: tools.ffmpeg, version: resolved.ffmpeg.version, source: 'settings' } });
    expect(diagnostics.decoder).toContain(resolved.ffmpeg.version);
  });


  it.each(cases)('%s: exact frames for random access, forward and backward steps, across keyframes', async (name) => {
    const clip = await store.clip(name);
    if (!(await hasDecoderFor(clip.spec.codec))) {
      // Builds of other platforms may lack one (the linux-x64 build has VP9 and libaom AV1).
      await expect(media.open({ path: clip.path })).rejects.toMatchObject({ code: 'media-unsupported', message: expect.stringContaining('cannot decode') });
      return;
    }
    const opened = await media.open({ path: clip.path });
    expect(opened.info.frameCount).toBe(clip.frameCount);
    const n = opened.info.frameCount;
    const keyframe = opened.frames.keyframes.find((k) => k > 2) ?? Math.floor(n / 2);
    const random = [Math.floor(n * 0.61), Math.floor(n * 0.13), n - 1, Math.floor(n * 0.87), 1, Math.floor(n * 0.42)];
    const forward = [keyframe - 2, keyframe - 1, keyframe, keyframe + 1];
    const backward = [n - 2, n - 3, keyframe + 1, keyframe, keyframe - 1, 0];
    const wanted = [...random, ...forward, ...backward].filter((i) => i >= 0 && i < n);
    expect(await engineIndices(media, opened, wanted)).toEqual(wanted.map((i) => i + clip.firstEmbeddedIndex));
    await media.close(opened.mediaId);
  });

  it('a QuickTime file with time-scaled edits is read with the edit list ignored: exact frames, no standby process (4.1 concat scripts have no option lines)', async () => {
    const path = join(dir, 'slow motion é.MOV');
    await withTimeScaledEdits((await store.clip(SLOW_MOTION_RECORDING)).path, path, TRIMMED_NORMAL_SLOW_NORMAL);
    const opened = await media.open({ path });
    try {
      expect(opened.info.frameCount).toBe(SLOW_MOTION_RECORDING.frames);
      expect(opened.warnings.map((warning) => warning.code)).toEqual(['time-scaled-edits']);
      expect(media.session(opened.mediaId).standbyCount()).toBe(0);
      const wanted = [230, 170, 100, 30, 121, 120, 119, 0, 239];
      expect(await engineIndices(media, opened, wanted)).toEqual(wanted);
      expect(media.session(opened.mediaId).standbyCount()).toBe(0);
    } finally {
      await media.close(opened.mediaId);
    }
    const env = { ...process.env, PATH: dir, MIDSTANCE_HOME: join(dir, 'home'), MIDSTANCE_FFMPEG: tools.ffmpeg, MIDSTANCE_FFPROBE: tools.ffprobe };
    const out = join(dir, 'slow motion frame 23.png');
    await run(process.execPath, ['bin/midstance.js', 'frame', path, '--index', '23', '--out', out], { env });
    expect(readFrameIndex(await decodeFileToGray(out))).toBe(23);
  });

  it('warm-up completes; afterwards every frame is a cache hit with the right index', async () => {
    const warm = createMediaService({ settings: () => settings });
    try {
      const clip = await store.clip('h264_bframes');
      const opened = await warm.open({ path: clip.path });
      const deadline = Date.now() + 30_000;
      while (!warm.warmStatus(opened.mediaId).complete && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      expect(warm.warmStatus(opened.mediaId)).toMatchObject({ complete: true, mode: 'all', cachedFrames: clip.frameCount });
      const session = warm.session(opened.mediaId);
      const all = Array.from({ length: clip.frameCount }, (_, i) => i);
      for (const index of all) expect(session.isCached(index, 'preview')).toBe(true);
      expect(await engineIndices(warm, opened, all)).toEqual(all);
    } finally {
      await warm.dispose();
    }
  });

  it('a standby process (concat demuxer on stdin) serves cold frames exactly and is replaced', async () => {
    const service = createMediaService({ settings: () => settings, warm: false });
    try {
      const opened = await service.open({ path: (await store.clip('h264_1080p240')).path });
      const session = service.session(opened.mediaId);
      expect(session.standbyCount()).toBe(1);
      const wanted = [237, 200, 150];
      const images: Uint8Array[] = [];
      for (const index of wanted) {
        const frame = service.getFrame({ clipId: opened.mediaId, index });
        expect(session.standbyCount()).toBe(0);
        images.push((await frame).data);
        // Replaced once the wanted frame was out — which a standby that failed would not be.
        expect(session.standbyCount()).toBe(1);
      }
      const rasters = await decodeToGray(images, session.previewSize.width, session.previewSize.height);
      expect(rasters.map((raster) => readFrameIndex(raster))).toEqual(wanted);
    } finally {
      await service.dispose();
    }
  });

  it('CLI: frame writes exactly frame N with MIDSTANCE_FFMPEG / MIDSTANCE_FFPROBE (no ffmpeg on PATH)', async () => {
    const env = { ...process.env, PATH: dir, MIDSTANCE_HOME: join(dir, 'home'), MIDSTANCE_FFMPEG: tools.ffmpeg, MIDSTANCE_FFPROBE: tools.ffprobe };
    const cli = (args: string[]) => run(process.execPath, ['bin/midstance.js', ...args], { env, maxBuffer: 16 * 1024 * 1024 });
    const rotated = await store.clip('rotated_90');
    const upright = join(dir, 'frame 41 é.png');
    await cli(['frame', rotated.path, '--index', '41', '--out', upright]);
    const raster = await decodeFileToGray(upright);
    expect([raster.width, raster.height]).toEqual([360, 640]);
    expect(readFrameIndex(raster, 90)).toBe(41);
    const trimmed = await store.clip('edit_list');
    const small = join(dir, 'frame 7.png');
    await cli(['frame', trimmed.path, '--index', '7', '--out', small, '--width', '320']);
    const smallRaster = await decodeFileToGray(small);
    expect([smallRaster.width, smallRaster.height]).toEqual([320, 180]);
    expect(readFrameIndex(smallRaster)).toBe(7 + trimmed.firstEmbeddedIndex);
  });

  describe('colour levels: full-range JPEG, no "CS=ITU601" marker', () => {
    let bands: ReturnType<typeof makeBandClips>;
    beforeAll(() => {
      bands = makeBandClips(dir);
    });

    const expectFullRange = (levels: [number, number, number]) => {
      const [black, gray, white] = levels;
      expect(black).toBeLessThan(4);
      expect(Math.abs(gray - 128)).toBeLessThan(4);
      expect(white).toBeGreaterThan(251);
    };

    it.each(['limitedH264', 'fullMjpeg'] as const)('%s preview frame', async (name) => {
      const opened = await media.open({ path: bands[name] });
      const frame = await media.getFrame({ clipId: opened.mediaId, index: 3 });
      expect(hasLimitedRangeMarker(frame.data)).toBe(false);
      const size = media.session(opened.mediaId).previewSize;
      const [raster] = await decodeToGray([frame.data], size.width, size.height);
      expectFullRange(bandLevels(raster!));
      await media.close(opened.mediaId);
    });

    it('JPEG still', async () => {
      const { ffmpeg } = await media.tools();
      const probe = await probeMedia(bands.limitedH264, { ffprobe: tools.ffprobe });
      const out = join(dir, 'still.jpg');
      await writeStillFrame({ ffmpeg, probe, index: 5, outPath: out });
      expect(hasLimitedRangeMarker(readFileSync(out))).toBe(false);
      expectFullRange(bandLevels(await decodeFileToGray(out)));
    });
  });
});
