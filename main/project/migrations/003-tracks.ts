import type { Migration } from './types.ts';

/**
 * Tracks: a point followed through a clip (point tracking, colour blob, or a pose landmark), one row per frame in
 * track_points. Coordinates are source pixels of the upright frame. Anchors are frames the user placed by hand;
 * tracking never moves them. WITHOUT ROWID keeps a track's points together on disk, ordered by frame.
 */
export const tracks: Migration = {
  version: 3,
  name: 'tracks',
  up(db) {
    db.exec(`
      CREATE TABLE tracks (
        id         TEXT PRIMARY KEY,
        clip_id    TEXT NOT NULL REFERENCES clips(id) ON DELETE CASCADE,
        label      TEXT NOT NULL DEFAULT '',
        source     TEXT NOT NULL CHECK (source IN ('point', 'blob', 'pose')),
        landmark   TEXT NULL, -- pose landmark name, e.g. leftKnee
        status     TEXT NOT NULL CHECK (status IN ('proposed', 'accepted')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX tracks_by_clip ON tracks(clip_id);

      CREATE TABLE track_points (
        track_id    TEXT NOT NULL REFERENCES tracks(id) ON DELETE CASCADE,
        frame_index INTEGER NOT NULL CHECK (frame_index >= 0),
        x           REAL NOT NULL,
        y           REAL NOT NULL,
        confidence  REAL NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
        anchor      INTEGER NOT NULL DEFAULT 0 CHECK (anchor IN (0, 1)),
        PRIMARY KEY (track_id, frame_index)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
