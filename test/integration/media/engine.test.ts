import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedMedia } from '../../../common/contract/media.ts';
import { captureSecondsBetween } from '../../../common/media-time.ts';
import { createCore } from '../../../main/core/create-core.ts';
import { dispatch } from '../../../main/core/dispatch.ts';
import type { Core } from '../../../main/core/types.ts';
import { type MediaService, createMediaService } from '../../../main/media/media-service.ts';
import { liveProcessCount, pausedProcessCount, standbyProcessCount } from '../../../main/media/processes.ts';
import { startBrowserServer } from '../../../main/server/browser-server.ts';
import { type ClipName, CLIPS, createFixtureStore, vfrFrameTimes } from '../../fixtures/clips.ts';
import { decodeToGray } from '../../fixtures/decode-images.ts';
import { readFrameIndex } from '../../fixtures/frame-code.ts';
import { engineIndices } from '../../support/engine-frames.ts';

const store = createFixtureStore();
const settings = { ffmpegPath: null, ffprobePath: null, frameCacheMegabytes: 512 };
let media: MediaService;

beforeAll(async () => {
  media = createMediaService({ settings: () => settings, warm: false });
  await Promise.all((['h264_1080p240', 'h264_bframes', 'hevc', 'hevc_10bit', 'vfr', 'rotated_90', 'start_offset_mkv', 'edit_list', 'slowmo_android', 'mjpeg_avi'] as ClipName[]).map((name) => store.clip(name)));
});
afterAll(async () => {
  await media.dispose();
  store.dispose();
});

const embeddedIndices = (opened: OpenedMedia, indices: number[], width?: number) => engineIndices(media, opened, indices, width);

function shuffled(count: number, take: number, seed: number): number[] {
  const all = Array.from({ length: count }, (_, i) => i);
  let state = seed;
  for (let i = all.length - 1; i > 0; i -= 1) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all.slice(0, take);
}

describe('exact frames by index (cold cache, no warm-up)', () => {
  const cases: ClipName[] = ['h264_1080p240', 'h264_bframes', 'hevc', 'hevc_10bit', 'vfr', 'rotated_90', 'start_offset_mkv', 'edit_list', 'slowmo_android', 'mjpeg_avi', 'vp9_mkv', 'av1_mkv'];

  it.each(cases)('%s: random access, forward and backward steps, across keyframes', async (name) => {
    const clip = await store.clip(name);
    const opened = await media.open({ path: clip.path });
    expect(opened.info.frameCount).toBe(clip.frameCount);
    const n = opened.info.frameCount;
    const keyframe = opened.frames.keyframes.find((k) => k > 2) ?? Math.floor(n / 2);
    const random = shuffled(n, 6, 7);
    const forward = [keyframe - 2, keyframe - 1, keyframe, keyframe + 1];
    const backward = [n - 1, n - 2, n - 3, keyframe + 1, keyframe, keyframe - 1];
    const wanted = [...random, ...forward, ...backward].filter((i) => i >= 0 && i < n);
    const got = await embeddedIndices(opened, wanted);
    expect(got).toEqual(wanted.map((i) => i + clip.firstEmbeddedIndex));
    await media.close(opened.mediaId);
  });

  it('full resolution on demand is the same frame at the display size', async () => {
    const clip = await store.clip('rotated_90');
    const opened = await media.open({ path: clip.path });
    const session = media.session(opened.mediaId);
    expect(session.variantFor(4000)).toBe('full');
    expect(session.sizeOf('full')).toEqual({ width: 360, height: 640 });
    expect(await embeddedIndices(opened, [41, 3], 4000)).toEqual([41, 3]);
    await media.close(opened.mediaId);
  });
});

