import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrackPoint } from '../../../common/contract/track.ts';
import { openProjectDb } from '../../../main/project/db.ts';
import { latestVersion, MIGRATIONS } from '../../../main/project/migrations/index.ts';
import { summarizeProject } from '../../../main/project/summary.ts';
import { STYLE, goniometer, inspectRaw, startProjectService, tempDir, writeVideo } from '../project/helpers.ts';

const dir = tempDir('midstance-bindings-');
const projectPath = join(dir.path, 'bindings.midstance');
const app = startProjectService(join(dir.path, 'data'));
let clipId: string;
let otherClipId: string;

const line = (x: number): TrackPoint[] =>
  Array.from({ length: 10 }, (_, i) => ({ frameIndex: i, x: x + i, y: 100, confidence: 0.9, anchor: false }));

const track = async (clip: string, x: number) => (await app.call('tracks.create', { clipId: clip, source: 'point', points: line(x) })).record;

beforeAll(async () => {
  await app.call('project.create', { path: projectPath });
  clipId = (await app.call('clips.add', { path: writeVideo(join(dir.path, 'side.mp4'), 3000) })).record.id;
  otherClipId = (await app.call('clips.add', { path: writeVideo(join(dir.path, 'rear.mp4'), 3000, 2) })).record.id;
});
afterAll(async () => {
  await app.dispose();
  dir.remove();
});

describe('annotations bound to tracks (format 4)', () => {
  it('stores one binding per point and reads it back; an unbound annotation has none', async () => {
    const [hip, knee, ankle] = [await track(clipId, 0), await track(clipId, 50), await track(clipId, 100)];
    const bound = await app.call('annotations.create', {
      clipId, frameIndex: 3, frameTime: 0.1, geometry: goniometer(0), label: 'knee-midstance-left', style: STYLE,
      trackBindings: [hip.id, knee.id, ankle.id],
    });
    expect(bound.record.trackBindings).toEqual([hip.id, knee.id, ankle.id]);
    const plain = await app.call('annotations.create', { clipId, frameIndex: 3, frameTime: 0.1, geometry: goniometer(1), label: null, style: STYLE });
    expect(plain.record.trackBindings).toBeNull();
    const listed = await app.call('annotations.list', { clipId });
    expect(listed.find((a) => a.id === bound.record.id)!.trackBindings).toEqual([hip.id, knee.id, ankle.id]);
    // A patch can bind one point later or unbind all.
    const partly = await app.call('annotations.update', { id: plain.record.id, patch: { trackBindings: [null, knee.id, null] } });
    expect(partly.record.trackBindings).toEqual([null, knee.id, null]);
    const none = await app.call('annotations.update', { id: plain.record.id, patch: { trackBindings: [null, null, null] } });
    expect(none.record.trackBindings).toBeNull();
  });

  it('refuses a binding per point that does not match the geometry, and tracks of another clip', async () => {
    const knee = await track(clipId, 50);
    const foreign = await track(otherClipId, 50);
    const base = { clipId, frameIndex: 0, frameTime: 0, geometry: goniometer(0), label: null, style: STYLE };
    expect((await app.failure('annotations.create', { ...base, trackBindings: [knee.id, knee.id] })).code).toBe('invalid-request');
    expect((await app.failure('annotations.create', { ...base, trackBindings: [null, foreign.id, null] })).code).toBe('invalid-request');
  });

  it('keeps the binding when its track is deleted (shown as missing) and undoing the delete brings the track back under it', async () => {
    const [hip, knee, ankle] = [await track(clipId, 0), await track(clipId, 50), await track(clipId, 100)];
    const annotation = (
      await app.call('annotations.create', {
        clipId, frameIndex: 3, frameTime: 0.1, geometry: goniometer(0), label: 'knee-midstance-left', style: STYLE,
        trackBindings: [hip.id, knee.id, ankle.id],
      })
    ).record;
    const deleted = await app.call('tracks.delete', { id: knee.id });
    const after = (await app.call('annotations.list', { clipId })).find((a) => a.id === annotation.id)!;
    // Nothing about the measurement changed: same geometry (its value on its own frame), same bindings.
    expect(after.geometry).toEqual(annotation.geometry);
    expect(after.trackBindings).toEqual([hip.id, knee.id, ankle.id]);
    expect((await app.call('tracks.list', { clipId })).some((t) => t.id === knee.id)).toBe(false);
    // Undo of the delete: the track is created again with its id and points; the binding resolves again.
    const { id, clipId: trackClip, label, source, landmark, status, points } = deleted.record;
    await app.call('tracks.create', { id, clipId: trackClip, label, source, landmark, status, points });
    expect((await app.call('tracks.get', { id: knee.id })).points).toEqual(line(50));
    // Undo of deleting the measurement restores its bindings too, even to a track deleted meanwhile.
    await app.call('tracks.delete', { id: ankle.id });
    const removed = (await app.call('annotations.delete', { id: annotation.id })).record;
    const restored = await app.call('annotations.create', { ...removed });
    expect(restored.record.trackBindings).toEqual([hip.id, knee.id, ankle.id]);
  });
});

