import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { Clip, ClipView } from '../../../common/contract/project.ts';
import { notFound } from './common.ts';

/** A clip as stored; where its video is found right now (Clip.media) is added by the caller. */
export type StoredClip = Omit<Clip, 'media'>;

interface ClipRow {
  id: string;
  session_id: string | null;
  name: string;
  relative_path: string;
  absolute_path: string;
  size: number;
  fingerprint: string;
  capture_fps: number | null;
  view: ClipView | null;
  created_at: string;
  updated_at: string;
  annotation_count: number;
}

const fromRow = (row: ClipRow): StoredClip => ({
  id: row.id,
  sessionId: row.session_id,
  name: row.name,
  relativePath: row.relative_path,
  absolutePath: row.absolute_path,
  size: row.size,
  fingerprint: row.fingerprint,
  captureFps: row.capture_fps,
  view: row.view,
  annotationCount: row.annotation_count,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const SELECT = `SELECT c.*, (SELECT count(*) FROM annotations a WHERE a.clip_id = c.id) AS annotation_count FROM clips c`;
const ORDER = 'ORDER BY c.created_at, c.name';

export interface NewClip {
  sessionId: string | null;
  name: string;
  relativePath: string;
  absolutePath: string;
  size: number;
  fingerprint: string;
  captureFps: number | null;
  view: ClipView | null;
}

export type ClipRepository = ReturnType<typeof createClipRepository>;

export function createClipRepository(db: Database) {
  const selectAll = db.prepare<[], ClipRow>(`${SELECT} ${ORDER}`);
  const selectBySession = db.prepare<[string], ClipRow>(`${SELECT} WHERE c.session_id = ? ${ORDER}`);
  const selectUnfiled = db.prepare<[], ClipRow>(`${SELECT} WHERE c.session_id IS NULL ${ORDER}`);
  const selectOne = db.prepare<[string], ClipRow>(`${SELECT} WHERE c.id = ?`);
  const sessionExists = db.prepare<[string], { id: string }>('SELECT id FROM sessions WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO clips (id, session_id, name, relative_path, absolute_path, size, fingerprint, capture_fps, view,
       created_at, updated_at)
     VALUES (@id, @sessionId, @name, @relativePath, @absolutePath, @size, @fingerprint, @captureFps, @view,
       @createdAt, @updatedAt)`,
  );
  const write = db.prepare(
    `UPDATE clips SET session_id = @sessionId, name = @name, relative_path = @relativePath,
       absolute_path = @absolutePath, size = @size, fingerprint = @fingerprint, capture_fps = @captureFps,
       view = @view, updated_at = @updatedAt
     WHERE id = @id`,
  );
  const remove = db.prepare('DELETE FROM clips WHERE id = ?');

  const get = (id: string): StoredClip => {
    const row = selectOne.get(id);
    if (!row) throw notFound('clip', id);
    return fromRow(row);
  };
  const requireSession = (sessionId: string | null) => {
    if (sessionId !== null && !sessionExists.get(sessionId)) throw notFound('session', sessionId);
  };
  const save = (clip: StoredClip): StoredClip => {
    write.run(clip);
    return clip;
  };

  return {
    /** undefined: all clips; null: clips not filed under a session. */
    list(sessionId?: string | null): StoredClip[] {
      const rows =
        sessionId === undefined ? selectAll.all() : sessionId === null ? selectUnfiled.all() : selectBySession.all(sessionId);
      return rows.map(fromRow);
    },
    get,
    create(clip: NewClip, now: string): StoredClip {
      requireSession(clip.sessionId);
      const stored: StoredClip = { id: randomUUID(), ...clip, annotationCount: 0, createdAt: now, updatedAt: now };
      insert.run(stored);
      return stored;
    },
    update(
      id: string,
      patch: Partial<Pick<StoredClip, 'sessionId' | 'name' | 'captureFps' | 'view'>>,
      now: string,
    ): StoredClip {
      if (patch.sessionId !== undefined) requireSession(patch.sessionId);
      const current = get(id);
      const next = { ...current, updatedAt: now };
      if (patch.sessionId !== undefined) next.sessionId = patch.sessionId;
      if (patch.name !== undefined) next.name = patch.name;
      if (patch.captureFps !== undefined) next.captureFps = patch.captureFps;
      if (patch.view !== undefined) next.view = patch.view;
      return save(next);
    },
    /** Records where the video is now; size and fingerprint change only on a forced relink. */
    setMedia(
      id: string,
      media: Pick<StoredClip, 'relativePath' | 'absolutePath' | 'size' | 'fingerprint'>,
      now: string,
    ): StoredClip {
      return save({ ...get(id), ...media, updatedAt: now });
    },
    delete(id: string): StoredClip {
      const clip = get(id);
      remove.run(id);
      return clip;
    },
  };
}
