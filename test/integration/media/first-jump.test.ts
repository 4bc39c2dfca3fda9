import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMediaService, type MediaService } from '../../../main/media/media-service.ts';
import { liveProcessCount, pausedProcessCount } from '../../../main/media/processes.ts';
import { createFixtureStore } from '../../fixtures/clips.ts';
import { decodeToGray } from '../../fixtures/decode-images.ts';
import { readFrameIndex } from '../../fixtures/frame-code.ts';

/**
 * Right after `media.open` the clip's warm-up starts. The frame someone asks for then must come
 * first: from a decoder of its own (warm-up runs one thread at low priority and converts every
 * frame it passes), with warm-up paused and the idle standby decoder ready, and ahead of the
 * neighbours the renderer asks for at the same moment. Warm-up must still finish afterwards.
 * (Timings are measured by `npm run bench:media`; these tests check the order of events.)
 */
const store = createFixtureStore();
const settings = { ffmpegPath: null, ffprobePath: null, frameCacheMegabytes: 512 };
let media: MediaService | null = null;

beforeAll(async () => {
  await store.clip('h264_1080p240');
});
afterEach(async () => {
  await media?.dispose();
  media = null;
});
afterAll(() => store.dispose());

async function indicesOf(service: MediaService, mediaId: string, images: Uint8Array[]): Promise<(number | null)[]> {
  const size = service.session(mediaId).previewSize;
  return (await decodeToGray(images, size.width, size.height)).map((raster) => readFrameIndex(raster));
}

async function until(condition: () => boolean, limitMs = 60_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('the first jump after opening a clip', () => {
  it('is decoded first, by a decoder of its own with warm-up paused, ahead of the neighbours asked for with it', async () => {
    media = createMediaService({ settings: () => settings });
    const service = media;
    const opened = await service.open({ path: (await store.clip('h264_1080p240')).path });
    const session = service.session(opened.mediaId);
    // Opening left the idle decoder ready for the first jump (not only after one has paid for a process start).
    expect(session.standbyCount()).toBe(1);

    const wanted = 230;
    expect(session.isCached(wanted, 'preview')).toBe(false);
    const order: number[] = [];
    const ask = (index: number) =>
      service.getFrame({ clipId: opened.mediaId, index }).then((frame) => {
        order.push(index);
        return frame.data;
      });
    const shown = ask(wanted);
    // Warm-up (one process for this one-group clip) yields while the frame is decoded.
    expect(pausedProcessCount()).toBe(1);
    // The renderer's neighbours: two ride along with the shown frame's decoder, three need decoders of their own and wait.
    const neighbours = [231, 229, 232, 228, 227].map(ask);
    expect(session.queuedRequests()).toBe(3);

    const images = await Promise.all([shown, ...neighbours]);
    expect(order[0]).toBe(wanted);
    expect(await indicesOf(service, opened.mediaId, images)).toEqual([230, 231, 229, 232, 228, 227]);

    // Nothing starves: warm-up resumes and completes, and every decoder ends.
    await until(() => service.warmStatus(opened.mediaId).complete);
    await until(() => session.liveJobs() === 0);
    expect(pausedProcessCount()).toBe(0);
  });

  it('stepping backwards into frames not decoded yet: one decoder also makes the next steps back', async () => {
    media = createMediaService({ settings: () => settings, warm: false });
    const service = media;
    const opened = await service.open({ path: (await store.clip('h264_1080p240')).path });
    const session = service.session(opened.mediaId);
    await until(() => session.liveJobs() === 0);
    await service.getFrame({ clipId: opened.mediaId, index: 200 });
    expect(session.isCached(199, 'preview')).toBe(false);
    // One step back: frame 200 is on screen, 199 is not decoded yet.
    const stepBack = (await service.getFrame({ clipId: opened.mediaId, index: 199 })).data;
    expect(await indicesOf(service, opened.mediaId, [stepBack])).toEqual([199]);
    await until(() => session.liveJobs() === 0);
    const behind = Array.from({ length: 15 }, (_, i) => 198 - i);
    expect(behind.filter((index) => !session.isCached(index, 'preview'))).toEqual([]);
    const images = await Promise.all(behind.map((index) => service.getFrame({ clipId: opened.mediaId, index }).then((frame) => frame.data)));
    expect(await indicesOf(service, opened.mediaId, images)).toEqual(behind);
  });

  it('a request given up while it waits in the queue is cancelled at once and leaves nothing running', async () => {
    media = createMediaService({ settings: () => settings, warm: false });
    const service = media;
    const opened = await service.open({ path: (await store.clip('h264_1080p240')).path });
    const session = service.session(opened.mediaId);
    await until(() => session.liveJobs() === 0);
    const first = service.getFrame({ clipId: opened.mediaId, index: 230 });
    const controller = new AbortController();
    const waiting = service.getFrame({ clipId: opened.mediaId, index: 150 }, controller.signal);
    expect(session.queuedRequests()).toBe(1);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'cancelled' });
    expect(session.queuedRequests()).toBe(0);
    expect(await indicesOf(service, opened.mediaId, [(await first).data])).toEqual([230]);
    await until(() => session.liveJobs() === 0);
    await service.dispose();
    media = null;
    expect(liveProcessCount()).toBe(0);
  });
});
