import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import { Annotation } from '../../../common/contract/annotation.ts';
import { MidstanceError } from '../../../common/contract/errors.ts';
import type { AnnotationDraft, AnnotationPatch } from '../../../common/contract/project.ts';
import { alreadyExists, definedOnly, isUniqueViolation, notFound } from './common.ts';

interface AnnotationRow {
  id: string;
  clip_id: string;
  frame_index: number;
  frame_time: number;
  kind: string;
  geometry: string;
  label: string | null;
  style: string;
  track_bindings: string | null;
  created_at: string;
  updated_at: string;
}

/** Stored geometry is checked on the way out too: a damaged row is reported, never shown half-parsed. */
function fromRow(row: AnnotationRow): Annotation {
  const parsed = Annotation.safeParse({
    id: row.id,
    clipId: row.clip_id,
    frameIndex: row.frame_index,
    frameTime: row.frame_time,
    geometry: safeJson(row.geometry),
    label: row.label,
    style: safeJson(row.style),
    trackBindings: row.track_bindings === null ? null : safeJson(row.track_bindings),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
  if (!parsed.success) {
    throw new MidstanceError(
      'project-invalid',
      'A stored measurement in this project is damaged and cannot be shown. The file was not changed.',
      { annotationId: row.id, clipId: row.clip_id, issue: parsed.error.issues[0]?.message },
    );
  }
  return parsed.data;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const toRow = (annotation: Annotation) => ({
  id: annotation.id,
  clipId: annotation.clipId,
  frameIndex: annotation.frameIndex,
  frameTime: annotation.frameTime,
  kind: annotation.geometry.kind,
  geometry: JSON.stringify(annotation.geometry),
  label: annotation.label,
  style: JSON.stringify(annotation.style),
  trackBindings: annotation.trackBindings ? JSON.stringify(annotation.trackBindings) : null,
  createdAt: annotation.createdAt,
  updatedAt: annotation.updatedAt,
});

export type AnnotationRepository = ReturnType<typeof createAnnotationRepository>;

export function createAnnotationRepository(db: Database) {
  const selectByClip = db.prepare<[string], AnnotationRow>(
    'SELECT * FROM annotations WHERE clip_id = ? ORDER BY frame_index, created_at',
  );
  const selectByFrame = db.prepare<[string, number], AnnotationRow>(
    'SELECT * FROM annotations WHERE clip_id = ? AND frame_index = ? ORDER BY created_at',
  );
  const selectOne = db.prepare<[string], AnnotationRow>('SELECT * FROM annotations WHERE id = ?');
  const clipExists = db.prepare<[string], { id: string }>('SELECT id FROM clips WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO annotations (id, clip_id, frame_index, frame_time, kind, geometry, label, style, track_bindings, created_at, updated_at)
     VALUES (@id, @clipId, @frameIndex, @frameTime, @kind, @geometry, @label, @style, @trackBindings, @createdAt, @updatedAt)`,
  );
  const write = db.prepare(
    `UPDATE annotations SET frame_index = @frameIndex, frame_time = @frameTime, kind = @kind, geometry = @geometry,
       label = @label, style = @style, track_bindings = @trackBindings, updated_at = @updatedAt
     WHERE id = @id`,
  );
  const remove = db.prepare('DELETE FROM annotations WHERE id = ?');
  const trackClip = db.prepare<[string], { clip_id: string }>('SELECT clip_id FROM tracks WHERE id = ?');

  /**
   * One binding per geometry point, each to a track of the same clip. A track id that no longer exists is kept
   * (an undo may bring back a measurement whose track was deleted; it shows as "track missing").
   */
  const checkBindings = (annotation: Annotation): Annotation => {
    const bindings = annotation.trackBindings;
    if (!bindings) return { ...annotation, trackBindings: null };
    if (bindings.length !== annotation.geometry.points.length) {
      throw new MidstanceError('invalid-request', 'A measurement needs one track binding per point.', {
        points: annotation.geometry.points.length,
        bindings: bindings.length,
      });
    }
    for (const trackId of bindings) {
      if (trackId === null) continue;
      const track = trackClip.get(trackId);
      if (track && track.clip_id !== annotation.clipId) {
        throw new MidstanceError('invalid-request', 'A measurement can only follow tracks of its own clip.', { trackId });
      }
    }
    return bindings.every((trackId) => trackId === null) ? { ...annotation, trackBindings: null } : annotation;
  };

  const get = (id: string): Annotation => {
    const row = selectOne.get(id);
    if (!row) throw notFound('measurement', id);
    return fromRow(row);
  };

  return {
    list(clipId: string, frameIndex?: number): Annotation[] {
      const rows = frameIndex === undefined ? selectByClip.all(clipId) : selectByFrame.all(clipId, frameIndex);
      return rows.map(fromRow);
    },
    get,
    create(draft: AnnotationDraft, now: string): Annotation {
      if (!clipExists.get(draft.clipId)) throw notFound('clip', draft.clipId);
      const annotation = checkBindings(
        Annotation.parse({ ...draft, id: draft.id ?? randomUUID(), createdAt: now, updatedAt: now }),
      );
      try {
        insert.run(toRow(annotation));
      } catch (error) {
        throw isUniqueViolation(error) ? alreadyExists('measurement') : error;
      }
      return annotation;
    },
    update(id: string, patch: z.input<typeof AnnotationPatch>, now: string): Annotation {
      const annotation = checkBindings(Annotation.parse({ ...get(id), ...definedOnly(patch), updatedAt: now }));
      write.run(toRow(annotation));
      return annotation;
    },
    delete(id: string): Annotation {
      const annotation = get(id);
      remove.run(id);
      return annotation;
    },
  };
}
