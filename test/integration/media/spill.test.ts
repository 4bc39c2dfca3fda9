import { existsSync, mkdtempSync, openSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import type { WarmStatus } from '../../../common/contract/media.ts';
import { type MediaService, type MediaServiceOptions, createMediaService } from '../../../main/media/media-service.ts';
import { createFixtureStore } from '../../fixtures/clips.ts';
import { decodeToGray } from '../../fixtures/decode-images.ts';
import { readFrameIndex } from '../../fixtures/frame-code.ts';
import { engineIndices } from '../../support/engine-frames.ts';

/**
 * The disk tier: a clip whose preview frames do not fit the memory bound still warms
 * completely, frames read back from disk are exactly the right frames, and nothing is left on
 * disk afterwards. Frames of the 240-frame 1080p clip at 960 px are ~40 KB: ~10 MB in all.
 */

const store = createFixtureStore();
const tight = { ffmpegPath: null, ffprobePath: null, frameCacheMegabytes: 2 };
const BOUND = 2 * 1024 * 1024;
let parent: string;

beforeAll(async () => {
  await store.clip('h264_1080p240');
});
afterAll(() => store.dispose());
beforeEach(() => {
  parent = mkdtempSync(join(tmpdir(), 'midstance-spill-engine-'));
});
afterEach(() => rmSync(parent, { recursive: true, force: true }));

const spillDirs = () => readdirSync(parent).filter((name) => name.startsWith('midstance-frames-'));

async function warmUntilComplete(service: MediaService, mediaId: string, focus?: number): Promise<WarmStatus> {
  const deadline = Date.now() + 45_000;
  while (!service.warmStatus(mediaId).complete && Date.now() < deadline) {
    if (focus !== undefined) await service.getFrame({ clipId: mediaId, index: focus });
    await new Promise((r) => setTimeout(r, 25));
  }
  return service.warmStatus(mediaId);
}

function serviceWith(spill: MediaServiceOptions['spill']): MediaService {
  return createMediaService({ settings: () => tight, spill });
}

describe('disk spill behind the memory cache', () => {
  it('a clip larger than the memory bound warms completely; every frame comes exact, most from disk', async () => {
    const service = serviceWith({ parent });
    try {
      const clip = await store.clip('h264_1080p240');
      const opened = await service.open({ path: clip.path });
      const status = await warmUntilComplete(service, opened.mediaId);
      expect(status).toMatchObject({ complete: true, mode: 'all', cachedFrames: clip.frameCount, targetFrames: clip.frameCount });
      expect(status.spilledFrames).toBeGreaterThan(clip.frameCount / 2);
      expect(status.spillBytes).toBeGreaterThan(BOUND);
      expect(service.cache.peakBytes).toBeLessThanOrEqual(BOUND);
      expect(spillDirs()).toHaveLength(1);

      const session = service.session(opened.mediaId);
      // The last warm-up process may still be exiting after its last frame.
      const settled = Date.now() + 20_000;
      while (session.liveJobs() > 0 && Date.now() < settled) await new Promise((r) => setTimeout(r, 10));
      expect(session.liveJobs()).toBe(0);
      // Backwards, then forwards: memory holds the newest frames, the rest must come from disk.
      const order = [...Array.from({ length: clip.frameCount }, (_, i) => clip.frameCount - 1 - i), ...Array.from({ length: clip.frameCount }, (_, i) => i)];
      const images: Uint8Array[] = [];
      let fromDisk = 0;
      for (const index of order) {
        expect(session.isCached(index, 'preview')).toBe(true);
        if (!service.cache.has(opened.mediaId, 'preview', index)) fromDisk += 1;
        images.push((await service.getFrame({ clipId: opened.mediaId, index })).data);
        // Served without decoding.
        expect(session.liveJobs()).toBe(0);
      }
      expect(fromDisk).toBeGreaterThan(clip.frameCount);
      const rasters = await decodeToGray(images, session.previewSize.width, session.previewSize.height);
      expect(rasters.map((raster) => readFrameIndex(raster))).toEqual(order);
      expect(service.cache.peakBytes).toBeLessThanOrEqual(BOUND);
      expect(service.warmStatus(opened.mediaId).complete).toBe(true);
      expect(service.frameInfo(opened.mediaId, 3).cachedPreview).toBe(true);
    } finally {
      await service.dispose();
    }
    expect(spillDirs()).toHaveLength(0);
  });

  it('closing a clip deletes its spill file; the next clip gets a fresh one', async () => {
    const service = serviceWith({ parent });
    try {
      const clip = await store.clip('h264_1080p240');
      const first = await service.open({ path: clip.path });
      await warmUntilComplete(service, first.mediaId);
      const [dir] = spillDirs();
      const filesOf = () => readdirSync(join(parent, dir!));
      expect(filesOf()).toHaveLength(1);
      await service.close(first.mediaId);
      expect(filesOf()).toHaveLength(0);
      const second = await service.open({ path: clip.path });
      expect((await warmUntilComplete(service, second.mediaId)).mode).toBe('all');
      expect(filesOf()).toHaveLength(1);
    } finally {
      await service.dispose();
    }
    expect(spillDirs()).toHaveLength(0);
  });

  it('a disk bound smaller than the clip: what fits stays on disk, the rest warms as a window', async () => {
    const service = serviceWith({ parent, limits: { maxBytes: 3 * 1024 * 1024 } });
    try {
      const clip = await store.clip('h264_1080p240');
      const opened = await service.open({ path: clip.path });
      const status = await warmUntilComplete(service, opened.mediaId, 200);
      expect(status).toMatchObject({ complete: true, mode: 'window' });
      expect(status.spillBytes).toBeGreaterThan(0);
      expect(status.spillBytes).toBeLessThanOrEqual(3 * 1024 * 1024);
      expect(status.cachedFrames).toBeLessThan(clip.frameCount);
      const wanted = [200, 5, 120, 239];
      expect(await engineIndices(service, opened, wanted)).toEqual(wanted);
    } finally {
      await service.dispose();
    }
    expect(spillDirs()).toHaveLength(0);
  });

  it('memory only: a clip that does not fit turns to a window by itself and the warm-up ends (no endless re-decoding)', async () => {
    const service = serviceWith(false);
    try {
      const clip = await store.clip('h264_1080p240');
      const opened = await service.open({ path: clip.path });
      // Nobody asks for a frame after opening: the warm-up alone must notice memory is full.
      const status = await warmUntilComplete(service, opened.mediaId);
      expect(status).toMatchObject({ complete: true, mode: 'window', spilledFrames: 0 });
      const session = service.session(opened.mediaId);
      const settled = Date.now() + 10_000;
      while (session.liveJobs() > 0 && Date.now() < settled) await new Promise((r) => setTimeout(r, 20));
      expect(session.liveJobs()).toBe(0);
    } finally {
      await service.dispose();
    }
    expect(spillDirs()).toHaveLength(0);
  });

  it.skipIf(!existsSync('/dev/full'))('a disk that is full (ENOSPC): falls back to a window, frames stay exact, nothing crashes', async () => {
    const service = serviceWith({ parent, openFile: () => openSync('/dev/full', 'r+') });
    try {
      const clip = await store.clip('h264_1080p240');
      const opened = await service.open({ path: clip.path });
      const status = await warmUntilComplete(service, opened.mediaId, 200);
      expect(status).toMatchObject({ complete: true, mode: 'window', spilledFrames: 0, spillBytes: 0 });
      expect(status.targetFrames).toBeLessThan(clip.frameCount);
      expect(service.cache.peakBytes).toBeLessThanOrEqual(BOUND);
      const wanted = [200, 0, 239, 100];
      expect(await engineIndices(service, opened, wanted)).toEqual(wanted);
    } finally {
      await service.dispose();
    }
    expect(spillDirs()).toHaveLength(0);
  });
});
