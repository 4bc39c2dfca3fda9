import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import {
  type FrameRange,
  Track,
  type TrackDraft,
  type TrackPatch,
  type TrackPoint,
  type TrackPointsEdit,
  type TrackWithPoints,
} from '../../../common/contract/track.ts';
import { MidstanceError } from '../../../common/contract/errors.ts';
import { alreadyExists, definedOnly, isUniqueViolation, notFound } from './common.ts';

interface TrackRow {
  id: string;
  clip_id: string;
  label: string;
  source: string;
  landmark: string | null;
  status: string;
  created_at: string;
  updated_at: string;
  point_count: number;
  first_frame: number | null;
  last_frame: number | null;
}

interface PointRow {
  frame_index: number;
  x: number;
  y: number;
  confidence: number;
  anchor: number;
}

const fromRow = (row: TrackRow): Track =>
  Track.parse({
    id: row.id,
    clipId: row.clip_id,
    label: row.label,
    source: row.source,
    landmark: row.landmark,
    status: row.status,
    pointCount: row.point_count,
    firstFrame: row.first_frame,
    lastFrame: row.last_frame,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });

const pointFromRow = (row: PointRow): TrackPoint => ({
  frameIndex: row.frame_index,
  x: row.x,
  y: row.y,
  confidence: row.confidence,
  anchor: row.anchor === 1,
});

const TRACK_COLUMNS = `t.*, (SELECT count(*) FROM track_points p WHERE p.track_id = t.id) AS point_count,
  (SELECT min(frame_index) FROM track_points p WHERE p.track_id = t.id) AS first_frame,
  (SELECT max(frame_index) FROM track_points p WHERE p.track_id = t.id) AS last_frame`;

/** Points must lie inside the range they replace and name each frame once. */
function checkPoints(points: readonly TrackPoint[], range: FrameRange | null): void {
  const seen = new Set<number>();
  for (const point of points) {
    if (seen.has(point.frameIndex)) {
      throw new MidstanceError('invalid-request', `Frame ${point.frameIndex} is given twice for this track.`);
    }
    seen.add(point.frameIndex);
    if (range && (point.frameIndex < range.fromFrame || point.frameIndex > range.toFrame)) {
      throw new MidstanceError('invalid-request', `Frame ${point.frameIndex} lies outside the frames being replaced.`);
    }
  }
}

export type TrackRepository = ReturnType<typeof createTrackRepository>;

