import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { STYLE, goniometer, startProjectService, tempDir, writeVideo } from './helpers.ts';

const dir = tempDir();
afterAll(() => dir.remove());

/**
 * A real SQLITE_FULL from the real write path: SQLite's max_page_count caps the file the way a full disk
 * does. The failing edit must answer 'disk-full', change nothing, and every earlier edit must stay.
 */
describe('a full disk', () => {
  it("answers 'disk-full', loses nothing, and the project works again once there is room", async () => {
    const app = startProjectService(join(dir.path, 'data'));
    const path = join(dir.path, 'full.midstance');
    try {
      await app.call('project.create', { path });
      const client = await app.call('clients.create', { name: 'Full Disk' });
      const session = await app.call('sessions.create', { clientId: client.record.id, date: '2026-02-02' });
      const clip = await app.call('clips.add', { path: writeVideo(join(dir.path, 'c.mp4'), 1000), sessionId: session.record.id });

      const db = app.service.store().file.db;
      const pages = db.pragma('page_count', { simple: true }) as number;
      db.pragma(`max_page_count = ${pages + 3}`);

      const saved: string[] = [];
      let failure: { code: string; message: string } | undefined;
      for (let i = 0; i < 500 && !failure; i++) {
        try {
          const created = await app.call('annotations.create', {
            clipId: clip.record.id,
            frameIndex: i,
            frameTime: i / 240,
            geometry: { kind: 'text', points: [{ x: 1, y: 2 }], text: `${i} ${'long note '.repeat(150)}` },
            label: null,
            style: STYLE,
          });
          saved.push(created.record.id);
        } catch (error) {
          failure = error as { code: string; message: string };
        }
      }
      expect(failure?.code).toBe('disk-full');
      expect(failure?.message).toMatch(/disk is full/);
      expect(saved.length).toBeGreaterThan(0);

      // Nothing half-written, nothing lost; reads still work while the disk is full.
      const listed = await app.call('annotations.list', { clipId: clip.record.id });
      expect(listed.map((a) => a.id)).toEqual(saved);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');

      db.pragma('max_page_count = 4294967294');
      const after = await app.call('annotations.create', {
        clipId: clip.record.id,
        frameIndex: 1,
        frameTime: 1 / 240,
        geometry: goniometer(1),
        label: 'after',
        style: STYLE,
      });
      expect(after.savedAt).toBeTruthy();

      await app.call('project.close', {});
      await app.call('project.open', { path });
      const reopened = await app.call('annotations.list', { clipId: clip.record.id });
      expect(reopened.map((a) => a.id).sort()).toEqual([...saved, after.record.id].sort());
    } finally {
      await app.dispose();
    }
  });
});