describe('frame table and clip facts', () => {
  it('VFR: frame times are the file’s own, not index / fps, and irregular timing is reported', async () => {
    const clip = await store.clip('vfr');
    const opened = await media.open({ path: clip.path });
    const expected = vfrFrameTimes(CLIPS.vfr);
    opened.frames.times.forEach((time, i) => expect(time).toBeCloseTo(expected[i]!, 4));
    expect(opened.info.timing.irregular).toBe(true);
    expect(opened.warnings.map((w) => w.code)).toContain('irregular-timing');
    await media.close(opened.mediaId);
  });

  it('rotation: display size is upright and the rotation reported', async () => {
    const opened = await media.open({ path: (await store.clip('rotated_90')).path });
    expect(opened.info).toMatchObject({ rotation: 90, width: 360, height: 640, codedWidth: 640, codedHeight: 360 });
    await media.close(opened.mediaId);
  });

  it('edit list: starts where the trim says, hidden frames are not in the table', async () => {
    const clip = await store.clip('edit_list');
    const opened = await media.open({ path: clip.path });
    expect(opened.info.editList).toBe(true);
    expect(opened.info.frameCount).toBe(CLIPS.edit_list.frames - CLIPS.edit_list.trimFrames);
    expect(opened.frames.times[0]).toBeCloseTo(0, 5);
    await media.close(opened.mediaId);
  });

  it('non-zero start time is kept on the file timeline', async () => {
    const opened = await media.open({ path: (await store.clip('start_offset_mkv')).path });
    expect(opened.info.startTime).toBeCloseTo(10, 3);
    expect(opened.frames.times[1]! - opened.frames.times[0]!).toBeCloseTo(0.02, 3);
    await media.close(opened.mediaId);
  });

  it('slow motion: Android capture rate is detected, real time is file time / 8, user override wins', async () => {
    const opened = await media.open({ path: (await store.clip('slowmo_android')).path });
    expect(opened.info).toMatchObject({ fileFps: 30, captureFps: 240, captureFpsSource: 'android-metadata' });
    expect(captureSecondsBetween(opened.frames, opened.info, 0, 24)).toBeCloseTo(0.1, 6);
    expect(media.frameInfo(opened.mediaId, 24).captureTime).toBeCloseTo(0.1, 6);
    const changed = media.setCaptureFps(opened.mediaId, 120);
    expect(changed.info).toMatchObject({ captureFps: 120, captureFpsSource: 'user' });
    expect(media.frameInfo(opened.mediaId, 24).captureTime).toBeCloseTo(0.2, 6);
    await media.close(opened.mediaId);
  });

  it('B-frames and HEVC 10-bit are described', async () => {
    const hevc = await media.open({ path: (await store.clip('hevc_10bit')).path });
    expect(hevc.info).toMatchObject({ codec: 'hevc', bitDepth: 10, fileFps: 60 });
    await media.close(hevc.mediaId);
  });
});

