import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import { MidstanceError } from '../../../common/contract/errors.ts';
import { GaitEvent, type GaitEventDraft, type GaitEventPatch } from '../../../common/contract/project.ts';
import { definedOnly, isUniqueViolation, notFound } from './common.ts';

interface GaitEventRow {
  id: string;
  clip_id: string;
  frame_index: number;
  frame_time: number;
  kind: string;
  side: string;
  created_at: string;
  updated_at: string;
}

const fromRow = (row: GaitEventRow): GaitEvent =>
  GaitEvent.parse({
    id: row.id,
    clipId: row.clip_id,
    frameIndex: row.frame_index,
    frameTime: row.frame_time,
    kind: row.kind,
    side: row.side,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });

function duplicate(error: unknown): unknown {
  return isUniqueViolation(error)
    ? new MidstanceError('invalid-request', 'This gait event is already marked on this frame.')
    : error;
}

export type GaitEventRepository = ReturnType<typeof createGaitEventRepository>;

export function createGaitEventRepository(db: Database) {
  const selectByClip = db.prepare<[string], GaitEventRow>(
    'SELECT * FROM gait_events WHERE clip_id = ? ORDER BY frame_index, side, kind',
  );
  const selectOne = db.prepare<[string], GaitEventRow>('SELECT * FROM gait_events WHERE id = ?');
  const clipExists = db.prepare<[string], { id: string }>('SELECT id FROM clips WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO gait_events (id, clip_id, frame_index, frame_time, kind, side, created_at, updated_at)
     VALUES (@id, @clipId, @frameIndex, @frameTime, @kind, @side, @createdAt, @updatedAt)`,
  );
  const write = db.prepare(
    `UPDATE gait_events SET frame_index = @frameIndex, frame_time = @frameTime, kind = @kind, side = @side,
       updated_at = @updatedAt WHERE id = @id`,
  );
  const remove = db.prepare('DELETE FROM gait_events WHERE id = ?');

  const get = (id: string): GaitEvent => {
    const row = selectOne.get(id);
    if (!row) throw notFound('gait event', id);
    return fromRow(row);
  };

  return {
    list: (clipId: string): GaitEvent[] => selectByClip.all(clipId).map(fromRow),
    get,
    create(draft: z.input<typeof GaitEventDraft>, now: string): GaitEvent {
      if (!clipExists.get(draft.clipId)) throw notFound('clip', draft.clipId);
      const event = GaitEvent.parse({ ...draft, id: draft.id ?? randomUUID(), createdAt: now, updatedAt: now });
      try {
        insert.run(event);
      } catch (error) {
        throw duplicate(error);
      }
      return event;
    },
    update(id: string, patch: z.input<typeof GaitEventPatch>, now: string): GaitEvent {
      const event = GaitEvent.parse({ ...get(id), ...definedOnly(patch), updatedAt: now });
      try {
        write.run(event);
      } catch (error) {
        throw duplicate(error);
      }
      return event;
    },
    delete(id: string): GaitEvent {
      const event = get(id);
      remove.run(id);
      return event;
    },
  };
}