describe('`midstance info` with a bound measurement', () => {
  it('lists its values at the marked events and per stride, and counts it per event in the summary and the checklist', async () => {
    const path = join(dir.path, 'info.midstance');
    const other = startProjectService(join(dir.path, 'data-info'));
    await other.call('project.create', { path });
    const client = (await other.call('clients.create', { name: 'Ria' })).record.id;
    const sessionId = (await other.call('sessions.create', { clientId: client, date: '2026-12-03' })).record.id;
    const clip = (await other.call('clips.add', { path: writeVideo(join(dir.path, 'info.mp4'), 3000, 4), sessionId })).record.id;
    // Hip above the knee; the ankle swings forward by 1° per frame: interior knee angle 180 − frame.
    const frames = Array.from({ length: 40 }, (_, f) => f);
    const make = async (xy: (f: number) => { x: number; y: number }) =>
      (await other.call('tracks.create', { clipId: clip, source: 'point', points: frames.map((f) => ({ frameIndex: f, ...xy(f), confidence: 1, anchor: false })) })).record.id;
    const hip = await make(() => ({ x: 100, y: 0 }));
    const knee = await make(() => ({ x: 100, y: 100 }));
    const ankle = await make((f) => ({ x: 100 + 100 * Math.sin((f * Math.PI) / 180), y: 100 + 100 * Math.cos((f * Math.PI) / 180) }));
    const annotation = (
      await other.call('annotations.create', {
        clipId: clip, frameIndex: 5, frameTime: 0, label: 'knee-midstance-left', style: STYLE, trackBindings: [hip, knee, ankle],
        geometry: { kind: 'goniometer', points: [{ x: 100, y: 0 }, { x: 100, y: 100 }, { x: 100, y: 200 }] },
      })
    ).record;
    for (const [frameIndex, kind] of [[2, 'initial-contact'], [10, 'midstance'], [22, 'initial-contact'], [30, 'midstance'], [38, 'initial-contact']] as const) {
      await other.call('gaitEvents.create', { clipId: clip, frameIndex, frameTime: frameIndex / 240, kind, side: 'left' });
    }
    await other.dispose();

    const summary = await summarizeProject(path);
    const [entry] = summary.clips[0]!.boundMeasurements;
    expect(entry).toMatchObject({ annotationId: annotation.id, missingTracks: [], unit: '°', trackBindings: [hip, knee, ankle] });
    expect(entry!.atEvents).toEqual({
      presetKey: 'knee-midstance-left', mean: 160, sd: expect.closeTo(14.142, 3), n: 2,
      frames: [{ frameIndex: 10, value: 170 }, { frameIndex: 30, value: 150 }],
    });
    expect(entry!.strides).toEqual([
      { side: 'left', fromFrame: 2, toFrame: 22, min: 159, max: 178, minFrame: 21, maxFrame: 2 },
      { side: 'left', fromFrame: 22, toFrame: 38, min: 143, max: 158, minFrame: 37, maxFrame: 22 },
    ]);
    // Counted per event (n = 2), not once for the drawn frame.
    expect(summary.clips[0]!.measurementSummary['knee-midstance-left']).toMatchObject({ mean: expect.closeTo(160, 6), n: 2, min: expect.closeTo(150, 6), max: expect.closeTo(170, 6) });
    const kneeItem = summary.sessions[0]!.checklist.find((item) => item.key === 'side-midstance.knee-angle')!;
    expect(kneeItem.values.find((v) => v.presetKey === 'knee-midstance-left')).toMatchObject({ mean: expect.closeTo(160, 6), n: 2 });
  });
});

describe('migration 4 on a real format-3 file', () => {
  it('adds the bindings column in one step, keeps every annotation (unbound), and refuses newer files', async () => {
    const path = join(dir.path, 'format3.midstance');
    const other = startProjectService(join(dir.path, 'data3'));
    await other.call('project.create', { path });
    const clip = (await other.call('clips.add', { path: writeVideo(join(dir.path, 'f3.mp4'), 3000, 3) })).record.id;
    for (let i = 0; i < 5; i++) {
      await other.call('annotations.create', { clipId: clip, frameIndex: i, frameTime: i / 30, geometry: goniometer(i), label: 'knee-midstance-left', style: STYLE });
    }
    await other.dispose();
    // Make it a file as format 3 wrote it: no bindings column (nor later tables), user_version 3.
    const raw = new Database(path);
    raw.exec('ALTER TABLE annotations DROP COLUMN track_bindings; DROP TABLE rejected_gait_proposals');
    raw.pragma('user_version = 3');
    raw.close();

    const opened = await openProjectDb(path);
    expect(opened.migratedFrom).toBe(3);
    expect(opened.schemaVersion).toBe(latestVersion(MIGRATIONS));
    expect(opened.db.prepare('SELECT count(*) FROM annotations WHERE track_bindings IS NULL').pluck().get()).toBe(5);
    opened.db.close();
    inspectRaw(opened.backupPath!, (db) => {
      expect(db.pragma('user_version', { simple: true })).toBe(3);
      expect(db.prepare('SELECT count(*) FROM annotations').pluck().get()).toBe(5);
    });
    const reopened = startProjectService(join(dir.path, 'data4'));
    await reopened.call('project.open', { path });
    const annotations = await reopened.call('annotations.list', { clipId: clip });
    expect(annotations.map((a) => a.trackBindings)).toEqual([null, null, null, null, null]);
    await reopened.dispose();

    // A file from a newer Midstance is still refused and left alone.
    const newer = new Database(path);
    newer.pragma(`user_version = ${latestVersion(MIGRATIONS) + 1}`);
    newer.close();
    const again = startProjectService(join(dir.path, 'data5'));
    expect((await again.failure('project.open', { path })).code).toBe('project-newer');
    await again.dispose();
  });
});
