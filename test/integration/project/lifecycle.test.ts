import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openProjectDb } from '../../../main/project/db.ts';
import { STYLE, goniometer, inspectRaw, sha256, sideFiles, startApp, tempDir, writeRealVideo } from './helpers.ts';

const dir = tempDir();
afterAll(() => dir.remove());

describe('new, open, close', () => {
  it('creates a project with the user’s language and convention, adds it to recent files and announces it', async () => {
    const app = startApp(join(dir.path, 'data-new'));
    try {
      await app.call('settings.update', { language: 'en', angleConvention: 'clinical' });
      const state = await app.call('project.create', { path: join(dir.path, 'Practice') });
      expect(state).toMatchObject({
        path: join(dir.path, 'Practice.midstance'),
        name: 'Practice',
        untitled: false,
        readOnly: false,
        notice: null,
        settings: { language: 'en', angleConvention: 'clinical', norms: {} },
      });
      expect(await app.call('project.current', {})).toEqual(state);
      expect((await app.call('recent.list', {}))[0]).toMatchObject({ kind: 'project', path: state.path });
      expect(app.events.find((e) => e.name === 'project.changed')?.payload).toEqual({ project: state });

      const settings = await app.call('project.updateSettings', { norms: { 'knee-midstance': { target: 140, tolerance: 6 } } });
      expect(settings.record).toMatchObject({ language: 'en', norms: { 'knee-midstance': { target: 140, tolerance: 6 } } });

      expect(await app.call('project.close', {})).toEqual({ closed: true });
      expect(await app.call('project.current', {})).toBeNull();
      expect(app.events.at(-1)).toEqual({ name: 'project.changed', payload: { project: null } });
      expect(sideFiles(state.path)).toEqual([]);

      const reopened = await app.call('project.open', { path: state.path });
      expect(reopened.settings.norms).toEqual({ 'knee-midstance': { target: 140, tolerance: 6 } });
      // Opening the project that is already open is not an error (and not a second writer).
      expect(await app.call('project.open', { path: state.path })).toEqual(reopened);
    } finally {
      await app.dispose();
    }
  });

  it('never overwrites an existing file unless asked, and never one that is open elsewhere', async () => {
    const app = startApp(join(dir.path, 'data-exists'));
    const other = startApp(join(dir.path, 'data-exists-2'));
    try {
      const existing = join(dir.path, 'existing.midstance');
      writeFileSync(existing, 'precious');
      const before = sha256(existing);
      expect((await app.failure('project.create', { path: existing })).code).toBe('invalid-request');
      expect(sha256(existing)).toBe(before);

      const busy = join(dir.path, 'busy.midstance');
      await other.call('project.create', { path: busy });
      expect((await app.failure('project.create', { path: busy, overwrite: true })).code).toBe('project-locked');
      await app.call('project.create', { path: join(dir.path, 'mine.midstance') });
      expect((await app.failure('project.saveAs', { path: busy, overwrite: true })).code).toBe('project-locked');
      expect((await app.failure('project.saveAs', { path: busy })).code).toBe('invalid-request');

      await other.call('project.close', {});
      const replaced = await app.call('project.create', { path: existing, overwrite: true });
      expect(replaced.path).toBe(existing);
    } finally {
      await app.dispose();
      await other.dispose();
    }
  });

  it('switching projects closes the previous one; disposing the core closes the last one', async () => {
    const app = startApp(join(dir.path, 'data-switch'));
    const first = join(dir.path, 'first.midstance');
    const second = join(dir.path, 'second.midstance');
    await app.call('project.create', { path: first });
    await app.call('project.create', { path: second });
    // The first is free again: another process-level writer may open it.
    const firstAgain = await openProjectDb(first);
    firstAgain.db.close();
    await expect(openProjectDb(second)).rejects.toMatchObject({ code: 'project-locked' });
    await app.dispose();
    const secondAgain = await openProjectDb(second);
    secondAgain.db.close();
    expect(sideFiles(second)).toEqual([]);
  });
});