export function createTrackRepository(db: Database) {
  const selectByClip = db.prepare<[string], TrackRow>(
    `SELECT ${TRACK_COLUMNS} FROM tracks t WHERE t.clip_id = ? ORDER BY t.created_at, t.id`,
  );
  const selectOne = db.prepare<[string], TrackRow>(`SELECT ${TRACK_COLUMNS} FROM tracks t WHERE t.id = ?`);
  const clipExists = db.prepare<[string], { id: string }>('SELECT id FROM clips WHERE id = ?');
  const insertTrack = db.prepare(
    `INSERT INTO tracks (id, clip_id, label, source, landmark, status, created_at, updated_at)
     VALUES (@id, @clipId, @label, @source, @landmark, @status, @createdAt, @updatedAt)`,
  );
  const writeTrack = db.prepare(
    'UPDATE tracks SET label = @label, landmark = @landmark, status = @status, updated_at = @updatedAt WHERE id = @id',
  );
  const touch = db.prepare<[string, string]>('UPDATE tracks SET updated_at = ? WHERE id = ?');
  const removeTrack = db.prepare('DELETE FROM tracks WHERE id = ?');
  const allPoints = db.prepare<[string], PointRow>(
    'SELECT frame_index, x, y, confidence, anchor FROM track_points WHERE track_id = ? ORDER BY frame_index',
  );
  const rangePoints = db.prepare<[string, number, number], PointRow>(
    `SELECT frame_index, x, y, confidence, anchor FROM track_points
     WHERE track_id = ? AND frame_index BETWEEN ? AND ? ORDER BY frame_index`,
  );
  const onePoint = db.prepare<[string, number], PointRow>(
    'SELECT frame_index, x, y, confidence, anchor FROM track_points WHERE track_id = ? AND frame_index = ?',
  );
  const deleteAllPoints = db.prepare<[string]>('DELETE FROM track_points WHERE track_id = ?');
  const deleteRange = db.prepare<[string, number, number]>(
    'DELETE FROM track_points WHERE track_id = ? AND frame_index BETWEEN ? AND ?',
  );
  const insertPoint = db.prepare<[string, number, number, number, number, number]>(
    'INSERT OR REPLACE INTO track_points (track_id, frame_index, x, y, confidence, anchor) VALUES (?, ?, ?, ?, ?, ?)',
  );

  const get = (id: string): Track => {
    const row = selectOne.get(id);
    if (!row) throw notFound('track', id);
    return fromRow(row);
  };
  const points = (id: string, range?: Partial<FrameRange>): TrackPoint[] => {
    const from = range?.fromFrame;
    const to = range?.toFrame;
    const rows =
      from === undefined && to === undefined
        ? allPoints.all(id)
        : rangePoints.all(id, from ?? 0, to ?? Number.MAX_SAFE_INTEGER);
    return rows.map(pointFromRow);
  };
  const insertPoints = (id: string, list: readonly TrackPoint[]) => {
    for (const p of list) insertPoint.run(id, p.frameIndex, p.x, p.y, p.confidence, p.anchor ? 1 : 0);
  };

  return {
    list: (clipId: string): Track[] => selectByClip.all(clipId).map(fromRow),
    get,
    points,
    withPoints(id: string, range?: Partial<FrameRange>): TrackWithPoints {
      return { ...get(id), points: points(id, range) };
    },
    create(draft: TrackDraft, now: string): TrackWithPoints {
      if (!clipExists.get(draft.clipId)) throw notFound('clip', draft.clipId);
      const list = draft.points ?? [];
      checkPoints(list, null);
      const id = draft.id ?? randomUUID();
      const row = {
        id,
        clipId: draft.clipId,
        label: draft.label ?? '',
        source: draft.source,
        landmark: draft.landmark ?? null,
        status: draft.status ?? (draft.source === 'pose' ? 'proposed' : 'accepted'),
        createdAt: now,
        updatedAt: now,
      };
      try {
        insertTrack.run(row);
      } catch (error) {
        throw isUniqueViolation(error) ? alreadyExists('track') : error;
      }
      insertPoints(id, list);
      return { ...get(id), points: points(id) };
    },
    update(id: string, patch: TrackPatch, now: string): Track {
      const track = { ...get(id), ...definedOnly(patch), updatedAt: now };
      writeTrack.run(track);
      return get(id);
    },
    /** Replaces the points in `range` (every point when null); answers with what was there before. */
    replacePoints(id: string, range: FrameRange | null, list: readonly TrackPoint[], now: string): TrackPointsEdit {
      get(id);
      checkPoints(list, range);
      const replaced = range ? points(id, range) : points(id);
      if (range) deleteRange.run(id, range.fromFrame, range.toFrame);
      else deleteAllPoints.run(id);
      insertPoints(id, list);
      touch.run(now, id);
      return { track: get(id), replaced, range };
    },
    /** The user placed the point on this frame: it becomes an anchor (or stops being one with anchor false). */
    setAnchor(id: string, point: { frameIndex: number; x: number; y: number; anchor?: boolean }, now: string): TrackPointsEdit {
      get(id);
      const before = onePoint.get(id, point.frameIndex);
      const anchor = point.anchor ?? true;
      insertPoint.run(id, point.frameIndex, point.x, point.y, anchor ? 1 : (before?.confidence ?? 1), anchor ? 1 : 0);
      touch.run(now, id);
      return {
        track: get(id),
        replaced: before ? [pointFromRow(before)] : [],
        range: { fromFrame: point.frameIndex, toFrame: point.frameIndex },
      };
    },
    delete(id: string): TrackWithPoints {
      const track = { ...get(id), points: points(id) };
      removeTrack.run(id);
      return track;
    },
  };
}
