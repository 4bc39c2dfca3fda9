import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUNNING_TECHNIQUE_CHECKLIST } from '../../../common/checklist/checklist.ts';
import { STYLE, goniometer, startProjectService, tempDir, writeVideo } from './helpers.ts';

const dir = tempDir();
const app = startProjectService(join(dir.path, 'data'));
let clientId: string;
let sessionId: string;
let clipId: string;

beforeAll(async () => {
  await app.call('project.create', { path: join(dir.path, 'records.midstance') });
  clientId = (await app.call('clients.create', { name: 'Ria Runner', birthYear: 1988, externalId: 'P-0042' })).record.id;
  sessionId = (
    await app.call('sessions.create', {
      clientId,
      date: '2026-05-12',
      assessor: 'J. Physio',
      history: { trainingVolume: '3× per week, 25 km', complaints: 'left shin pain', goals: 'half marathon' },
      protocol: { treadmillSpeedKmh: 10.5, inclinePercent: 1, shoes: 'Trail X', shoeMileageKm: 420 },
      camera: { views: ['side-left', 'rear'], distanceM: 3, heightM: 0.9 },
    })
  ).record.id;
  clipId = (await app.call('clips.add', { path: writeVideo(join(dir.path, 'side.mp4'), 3000), sessionId, view: 'side-left', captureFps: 240 }))
    .record.id;
});
afterAll(async () => {
  await app.dispose();
  dir.remove();
});

describe('clients', () => {
  it('creates, lists by name, updates a field at a time and answers with the stored record', async () => {
    const bert = await app.call('clients.create', { name: 'bert Baker' });
    expect(bert.record).toMatchObject({ name: 'bert Baker', birthYear: null, notes: '', externalId: null });
    expect(Date.parse(bert.savedAt)).not.toBeNaN();
    expect((await app.call('clients.list', {})).map((c) => c.name)).toEqual(['bert Baker', 'Ria Runner']);
    const updated = await app.call('clients.update', { id: bert.record.id, patch: { notes: 'referred by GP' } });
    expect(updated.record).toMatchObject({ name: 'bert Baker', notes: 'referred by GP' });
    expect(updated.record.updatedAt >= bert.record.updatedAt).toBe(true);
    expect((await app.call('clients.delete', { id: bert.record.id })).record.notes).toBe('referred by GP');
    expect((await app.failure('clients.update', { id: bert.record.id, patch: { notes: 'x' } })).code).toBe('not-found');
  });

  it('refuses to delete a client who still has sessions', async () => {
    const error = await app.failure('clients.delete', { id: clientId });
    expect(error.code).toBe('invalid-request');
    expect(error.message).toMatch(/1 session/);
    expect((await app.call('clients.list', {})).some((c) => c.id === clientId)).toBe(true);
  });
});