describe('save as', () => {
  it('writes a consistent copy while open, continues in the copy and re-bases clip paths on its folder', async () => {
    const app = startApp(join(dir.path, 'data-saveas'));
    try {
      const original = join(dir.path, 'saveas', 'original.midstance');
      await app.call('project.create', { path: original });
      const client = await app.call('clients.create', { name: 'Copy Me' });
      const session = await app.call('sessions.create', { clientId: client.record.id, date: '2026-04-04' });
      const video = await writeRealVideo(join(dir.path, 'saveas', 'videos', 'side.mp4'));
      const clip = await app.call('clips.add', { path: video, sessionId: session.record.id });
      expect(clip.record.relativePath).toBe('videos/side.mp4');
      for (let i = 0; i < 50; i++) {
        await app.call('annotations.create', {
          clipId: clip.record.id,
          frameIndex: i,
          frameTime: i / 240,
          geometry: goniometer(i),
          label: null,
          style: STYLE,
        });
      }

      const copy = join(dir.path, 'elsewhere', 'deeper', 'copy');
      const state = await app.call('project.saveAs', { path: copy });
      expect(state.path).toBe(`${copy}.midstance`);
      expect(state.name).toBe('copy');
      const [copiedClip] = await app.call('clips.list', {});
      expect(copiedClip).toMatchObject({
        relativePath: '../../saveas/videos/side.mp4',
        annotationCount: 50,
        media: { state: 'found', via: 'relative' },
      });
      await app.call('clients.update', { id: client.record.id, patch: { notes: 'only in the copy' } });
      await app.call('project.close', {});

      inspectRaw(state.path, (db) => {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        expect(db.prepare('SELECT count(*) FROM annotations').pluck().get()).toBe(50);
        expect(db.prepare('SELECT notes FROM clients').pluck().get()).toBe('only in the copy');
      });
      inspectRaw(original, (db) => {
        expect(db.prepare('SELECT count(*) FROM annotations').pluck().get()).toBe(50);
        expect(db.prepare('SELECT notes FROM clients').pluck().get()).toBe('');
      });
      expect(readdirSync(join(dir.path, 'elsewhere', 'deeper'))).toEqual(['copy.midstance']);
    } finally {
      await app.dispose();
    }
  });
});

describe('untitled projects', () => {
  it('keeps an untitled project until it is saved or discarded, and lists it after a restart', async () => {
    const dataDir = join(dir.path, 'data-untitled');
    let app = startApp(dataDir);
    const untitled = await app.call('project.create', {});
    expect(untitled.untitled).toBe(true);
    expect(untitled.path.startsWith(join(dataDir, 'untitled'))).toBe(true);
    const video = await writeRealVideo(join(dir.path, 'untitled-clip.mp4'));
    const clip = await app.call('clips.add', { path: video });
    await app.call('annotations.create', {
      clipId: clip.record.id,
      frameIndex: 3,
      frameTime: 0.0125,
      geometry: goniometer(3),
      label: 'knee',
      style: STYLE,
    });
    expect(await app.call('project.listUntitled', {})).toEqual([
      expect.objectContaining({ path: untitled.path, clipCount: 1, isOpen: true }),
    ]);
    // Untitled projects are not "recent files": they are offered from the untitled list instead.
    expect((await app.call('recent.list', {})).some((item) => item.path === untitled.path)).toBe(false);
    await app.dispose();

    app = startApp(dataDir);
    try {
      expect(await app.call('project.listUntitled', {})).toEqual([
        expect.objectContaining({ path: untitled.path, clipCount: 1, isOpen: false }),
      ]);
      const restored = await app.call('project.open', { path: untitled.path });
      expect(restored.untitled).toBe(true);

      const second = await app.call('project.create', {});
      expect(second.path).not.toBe(untitled.path);
      expect((await app.call('project.listUntitled', {})).length).toBe(2);
      expect((await app.call('project.discardUntitled', { path: second.path })).discarded).toBe(true);
      expect(await app.call('project.current', {})).toBeNull();
      expect(existsSync(second.path)).toBe(false);

      await app.call('project.open', { path: untitled.path });
      const saved = await app.call('project.saveAs', { path: join(dir.path, 'named.midstance') });
      expect(saved.untitled).toBe(false);
      expect(existsSync(untitled.path)).toBe(false);
      expect(await app.call('project.listUntitled', {})).toEqual([]);
      const [annotation] = await app.call('annotations.list', { clipId: clip.record.id });
      expect(annotation?.label).toBe('knee');

      // An untitled project that holds nothing is not worth keeping: closing removes it.
      const blank = await app.call('project.create', {});
      await app.call('project.open', { path: saved.path });
      expect(existsSync(blank.path)).toBe(false);

      // One that another Midstance (same user, same app folder) has open is not deleted under its feet.
      const other = startApp(dataDir);
      const busy = await other.call('project.create', {});
      await other.call('clips.add', { path: video });
      expect((await app.failure('project.discardUntitled', { path: busy.path })).code).toBe('project-locked');
      expect(existsSync(busy.path)).toBe(true);
      await other.dispose();
      expect(await app.call('project.discardUntitled', { path: busy.path })).toEqual({ discarded: true });
      expect(existsSync(busy.path)).toBe(false);

      const refused = await app.failure('project.discardUntitled', { path: saved.path });
      expect(refused.code).toBe('invalid-request');
      expect(existsSync(saved.path)).toBe(true);
    } finally {
      await app.dispose();
    }
  });
});
