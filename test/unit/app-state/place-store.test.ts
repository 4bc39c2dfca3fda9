import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPlaceStore } from '../../../main/app-state/place-store.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'midstance-places-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const place = (frame: number) => ({ frame, view: { transform: { scale: 2, x: -10, y: 5 }, fitted: false } });

describe('place store', () => {
  it('keeps the selection and each clip’s place per project, across a restart', () => {
    const store = createPlaceStore(dir);
    store.remember('/p/a.midstance', { selection: { clientId: 'c', sessionId: 's', clipId: 'k2' } });
    store.remember('/p/a.midstance', { clip: { clipId: 'k2', place: place(37) } });
    store.remember('/p/a.midstance', { clip: { clipId: 'k1', place: { frame: 3, view: null } } });
    store.noteOpenProject('/p/a.midstance');
    const again = createPlaceStore(dir);
    expect(again.get('/p/a.midstance')).toEqual({
      selection: { clientId: 'c', sessionId: 's', clipId: 'k2' },
      clips: { k2: place(37), k1: { frame: 3, view: null } },
    });
    expect(again.get('/p/b.midstance')).toEqual({ selection: { clientId: null, sessionId: null, clipId: null }, clips: {} });
    expect(again.openProject()).toBe('/p/a.midstance');
    again.copy('/p/a.midstance', '/p/copy.midstance');
    expect(again.get('/p/copy.midstance')).toEqual(again.get('/p/a.midstance'));
    again.noteOpenProject(null);
    expect(createPlaceStore(dir).openProject()).toBeNull();
  });

  it('forgets the least recently used projects beyond 50 and starts afresh from a damaged file', () => {
    const store = createPlaceStore(dir);
    for (let i = 0; i < 52; i++) store.remember(`/p/${i}.midstance`, { clip: { clipId: 'k', place: place(i) } });
    const saved = JSON.parse(readFileSync(join(dir, 'places.json'), 'utf8')) as { projects: Record<string, unknown> };
    expect(Object.keys(saved.projects)).toHaveLength(50);
    expect(saved.projects['/p/0.midstance']).toBeUndefined();
    expect(saved.projects['/p/51.midstance']).toBeDefined();
    writeFileSync(join(dir, 'places.json'), '{"openProject": 5');
    expect(createPlaceStore(dir).openProject()).toBeNull();
  });
});

describe('places through the core', () => {
  it('belong to the open project, follow it into a Save as copy, and note the project open at quit until it is closed', async () => {
    const { createCore } = await import('../../../main/core/create-core.ts');
    const core = createCore({ shell: 'test', dataDir: dir });
    try {
      const call = core.handlers;
      const original = join(dir, 'Praktijk.midstance');
      await call['project.create']({ path: original }, {});
      await call['place.remember']({ selection: { clientId: null, sessionId: null, clipId: 'k' }, clip: { clipId: 'k', place: place(12) } }, {});
      const copy = join(dir, 'Kopie.midstance');
      await call['project.saveAs']({ path: copy }, {});
      expect((await call['place.get']({}, {})).clips.k?.frame).toBe(12);
      expect(createPlaceStore(dir).openProject()).toBe(copy);
      await call['project.close']({}, {});
      expect(createPlaceStore(dir).openProject()).toBeNull();
      expect(core.resumeLastProject()).toBe(false);
    } finally {
      await core.dispose();
    }
  });
});
