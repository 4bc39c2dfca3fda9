import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRunnerClip, type RunnerClip } from '../../fixtures/runner-clip.ts';
import { startApp, tempDir } from '../project/helpers.ts';

const dir = tempDir('midstance-track-api-');
const app = startApp(join(dir.path, 'data'));
let clip: RunnerClip;
let clipId: string;
let mediaId: string;

beforeAll(async () => {
  clip = await makeRunnerClip(dir.path, { frames: 300 });
  await app.call('project.create', { path: join(dir.path, 'api.midstance') });
  clipId = (await app.call('clips.add', { path: clip.path })).record.id;
  mediaId = (await app.call('media.open', { path: clip.path })).mediaId;
}, 120_000);
afterAll(async () => {
  await app.dispose();
  dir.remove();
});

describe('tracks.track (worker thread, progress, cancel, one edit)', () => {
  it('tracks from a picked point, reports progress and writes every range in one edit that undo can reverse', async () => {
    const start = clip.truth.stickers.leftKnee[150]!;
    const track = (await app.call('tracks.create', { clipId, source: 'point', label: 'knee', points: [{ frameIndex: 150, ...start, confidence: 1, anchor: true }] })).record;
    const result = await app.call('tracks.track', { id: track.id, mediaId, fromFrame: 150, jobId: 'job-1' });
    expect(result.record.track.pointCount).toBe(300);
    expect(result.record.edits.map((edit) => edit.range)).toEqual([{ fromFrame: 151, toFrame: 299 }, { fromFrame: 0, toFrame: 149 }]);
    const progress = app.events.filter((event) => event.name === 'tracks.progress').map((event) => event.payload as { jobId: string; done: number; total: number });
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ jobId: 'job-1', done: 299, total: 299 });
    const stored = await app.call('tracks.get', { id: track.id, fromFrame: 40, toFrame: 40 });
    const truth = clip.truth.stickers.leftKnee[40]!;
    expect(Math.hypot(stored.points[0]!.x - truth.x, stored.points[0]!.y - truth.y)).toBeLessThan(3);
    // Undo: the ranges get back what they held (nothing), leaving only the anchor.
    for (const edit of result.record.edits) await app.call('tracks.replacePoints', { id: track.id, range: edit.range, points: edit.replaced });
    expect((await app.call('tracks.get', { id: track.id })).points).toHaveLength(1);
  }, 120_000);

  it('a correction re-runs up to the next anchor only', async () => {
    const truth = clip.truth.stickers.leftAnkle;
    const track = (await app.call('tracks.create', {
      clipId,
      source: 'point',
      points: [{ frameIndex: 50, ...truth[50]!, confidence: 1, anchor: true }, { frameIndex: 250, ...truth[250]!, confidence: 1, anchor: true }],
    })).record;
    await app.call('tracks.setAnchor', { id: track.id, frameIndex: 120, ...truth[120]! });
    const result = await app.call('tracks.track', { id: track.id, mediaId, fromFrame: 120 });
    expect(result.record.edits.map((edit) => edit.range)).toEqual([{ fromFrame: 121, toFrame: 249 }, { fromFrame: 51, toFrame: 119 }]);
    const points = (await app.call('tracks.get', { id: track.id })).points;
    expect(points.filter((p) => p.anchor).map((p) => [p.frameIndex, p.x, p.y])).toEqual([
      [50, truth[50]!.x, truth[50]!.y],
      [120, truth[120]!.x, truth[120]!.y],
      [250, truth[250]!.x, truth[250]!.y],
    ]);
  }, 120_000);

  it('cancelTracking stops the job: the call fails with "cancelled" and nothing is written', async () => {
    const track = (await app.call('tracks.create', { clipId, source: 'point', points: [{ frameIndex: 0, ...clip.truth.stickers.leftHip[0]!, confidence: 1, anchor: true }] })).record;
    const pending = app.call('tracks.track', { id: track.id, mediaId, fromFrame: 0, jobId: 'job-cancel' });
    // Cancelled once the job runs (on a busy machine it may take more than a moment to start).
    await expect.poll(() => app.call('tracks.cancelTracking', { jobId: 'job-cancel' })).toEqual({ cancelled: true });
    await expect(pending).rejects.toMatchObject({ code: 'cancelled' });
    expect((await app.call('tracks.get', { id: track.id })).points).toHaveLength(1);
  }, 60_000);
});
