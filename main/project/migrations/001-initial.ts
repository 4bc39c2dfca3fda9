import type { Migration } from './types.ts';

/** Ids are random UUIDs (TEXT); times are ISO-8601 UTC strings; JSON columns hold zod-checked shapes. */
export const initialSchema: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE project_meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE clients (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL,
        birth_year  INTEGER,
        notes       TEXT NOT NULL DEFAULT '',
        external_id TEXT,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
      ) STRICT;

      CREATE TABLE sessions (
        id                  TEXT PRIMARY KEY,
        client_id           TEXT NOT NULL REFERENCES clients(id) ON DELETE RESTRICT,
        date                TEXT NOT NULL,
        assessor            TEXT NOT NULL DEFAULT '',
        training_volume     TEXT NOT NULL DEFAULT '',
        complaints          TEXT NOT NULL DEFAULT '',
        goals               TEXT NOT NULL DEFAULT '',
        treadmill_speed_kmh REAL,
        incline_percent     REAL,
        shoes               TEXT NOT NULL DEFAULT '',
        shoe_mileage_km     REAL,
        camera_views        TEXT NOT NULL DEFAULT '[]',
        camera_distance_m   REAL,
        camera_height_m     REAL,
        findings            TEXT NOT NULL DEFAULT '',
        advice              TEXT NOT NULL DEFAULT '',
        notes_updated_at    TEXT NOT NULL,
        created_at          TEXT NOT NULL,
        updated_at          TEXT NOT NULL
      ) STRICT;
      CREATE INDEX sessions_by_client ON sessions(client_id, date);

      -- Deleting a session unfiles its clips (session_id NULL) so measurements are never lost with it.
      CREATE TABLE clips (
        id            TEXT PRIMARY KEY,
        session_id    TEXT REFERENCES sessions(id) ON DELETE SET NULL,
        name          TEXT NOT NULL,
        relative_path TEXT NOT NULL,
        absolute_path TEXT NOT NULL,
        size          INTEGER NOT NULL CHECK (size >= 0),
        fingerprint   TEXT NOT NULL,
        capture_fps   REAL CHECK (capture_fps IS NULL OR capture_fps > 0),
        view          TEXT CHECK (view IS NULL OR view IN ('side-left', 'side-right', 'front', 'rear')),
        created_at    TEXT NOT NULL,
        updated_at    TEXT NOT NULL
      ) STRICT;
      CREATE INDEX clips_by_session ON clips(session_id);

      CREATE TABLE annotations (
        id          TEXT PRIMARY KEY,
        clip_id     TEXT NOT NULL REFERENCES clips(id) ON DELETE CASCADE,
        frame_index INTEGER NOT NULL CHECK (frame_index >= 0),
        frame_time  REAL NOT NULL,
        kind        TEXT NOT NULL,
        geometry    TEXT NOT NULL,
        label       TEXT,
        style       TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX annotations_by_clip_frame ON annotations(clip_id, frame_index);

      CREATE TABLE gait_events (
        id          TEXT PRIMARY KEY,
        clip_id     TEXT NOT NULL REFERENCES clips(id) ON DELETE CASCADE,
        frame_index INTEGER NOT NULL CHECK (frame_index >= 0),
        frame_time  REAL NOT NULL,
        kind        TEXT NOT NULL CHECK (kind IN ('initial-contact', 'midstance', 'toe-off')),
        side        TEXT NOT NULL CHECK (side IN ('left', 'right')),
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        UNIQUE (clip_id, side, kind, frame_index)
      ) STRICT;

      CREATE TABLE checklist_answers (
        session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        item_key   TEXT NOT NULL,
        answer     TEXT NOT NULL,
        note       TEXT NOT NULL DEFAULT '',
        updated_at TEXT NOT NULL,
        PRIMARY KEY (session_id, item_key)
      ) STRICT;
    `);
  },
};
