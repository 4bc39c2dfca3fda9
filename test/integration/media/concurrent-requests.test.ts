import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MidstanceError } from '../../../common/contract/errors.ts';
import { createMediaService, type MediaService } from '../../../main/media/media-service.ts';
import { liveProcessCount } from '../../../main/media/processes.ts';
import { type ClipName, createFixtureStore } from '../../fixtures/clips.ts';
import { decodeToGray } from '../../fixtures/decode-images.ts';
import { readFrameIndex } from '../../fixtures/frame-code.ts';

/**
 * The renderer asks for the frame it shows together with a few neighbours, all at once. Near the
 * end of a clip, or stepping backwards, the neighbours are earlier frames that the shown frame's
 * job will not pass, so each needs a job of its own. A neighbour must never cost the shown frame:
 * such requests wait in the clip's queue (foreground-queue.ts) instead of failing with "cancelled".
 */
const store = createFixtureStore();
let media: MediaService;

beforeAll(async () => {
  media = createMediaService({ settings: () => ({ ffmpegPath: null, ffprobePath: null, frameCacheMegabytes: 256 }), warm: false });
  await Promise.all((['h264_1080p240', 'mjpeg_avi'] as ClipName[]).map((name) => store.clip(name)));
});
afterAll(async () => {
  await media.dispose();
  store.dispose();
});

async function fetchAtOnce(clip: ClipName, indices: number[], aborted: Set<number> = new Set()) {
  const opened = await media.open({ path: (await store.clip(clip)).path });
  const controllers = indices.map(() => new AbortController());
  const results = await Promise.allSettled(
    indices.map((index, i) => media.getFrame({ clipId: opened.mediaId, index }, controllers[i]!.signal)),
  );
  return { opened, results, controllers };
}

async function settled(mediaId: string): Promise<void> {
  const session = media.session(mediaId);
  const deadline = Date.now() + 20_000;
  while (session.liveJobs() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('many frames asked for at once', () => {
  it.each([
    ['h264_1080p240', 'the last 25 frames of a long keyframe group (End, then its neighbours)', Array.from({ length: 25 }, (_, i) => 239 - i)],
    ['mjpeg_avi', 'ten frames backwards in an all-keyframe clip (one job per frame)', Array.from({ length: 10 }, (_, i) => 29 - i)],
  ] as [ClipName, string, number[]][])('%s: %s all arrive, each the exact frame', async (clip, _what, indices) => {
    const { opened, results } = await fetchAtOnce(clip, indices);
    const failures = results.filter((result) => result.status === 'rejected');
    expect(failures.map((failure) => String((failure as PromiseRejectedResult).reason))).toEqual([]);
    const images = results.map((result) => (result as PromiseFulfilledResult<{ data: Uint8Array }>).value.data);
    const size = media.session(opened.mediaId).previewSize;
    const rasters = await decodeToGray(images, size.width, size.height);
    expect(rasters.map((raster) => readFrameIndex(raster))).toEqual(indices);
    await settled(opened.mediaId);
    expect(media.session(opened.mediaId).liveJobs()).toBe(0);
    await media.close(opened.mediaId);
  });

  it('a request given up while it waits for a decoder is cancelled; the others still arrive; no job or process is left', async () => {
    const opened = await media.open({ path: (await store.clip('mjpeg_avi')).path });
    const indices = [29, 28, 27, 26, 25, 24];
    const controllers = indices.map(() => new AbortController());
    const pending = indices.map((index, i) => media.getFrame({ clipId: opened.mediaId, index }, controllers[i]!.signal));
    // 29 has the decoder and the others wait for it; give up on 29 before its frame is out: its decoder stops and the queue moves on.
    controllers[0]!.abort();
    const results = await Promise.allSettled(pending);
    const first = results[0]!;
    expect(first.status).toBe('rejected');
    expect((first as PromiseRejectedResult).reason).toBeInstanceOf(MidstanceError);
    expect(((first as PromiseRejectedResult).reason as MidstanceError).code).toBe('cancelled');
    expect(results.slice(1).every((result) => result.status === 'fulfilled')).toBe(true);
    await settled(opened.mediaId);
    expect(media.session(opened.mediaId).liveJobs()).toBe(0);
    await media.close(opened.mediaId);
    expect(liveProcessCount()).toBe(0);
  });
});
