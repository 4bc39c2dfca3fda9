import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrackPoint } from '../../../common/contract/track.ts';
import type { ProjectSummary } from '../../../main/project/summary.ts';
import { inspectRaw, startProjectService, tempDir, writeVideo } from '../project/helpers.ts';

const dir = tempDir('midstance-tracks-');
const projectPath = join(dir.path, 'tracks.midstance');
const app = startProjectService(join(dir.path, 'data'));
let clipId: string;

const line = (from: number, to: number, confidence = 0.9): TrackPoint[] =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ frameIndex: from + i, x: 10 + from + i, y: 20.5, confidence, anchor: false }));

beforeAll(async () => {
  await app.call('project.create', { path: projectPath });
  clipId = (await app.call('clips.add', { path: writeVideo(join(dir.path, 'side.mp4'), 3000) })).record.id;
});
afterAll(async () => {
  await app.dispose();
  dir.remove();
});

describe('track store', () => {
  it('stores a track with its points, lists it with its frame span and reads a range back', async () => {
    const created = await app.call('tracks.create', { clipId, label: 'knee sticker', source: 'blob', points: line(5, 104) });
    expect(created.record).toMatchObject({ label: 'knee sticker', source: 'blob', status: 'accepted', landmark: null, pointCount: 100, firstFrame: 5, lastFrame: 104 });
    const [listed] = await app.call('tracks.list', { clipId });
    expect(listed).toMatchObject({ id: created.record.id, pointCount: 100, firstFrame: 5, lastFrame: 104 });
    expect('points' in listed!).toBe(false);
    const part = await app.call('tracks.get', { id: created.record.id, fromFrame: 50, toFrame: 52 });
    expect(part.points).toEqual(line(50, 52));
  });

  it('starts pose tracks as proposals with their landmark, and accepts them', async () => {
    const pose = await app.call('tracks.create', { clipId, source: 'pose', landmark: 'leftKnee', points: line(0, 9, 0.6) });
    expect(pose.record.status).toBe('proposed');
    const [accepted] = (await app.call('tracks.accept', { ids: [pose.record.id] })).record;
    expect(accepted).toMatchObject({ status: 'accepted', landmark: 'leftKnee' });
    expect((await app.failure('tracks.create', { clipId, source: 'pose', landmark: 'left knee' })).code).toBe('invalid-request');
  });

  it('replaces a range of points and answers with the replaced points, so undo puts them back', async () => {
    const track = (await app.call('tracks.create', { clipId, source: 'point', points: line(0, 19) })).record;
    const fresh = line(10, 14, 0.5).map((p) => ({ ...p, y: 99 }));
    const edit = await app.call('tracks.replacePoints', { id: track.id, range: { fromFrame: 10, toFrame: 19 }, points: fresh });
    expect(edit.record.replaced).toEqual(line(10, 19));
    expect(edit.record.track).toMatchObject({ pointCount: 15, lastFrame: 14 });
    // Undo: the replaced points go back into the same range.
    await app.call('tracks.replacePoints', { id: track.id, range: edit.record.range, points: edit.record.replaced });
    expect((await app.call('tracks.get', { id: track.id })).points).toEqual(line(0, 19));
    const outside = await app.failure('tracks.replacePoints', { id: track.id, range: { fromFrame: 0, toFrame: 3 }, points: line(4, 4) });
    expect(outside.code).toBe('invalid-request');
    const twice = await app.failure('tracks.replacePoints', { id: track.id, points: [...line(4, 4), ...line(4, 4)] });
    expect(twice.message).toMatch(/twice/);
  });

  it('sets an anchor on a frame with confidence 1 and answers with the point it replaced', async () => {
    const track = (await app.call('tracks.create', { clipId, source: 'point', points: line(0, 4) })).record;
    const edit = await app.call('tracks.setAnchor', { id: track.id, frameIndex: 2, x: 50, y: 60 });
    expect(edit.record.replaced).toEqual(line(2, 2));
    const stored = (await app.call('tracks.get', { id: track.id, fromFrame: 2, toFrame: 2 })).points[0];
    expect(stored).toEqual({ frameIndex: 2, x: 50, y: 60, confidence: 1, anchor: true });
    const added = await app.call('tracks.setAnchor', { id: track.id, frameIndex: 40, x: 1, y: 2 });
    expect(added.record.replaced).toEqual([]);
    expect(added.record.track.lastFrame).toBe(40);
  });

  it('deletes a track with its points and restores it with the same id (undo of a delete)', async () => {
    const track = (await app.call('tracks.create', { clipId, label: 'toe', source: 'point', points: line(0, 9) })).record;
    const removed = await app.call('tracks.delete', { id: track.id });
    expect(removed.record.points).toHaveLength(10);
    expect((await app.failure('tracks.get', { id: track.id })).code).toBe('not-found');
    const restored = await app.call('tracks.create', { ...removed.record, points: removed.record.points });
    expect(restored.record.id).toBe(track.id);
    expect(restored.record.points).toEqual(line(0, 9));
    expect((await app.failure('tracks.create', { ...removed.record })).code).toBe('invalid-request');
  });

  it('removes a clip\'s tracks and points with the clip', async () => {
    const other = (await app.call('clips.add', { path: writeVideo(join(dir.path, 'rear.mp4'), 4000, 2) })).record.id;
    const track = (await app.call('tracks.create', { clipId: other, source: 'point', points: line(0, 4) })).record;
    await app.call('clips.remove', { id: other });
    expect((await app.failure('tracks.get', { id: track.id })).code).toBe('not-found');
  });

  it('is in the file after closing, and `midstance info --json` lists each clip\'s tracks', async () => {
    await app.call('project.close', {});
    const rows = inspectRaw(projectPath, (db) => ({
      version: db.pragma('user_version', { simple: true }),
      points: (db.prepare('SELECT count(*) AS n FROM track_points').get() as { n: number }).n,
    }));
    expect(rows.version).toBeGreaterThanOrEqual(3); // tracks came with format 3
    expect(rows.points).toBeGreaterThan(100);
    const bin = join(import.meta.dirname, '..', '..', '..', 'bin', 'midstance.js');
    const result = spawnSync(process.execPath, [bin, 'info', projectPath, '--json'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    const summary = JSON.parse(result.stdout) as ProjectSummary;
    const tracks = summary.clips.find((clip) => clip.id === clipId)!.tracks;
    expect(tracks.map((t) => t.label)).toContain('knee sticker');
    expect(tracks.find((t) => t.landmark === 'leftKnee')).toMatchObject({ source: 'pose', status: 'accepted', pointCount: 10 });
    expect(summary.clips.find((clip) => clip.id === clipId)!.proposedEvents).toEqual([]);
    await app.call('project.open', { path: projectPath });
  });

  it('`info` proposes gait events from accepted foot tracks, leaving out what the user marked', async () => {
    const { runnerTruth } = await import('../../fixtures/runner-clip.ts');
    const truth = runnerTruth(400);
    const other = (await app.call('clips.add', { path: writeVideo(join(dir.path, 'feet.mp4'), 5000, 3) })).record.id;
    const asPoints = (points: { x: number; y: number }[]) => points.map((p, frameIndex) => ({ frameIndex, ...p, confidence: 0.9, anchor: false }));
    await app.call('tracks.create', { clipId: other, source: 'blob', landmark: 'leftToe', points: asPoints(truth.stickers.leftToe) });
    await app.call('tracks.create', { clipId: other, source: 'blob', landmark: 'rightToe', points: asPoints(truth.stickers.rightToe) });
    await app.call('gaitEvents.create', { clipId: other, frameIndex: 180, frameTime: 0.75, kind: 'initial-contact', side: 'left' });
    await app.call('project.close', {});
    const bin = join(import.meta.dirname, '..', '..', '..', 'bin', 'midstance.js');
    const result = spawnSync(process.execPath, [bin, 'info', projectPath, '--json'], { encoding: 'utf8' });
    const proposed = (JSON.parse(result.stdout) as ProjectSummary).clips.find((clip) => clip.id === other)!.proposedEvents;
    const contacts = proposed.filter((p) => p.kind === 'initial-contact').map((p) => `${p.side} ${p.frameIndex}`);
    expect(contacts).toEqual(['left 20', 'right 100', 'right 260', 'left 340']); // left 180 is marked by the user
    expect(proposed.filter((p) => p.kind === 'toe-off').map((p) => `${p.side} ${p.frameIndex}`)).toEqual(['left 75', 'right 155', 'left 235', 'right 315', 'left 395']);
    await app.call('project.open', { path: projectPath });
  });
});