describe('warm-up, cache bound, cancellation, processes', () => {
  it('warms the whole clip; afterwards every frame is a cache hit with the right index', async () => {
    const warm = createMediaService({ settings: () => settings });
    try {
      const clip = await store.clip('h264_bframes');
      const opened = await warm.open({ path: clip.path });
      const deadline = Date.now() + 60_000;
      while (!warm.warmStatus(opened.mediaId).complete && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      const status = warm.warmStatus(opened.mediaId);
      expect(status).toMatchObject({ complete: true, mode: 'all', cachedFrames: clip.frameCount });
      const session = warm.session(opened.mediaId);
      const images = [];
      for (let i = 0; i < clip.frameCount; i += 1) {
        expect(session.isCached(i, 'preview')).toBe(true);
        images.push((await warm.getFrame({ clipId: opened.mediaId, index: i })).data);
      }
      const rasters = await decodeToGray(images, session.previewSize.width, session.previewSize.height);
      expect(rasters.map((r) => readFrameIndex(r))).toEqual(images.map((_, i) => i));
    } finally {
      await warm.dispose();
    }
  }, 120_000);

  it('without a disk spill: keeps the cache within its bound and warms a window around the current frame when the clip does not fit', async () => {
    const tight = { ...settings, frameCacheMegabytes: 4 };
    const small = createMediaService({ settings: () => tight, spill: false });
    try {
      const clip = await store.clip('h264_1080p240');
      const opened = await small.open({ path: clip.path });
      await small.getFrame({ clipId: opened.mediaId, index: 200 });
      const deadline = Date.now() + 60_000;
      while (!small.warmStatus(opened.mediaId).complete && Date.now() < deadline) {
        await small.getFrame({ clipId: opened.mediaId, index: 200 });
        await new Promise((r) => setTimeout(r, 50));
      }
      const status = small.warmStatus(opened.mediaId);
      expect(status.mode).toBe('window');
      expect(status.complete).toBe(true);
      expect(status.targetFrames).toBeLessThan(clip.frameCount);
      expect(small.cache.peakBytes).toBeLessThanOrEqual(4 * 1024 * 1024);
      expect(small.session(opened.mediaId).isCached(200, 'preview')).toBe(true);
    } finally {
      await small.dispose();
    }
  }, 240_000);

  it('two clips open at once (compare) share the warm-up budget: each warms a window half the size and both fit together', async () => {
    const tight = { ...settings, frameCacheMegabytes: 4 };
    const small = createMediaService({ settings: () => tight, spill: false });
    const warmAround = async (mediaId: string, index: number) => {
      const deadline = Date.now() + 60_000;
      while (!small.warmStatus(mediaId).complete && Date.now() < deadline) {
        await small.getFrame({ clipId: mediaId, index });
        await new Promise((r) => setTimeout(r, 50));
      }
      return small.warmStatus(mediaId);
    };
    try {
      const clip = await store.clip('h264_1080p240');
      const first = await small.open({ path: clip.path });
      const alone = await warmAround(first.mediaId, 200);
      expect(alone.mode).toBe('window');
      const second = await small.open({ path: clip.path });
      const [a, b] = [await warmAround(first.mediaId, 200), await warmAround(second.mediaId, 40)];
      expect(a.complete && b.complete).toBe(true);
      expect(a.targetFrames).toBeLessThanOrEqual(Math.ceil(alone.targetFrames * 0.6));
      expect(b.targetFrames).toBeLessThanOrEqual(Math.ceil(alone.targetFrames * 0.6));
      // Both windows fit together: with the first warmed again, the second is still all there.
      expect((await warmAround(first.mediaId, 200)).complete).toBe(true);
      // (Under load the second's last warm-up batch can still be landing: give it a moment, without asking it for frames.)
      for (let waited = 0; !small.warmStatus(second.mediaId).complete && waited < 20_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
      expect(small.warmStatus(second.mediaId).complete).toBe(true);
      expect(small.session(first.mediaId).isCached(200, 'preview')).toBe(true);
      expect(small.session(second.mediaId).isCached(40, 'preview')).toBe(true);
      expect(small.cache.peakBytes).toBeLessThanOrEqual(4 * 1024 * 1024);
      // Closing one gives the other the whole budget again.
      await small.close(second.mediaId);
      const back = await warmAround(first.mediaId, 200);
      expect(back.targetFrames).toBeGreaterThan(a.targetFrames);
    } finally {
      await small.dispose();
    }
  }, 240_000);

  it('an aborted request kills its decoder; close and dispose leave no process behind', async () => {
    const service = createMediaService({ settings: () => settings, warm: false });
    const clip = await store.clip('h264_1080p240');
    const opened = await service.open({ path: clip.path });
    const session = service.session(opened.mediaId);
    // Other services of this file keep standby processes of their own: count working ones.
    const working = () => liveProcessCount() - standbyProcessCount();
    const controller = new AbortController();
    const pending = service.getFrame({ clipId: opened.mediaId, index: 239 }, controller.signal);
    await new Promise((r) => setTimeout(r, 20));
    expect(working()).toBeGreaterThan(0);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    const deadline = Date.now() + 20_000;
    while (working() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(working()).toBe(0);
    session.setWarm(true);
    await new Promise((r) => setTimeout(r, 50));
    const standbyBefore = standbyProcessCount();
    const own = session.standbyCount();
    expect(own).toBe(1);
    await service.dispose();
    expect(working()).toBe(0);
    expect(session.standbyCount()).toBe(0);
    expect(standbyProcessCount()).toBe(standbyBefore - own);
  });

  it('a standby process serves a cold request with the exact frame, is replaced, and close reaps it', async () => {
    const service = createMediaService({ settings: () => settings, warm: false });
    const clip = await store.clip('h264_1080p240');
    const opened = await service.open({ path: clip.path });
    const session = service.session(opened.mediaId);
    try {
      // Opening decodes frame 0 with a process of its own, then a standby is started.
      expect(session.standbyCount()).toBe(1);
      const before = standbyProcessCount();
      const wanted = [237, 200, 150];
      const images: Uint8Array[] = [];
      for (const index of wanted) {
        const frame = service.getFrame({ clipId: opened.mediaId, index });
        // The request took the standby process: it is working now, not waiting.
        expect(session.standbyCount()).toBe(0);
        expect(standbyProcessCount()).toBe(before - 1);
        images.push((await frame).data);
        // Replaced once the wanted frame was out.
        expect(session.standbyCount()).toBe(1);
      }
      const size = session.previewSize;
      const rasters = await decodeToGray(images, size.width, size.height);
      expect(rasters.map((raster) => readFrameIndex(raster))).toEqual(wanted);
    } finally {
      await service.close(opened.mediaId);
    }
    expect(session.standbyCount()).toBe(0);
  });

  it.skipIf(process.platform === 'win32')('warm-up pauses while a cold frame is decoded for someone, then resumes', async () => {
    const service = createMediaService({ settings: () => settings });
    const clip = await store.clip({ ...CLIPS.h264_1080p240, frames: 1200 });
    const opened = await service.open({ path: clip.path });
    try {
      // Warm-up starts with the two chunks from frame 0; frame 1150 is in a third: a job of its own.
      const pending = service.getFrame({ clipId: opened.mediaId, index: 1150 });
      expect(pausedProcessCount()).toBeGreaterThan(0);
      const frame = await pending;
      expect(pausedProcessCount()).toBe(0);
      const size = service.session(opened.mediaId).previewSize;
      const [raster] = await decodeToGray([frame.data], size.width, size.height);
      expect(readFrameIndex(raster!)).toBe(1150);
      const deadline = Date.now() + 60_000;
      while (!service.warmStatus(opened.mediaId).complete && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(service.warmStatus(opened.mediaId).complete).toBe(true);
    } finally {
      await service.dispose();
    }
    expect(pausedProcessCount()).toBe(0);
  }, 240_000);

  it.skipIf(process.platform === 'win32').each([
    ['dies before it is used', 'exit 1'],
    ['fails the job it was given', 'cat > /dev/null; exit 1'],
  ])('a standby ffmpeg that %s: the frame still comes, exact, from a process of its own', async (_, failure) => {
    const dir = mkdtempSync(join(tmpdir(), 'midstance-standby-'));
    // Real ffmpeg for everything except the standby's concat input.
    const wrapper = join(dir, 'ffmpeg');
    writeFileSync(wrapper, `#!/bin/sh\ncase "$*" in *"-f concat"*) ${failure} ;; esac\nexec ffmpeg "$@"\n`);
    chmodSync(wrapper, 0o755);
    const service = createMediaService({ settings: () => ({ ...settings, ffmpegPath: wrapper }), warm: false });
    try {
      const clip = await store.clip('h264_1080p240');
      const opened = await service.open({ path: clip.path });
      await new Promise((r) => setTimeout(r, 300));
      const wanted = [230, 150];
      expect(await engineIndices(service, opened, wanted)).toEqual(wanted);
      // Given up on: no new standby is started for this clip.
      expect(service.session(opened.mediaId).standbyCount()).toBe(0);
    } finally {
      await service.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('cancelOpen stops indexing with a "cancelled" error', async () => {
    const service = createMediaService({ settings: () => settings, warm: false });
    const clip = await store.clip('h264_1080p240');
    const opening = service.open({ path: clip.path, openId: 'open-1' });
    expect(service.cancelOpen('open-1')).toBe(true);
    await expect(opening).rejects.toMatchObject({ code: 'cancelled' });
    await service.dispose();
  });
});

describe('through core and the browser-mode HTTP frame endpoint', () => {
  let core: Core;
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'midstance-media-core-'));
    core = createCore({ shell: 'test', dataDir });
  });
  afterAll(async () => {
    await core.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('media.open over dispatch, frames over HTTP by opaque id, paths with spaces and é/ü/中文', async () => {
    const folder = join(dataDir, 'clips é ü 中文');
    mkdirSync(folder);
    const path = join(folder, 'loop band ü.mp4');
    copyFileSync((await store.clip('h264_bframes')).path, path);
    const envelope = await dispatch(core.handlers, 'media.open', { path, openId: 'x' });
    expect(envelope.ok).toBe(true);
    const opened = (envelope as { value: OpenedMedia }).value;
    expect(opened.mediaId).not.toContain('/');
    expect(JSON.stringify(opened)).not.toContain(folder);

    const server = await startBrowserServer({ core, rendererRoot: dataDir, token: 'test-token' });
    try {
      const images: Uint8Array[] = [];
      for (const index of [77, 3, 50]) {
        const response = await fetch(`http://127.0.0.1:${server.port}/frames/${opened.mediaId}/${index}?w=960`, {
          headers: { Authorization: 'Bearer test-token' },
        });
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('image/jpeg');
        images.push(new Uint8Array(await response.arrayBuffer()));
      }
      const rasters = await decodeToGray(images, 640, 360);
      expect(rasters.map((r) => readFrameIndex(r))).toEqual([77, 3, 50]);
      const missing = await fetch(`http://127.0.0.1:${server.port}/frames/${opened.mediaId}/100000`, { headers: { Authorization: 'Bearer test-token' } });
      expect(missing.status).toBe(404);
    } finally {
      await server.close();
    }
    const info = await dispatch(core.handlers, 'media.frameInfo', { mediaId: opened.mediaId, index: 48 });
    expect(info).toMatchObject({ ok: true, value: { index: 48, keyframe: true } });
    const diagnostics = await dispatch(core.handlers, 'media.diagnostics', {});
    expect(diagnostics).toMatchObject({ ok: true, value: { ok: true, ffmpeg: { source: expect.any(String) } } });
    expect(await dispatch(core.handlers, 'media.close', { mediaId: opened.mediaId })).toEqual({ ok: true, value: { closed: true } });
  });
});
