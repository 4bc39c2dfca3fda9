import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GaitProposal } from '../../../common/contract/gait-proposals.ts';
import type { TrackPoint } from '../../../common/contract/track.ts';
import { inspectRaw, startProjectService, tempDir, writeVideo } from '../project/helpers.ts';
import { runnerTruth, type StickerName } from '../../fixtures/runner-clip.ts';
import { summarizeProject } from '../../../main/project/summary.ts';

const dir = tempDir('midstance-proposals-');
const projectPath = join(dir.path, 'proposals.midstance');
const app = startProjectService(join(dir.path, 'data'));
const truth = runnerTruth(1000);
let clipId: string;

/** A sticker's truth as a tracked track, with a little deterministic jitter like a real tracker's. */
const points = (sticker: StickerName): TrackPoint[] =>
  truth.stickers[sticker].map((p, frameIndex) => ({
    frameIndex,
    x: p.x + 0.3 * Math.sin(frameIndex * 1.7),
    y: p.y + 0.3 * Math.cos(frameIndex * 2.3),
    confidence: 0.95,
    anchor: false,
  }));

const icTo = (list: readonly GaitProposal[]) => list.filter((p) => p.kind !== 'midstance');
const near = (a: { side: string; kind: string; frameIndex: number }, b: { side: string; kind: string; frameIndex: number }, window: number) =>
  a.side === b.side && a.kind === b.kind && Math.abs(a.frameIndex - b.frameIndex) <= window;

beforeAll(async () => {
  await app.call('project.create', { path: projectPath });
  clipId = (await app.call('clips.add', { path: writeVideo(join(dir.path, 'side.mp4'), 3000) })).record.id;
  // Stickers named after the body points they are on; a pose proposal that is not accepted does not count.
  for (const sticker of ['leftToe', 'rightToe', 'leftHeel', 'rightHeel', 'leftHip'] as const) {
    await app.call('tracks.create', { clipId, source: 'blob', landmark: sticker, points: points(sticker) });
  }
  await app.call('tracks.create', { clipId, source: 'pose', landmark: 'leftAnkle', points: points('rightAnkle') });
});
afterAll(async () => {
  await app.dispose();
  dir.remove();
});

describe('gaitProposals on a real project file', () => {
  it('proposes IC and TO from named foot stickers within ±1 frame of the truth for ≥ 95 % of events, with a confidence', async () => {
    const list = await app.call('gaitProposals.list', { clipId });
    const expected = truth.events.filter((e) => e.kind !== 'midstance');
    const hits = expected.filter((e) => icTo(list).some((p) => near(p, e, 1)));
    expect(expected.length).toBeGreaterThan(20);
    expect(hits.length / expected.length).toBeGreaterThanOrEqual(0.95);
    expect(list.every((p) => p.confidence > 0 && p.confidence <= 1 && p.rejected === false)).toBe(true);
    expect(list.some((p) => p.kind === 'midstance')).toBe(true);
  });

  it('leaves out what the user marked', async () => {
    const before = await app.call('gaitProposals.list', { clipId });
    const target = before.find((p) => p.kind === 'initial-contact' && p.side === 'left')!;
    // Marked two frames off the proposal: the user's mark wins, nothing is proposed beside it.
    await app.call('gaitEvents.create', { clipId, frameIndex: target.frameIndex + 2, frameTime: (target.frameIndex + 2) / 240, kind: 'initial-contact', side: 'left' });
    const after = await app.call('gaitProposals.list', { clipId });
    expect(after.some((p) => near(p, target, 3))).toBe(false);
    expect(after).toHaveLength(before.length - 1);
  });

  it('keeps rejected proposals out after the project is closed and opened again, and can take a rejection back', async () => {
    const open = await app.call('gaitProposals.list', { clipId });
    const rejected = [open[3]!, open[7]!];
    await app.call('gaitProposals.reject', { clipId, proposals: rejected.map(({ side, kind, frameIndex }) => ({ side, kind, frameIndex })) });
    await app.call('project.close', {});
    expect(inspectRaw(projectPath, (db) => db.prepare('SELECT count(*) AS n FROM rejected_gait_proposals').get())).toEqual({ n: 2 });
    // info --json reads the same proposals by the same function: without the marked and the rejected ones.
    const summary = await summarizeProject(projectPath);
    await app.call('project.open', { path: projectPath });

    const reopened = await app.call('gaitProposals.list', { clipId });
    expect(reopened).toHaveLength(open.length - 2);
    expect(summary.clips[0]!.proposedEvents).toEqual(reopened.map(({ rejected: _r, ...p }) => p));
    for (const r of rejected) expect(reopened.some((p) => near(p, r, 1))).toBe(false);
    const withRejected = await app.call('gaitProposals.list', { clipId, includeRejected: true });
    expect(withRejected.filter((p) => p.rejected).map((p) => p.frameIndex)).toEqual(rejected.map((p) => p.frameIndex));

    await app.call('gaitProposals.unreject', { clipId, proposals: [{ side: rejected[0]!.side, kind: rejected[0]!.kind, frameIndex: rejected[0]!.frameIndex }] });
    expect(await app.call('gaitProposals.list', { clipId })).toHaveLength(open.length - 1);
  });

  it('refuses a rejection for a clip that is not in the project', async () => {
    const failure = await app.failure('gaitProposals.reject', { clipId: 'nope', proposals: [{ side: 'left', kind: 'toe-off', frameIndex: 3 }] });
    expect(failure.code).toBe('not-found');
  });
});
