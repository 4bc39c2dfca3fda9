import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { loadChecklist, RUNNING_TECHNIQUE_CHECKLIST } from '../../../common/checklist/checklist.ts';
import { closeProjectDb, createProjectFile, openProjectDb } from '../../../main/project/db.ts';
import { initialSchema } from '../../../main/project/migrations/001-initial.ts';
import { createChecklistRepository } from '../../../main/project/repositories/checklist.ts';
import { tempDir } from './helpers.ts';

const dir = tempDir();
afterAll(() => dir.remove());

/** A project written by a Midstance that only knew format 1, with one session and one checklist answer. */
function formatOneProject(name: string): string {
  const path = join(dir.path, name);
  createProjectFile(path, {}, { migrations: [initialSchema] });
  const db = new Database(path);
  const now = '2026-05-01T10:00:00.000Z';
  db.prepare("INSERT INTO clients (id, name, created_at, updated_at) VALUES ('c1', 'Ria', ?, ?)").run(now, now);
  db.prepare(
    `INSERT INTO sessions (id, client_id, date, notes_updated_at, created_at, updated_at)
     VALUES ('s1', 'c1', '2026-05-01', ?, ?, ?)`,
  ).run(now, now, now);
  db.prepare("INSERT INTO checklist_answers (session_id, item_key, answer, note, updated_at) VALUES ('s1', 'side-speed.bounce', 'needs-attention', 'bouncy', ?)").run(now);
  db.close();
  return path;
}

describe('checklist answers in the project file', () => {
  it('migrates format 1: existing answers belong to checklist version 1 and have no stills', async () => {
    const path = formatOneProject('format-1.midstance');
    const project = await openProjectDb(path);
    try {
      expect(project.migratedFrom).toBe(1);
      const answers = createChecklistRepository(project.db).list('s1');
      expect(answers).toEqual([
        expect.objectContaining({ itemKey: 'side-speed.bounce', answer: 'needs-attention', note: 'bouncy', stills: [], checklistVersion: 1 }),
      ]);
    } finally {
      closeProjectDb(project);
    }
  });

  it('stamps the current checklist version and moves an answer given under a renamed key to its new key', async () => {
    const path = formatOneProject('renamed.midstance');
    const project = await openProjectDb(path);
    try {
      const data = {
        version: 2,
        history: [{ version: 2, renamed: { 'side-speed.bounce': 'side-speed.vertical-motion' }, removed: [] }],
        groups: RUNNING_TECHNIQUE_CHECKLIST.groups.map((group) => ({
          ...group,
          items: group.items.map((item) => (item.key === 'side-speed.bounce' ? { ...item, key: 'side-speed.vertical-motion' } : item)),
        })),
        drills: RUNNING_TECHNIQUE_CHECKLIST.drills,
      };
      const v2 = loadChecklist(data);
      const repo = createChecklistRepository(project.db);
      const saved = repo.set({ sessionId: 's1', itemKey: 'side-speed.vertical-motion', stills: [{ clipId: 'clip-1', frameIndex: 7 }] }, '2026-06-01T00:00:00.000Z', v2);
      // The physio's earlier status and note come along; the row now speaks version 2.
      expect(saved).toMatchObject({ answer: 'needs-attention', note: 'bouncy', stills: [{ clipId: 'clip-1', frameIndex: 7 }], checklistVersion: 2 });
      expect(repo.list('s1').map((a) => [a.itemKey, a.checklistVersion])).toEqual([['side-speed.vertical-motion', 2]]);
    } finally {
      closeProjectDb(project);
    }
  });

  it('reads an unreadable stills value as no stills instead of failing the session', async () => {
    const path = formatOneProject('bad-stills.midstance');
    const project = await openProjectDb(path);
    try {
      project.db.prepare("UPDATE checklist_answers SET stills = 'not json'").run();
      expect(createChecklistRepository(project.db).list('s1')[0]?.stills).toEqual([]);
    } finally {
      closeProjectDb(project);
    }
  });
});