describe('sessions', () => {
  it('stores history, protocol and camera set-up, and merges nested changes field by field', async () => {
    const [session] = await app.call('sessions.list', { clientId });
    expect(session).toMatchObject({
      date: '2026-05-12',
      history: { complaints: 'left shin pain' },
      protocol: { treadmillSpeedKmh: 10.5, inclinePercent: 1, shoes: 'Trail X', shoeMileageKm: 420 },
      camera: { views: ['side-left', 'rear'], distanceM: 3, heightM: 0.9 },
    });
    const updated = await app.call('sessions.update', { id: sessionId, patch: { protocol: { shoeMileageKm: 450 } } });
    expect(updated.record.protocol).toEqual({ treadmillSpeedKmh: 10.5, inclinePercent: 1, shoes: 'Trail X', shoeMileageKm: 450 });
  });

  it('lists newest first and rejects bad input at the contract', async () => {
    const retest = await app.call('sessions.create', { clientId, date: '2026-08-01' });
    expect((await app.call('sessions.list', { clientId })).map((s) => s.id)).toEqual([retest.record.id, sessionId]);
    expect((await app.failure('sessions.create', { clientId, date: '12-05-2026' })).code).toBe('invalid-request');
    expect((await app.failure('sessions.create', { clientId: 'nobody', date: '2026-01-01' })).code).toBe('not-found');
    await app.call('sessions.delete', { id: retest.record.id });
  });

  it('keeps findings and advice as the session notes', async () => {
    expect(await app.call('notes.get', { sessionId })).toMatchObject({ findings: '', advice: '' });
    await app.call('notes.update', { sessionId, findings: 'Overstride on the left.' });
    const saved = await app.call('notes.update', { sessionId, advice: 'Cadence +5 %.' });
    expect(saved.record).toMatchObject({ findings: 'Overstride on the left.', advice: 'Cadence +5 %.' });
  });

  it('answers checklist items, replaces the fields given (keeping the others) and clears an answer', async () => {
    await app.call('checklist.set', { sessionId, itemKey: 'side.foot-landing', answer: 'heel', note: 'far ahead' });
    await app.call('checklist.set', { sessionId, itemKey: 'front.pelvic-drop', answer: 'no' });
    const replaced = await app.call('checklist.set', { sessionId, itemKey: 'side.foot-landing', answer: 'midfoot' });
    expect(replaced.record).toMatchObject({ answer: 'midfoot', note: 'far ahead', stills: [], checklistVersion: RUNNING_TECHNIQUE_CHECKLIST.version });
    const withStill = await app.call('checklist.set', { sessionId, itemKey: 'side.foot-landing', stills: [{ clipId, frameIndex: 12 }] });
    expect(withStill.record).toMatchObject({ answer: 'midfoot', note: 'far ahead', stills: [{ clipId, frameIndex: 12 }] });
    expect((await app.call('checklist.list', { sessionId })).map((a) => [a.itemKey, a.answer])).toEqual([
      ['front.pelvic-drop', 'no'],
      ['side.foot-landing', 'midfoot'],
    ]);
    expect((await app.call('checklist.clear', { sessionId, itemKey: 'front.pelvic-drop' })).record?.answer).toBe('no');
    expect((await app.call('checklist.clear', { sessionId, itemKey: 'front.pelvic-drop' })).record).toBeNull();
  });
});

describe('annotations', () => {
  const draft = (frameIndex: number, label: string | null = null) => ({
    clipId,
    frameIndex,
    frameTime: frameIndex / 240,
    geometry: goniometer(frameIndex),
    label,
    style: STYLE,
  });

  it('stores, lists per clip and per frame, updates and deletes, answering the stored record each time', async () => {
    const a = await app.call('annotations.create', draft(120, 'knee-midstance-left'));
    const b = await app.call('annotations.create', draft(12));
    expect(a.record).toMatchObject({ clipId, frameIndex: 120, label: 'knee-midstance-left', geometry: goniometer(120) });
    expect((await app.call('annotations.list', { clipId })).map((x) => x.frameIndex)).toEqual([12, 120]);
    expect((await app.call('annotations.list', { clipId, frameIndex: 120 })).map((x) => x.id)).toEqual([a.record.id]);

    const moved = await app.call('annotations.update', {
      id: a.record.id,
      patch: { geometry: { kind: 'angle-horizontal', points: [{ x: 1, y: 1 }, { x: 5, y: 9 }] } },
    });
    expect(moved.record).toMatchObject({ label: 'knee-midstance-left', geometry: { kind: 'angle-horizontal' } });
    const deleted = await app.call('annotations.delete', { id: b.record.id });
    expect(deleted.record).toEqual(b.record);
    // Undo of a delete: create the returned record again, with its id.
    const { id, clipId: clip, frameIndex, frameTime, geometry, label, style } = deleted.record;
    const restored = await app.call('annotations.create', { id, clipId: clip, frameIndex, frameTime, geometry, label, style });
    expect(restored.record.id).toBe(b.record.id);
    expect((await app.failure('annotations.create', { ...draft(5), id })).code).toBe('invalid-request');
  });

  it('validates geometry on the way in (also behind the contract) and on the way out', async () => {
    const bad = { ...draft(1), geometry: { kind: 'goniometer', points: [{ x: 0, y: 0 }] } };
    expect((await app.failure('annotations.create', bad as never)).code).toBe('invalid-request');
    const store = app.service.store();
    expect(() => store.edit((now, repos) => repos.annotations.create(bad as never, now))).toThrow();
    expect((await app.failure('annotations.create', { ...draft(1), clipId: 'no-such-clip' })).code).toBe('not-found');

    const victim = await app.call('annotations.create', draft(77));
    store.file.db.prepare("UPDATE annotations SET geometry = '{\"kind\":\"goniometer\",\"points\":[]}' WHERE id = ?").run(victim.record.id);
    const error = await app.failure('annotations.list', { clipId });
    expect(error.code).toBe('project-invalid');
    expect(error.details).toMatchObject({ annotationId: victim.record.id });
    expect((await app.failure('annotations.delete', { id: victim.record.id })).code).toBe('project-invalid');
    store.file.db.prepare('DELETE FROM annotations WHERE id = ?').run(victim.record.id);
    expect((await app.call('annotations.list', { clipId })).length).toBe(2);
  });
});

