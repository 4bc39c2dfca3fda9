import type { Migration } from './types.ts';

/**
 * Checklist answers remember the checklist version they were given under (so a session answered before the
 * checklist changed is still read against the right items) and the stills linked to them (clip + frame).
 * Answers written before this step belong to version 1 of the checklist, the only one there was.
 */
export const checklistVersionAndStills: Migration = {
  version: 2,
  name: 'checklist version and stills',
  up(db) {
    db.exec(`
      ALTER TABLE checklist_answers ADD COLUMN checklist_version INTEGER NOT NULL DEFAULT 1 CHECK (checklist_version >= 1);
      ALTER TABLE checklist_answers ADD COLUMN stills TEXT NOT NULL DEFAULT '[]';
    `);
  },
};
