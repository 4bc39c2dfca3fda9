import type { Migration } from './types.ts';

/**
 * Proposed gait events the user rejected, per clip: a rejected proposal is not proposed again (until the user
 * asks to see the rejected ones). A proposal is named by foot, kind and frame, as proposals are recomputed from
 * the tracks each time and have no id of their own.
 */
export const rejectedGaitProposals: Migration = {
  version: 5,
  name: 'rejected-gait-proposals',
  up(db) {
    db.exec(`
      CREATE TABLE rejected_gait_proposals (
        clip_id     TEXT NOT NULL REFERENCES clips(id) ON DELETE CASCADE,
        side        TEXT NOT NULL CHECK (side IN ('left', 'right')),
        kind        TEXT NOT NULL CHECK (kind IN ('initial-contact', 'midstance', 'toe-off')),
        frame_index INTEGER NOT NULL CHECK (frame_index >= 0),
        created_at  TEXT NOT NULL,
        PRIMARY KEY (clip_id, side, kind, frame_index)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