describe('gait events', () => {
  it('marks, moves and removes events; one kind per side per frame', async () => {
    const ic = await app.call('gaitEvents.create', { clipId, frameIndex: 100, frameTime: 100 / 240, kind: 'initial-contact', side: 'left' });
    await app.call('gaitEvents.create', { clipId, frameIndex: 160, frameTime: 160 / 240, kind: 'toe-off', side: 'left' });
    const duplicate = await app.failure('gaitEvents.create', { clipId, frameIndex: 100, frameTime: 100 / 240, kind: 'initial-contact', side: 'left' });
    expect(duplicate.code).toBe('invalid-request');
    const moved = await app.call('gaitEvents.update', { id: ic.record.id, patch: { frameIndex: 101, frameTime: 101 / 240 } });
    expect(moved.record).toMatchObject({ frameIndex: 101, kind: 'initial-contact', side: 'left' });
    expect((await app.call('gaitEvents.list', { clipId })).map((e) => [e.frameIndex, e.kind])).toEqual([
      [101, 'initial-contact'],
      [160, 'toe-off'],
    ]);
    expect((await app.call('gaitEvents.delete', { id: ic.record.id })).record.frameIndex).toBe(101);
  });
});

describe('deleting', () => {
  it('a session unfiles its clips and keeps their measurements; removing a clip removes its own records', async () => {
    const session = await app.call('sessions.create', { clientId, date: '2026-09-09' });
    const clip = await app.call('clips.add', { path: writeVideo(join(dir.path, 'rear.mp4'), 2000, 3), sessionId: session.record.id });
    await app.call('annotations.create', { clipId: clip.record.id, frameIndex: 4, frameTime: 4 / 240, geometry: goniometer(4), label: null, style: STYLE });
    await app.call('gaitEvents.create', { clipId: clip.record.id, frameIndex: 4, frameTime: 4 / 240, kind: 'midstance', side: 'right' });
    await app.call('checklist.set', { sessionId: session.record.id, itemKey: 'k', answer: 'yes' });

    await app.call('sessions.delete', { id: session.record.id });
    const unfiled = await app.call('clips.list', { sessionId: null });
    expect(unfiled.map((c) => [c.id, c.annotationCount])).toEqual([[clip.record.id, 1]]);
    expect((await app.call('gaitEvents.list', { clipId: clip.record.id })).length).toBe(1);
    expect(await app.call('checklist.list', { sessionId: session.record.id })).toEqual([]);

    const refiled = await app.call('clips.update', { id: clip.record.id, patch: { sessionId, view: 'rear' } });
    expect(refiled.record).toMatchObject({ sessionId, view: 'rear', annotationCount: 1 });
    const removed = await app.call('clips.remove', { id: clip.record.id });
    expect(removed.record.id).toBe(clip.record.id);
    expect(await app.call('annotations.list', { clipId: clip.record.id })).toEqual([]);
    expect(await app.call('gaitEvents.list', { clipId: clip.record.id })).toEqual([]);
  });
});
