import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { z } from 'zod';
import {
  ClipView,
  Session,
  type SessionDraft,
  SessionNotes,
  type SessionPatch,
} from '../../../common/contract/project.ts';
import { definedOnly, alreadyExists, isUniqueViolation, notFound } from './common.ts';

interface SessionRow {
  id: string;
  client_id: string;
  date: string;
  assessor: string;
  training_volume: string;
  complaints: string;
  goals: string;
  treadmill_speed_kmh: number | null;
  incline_percent: number | null;
  shoes: string;
  shoe_mileage_km: number | null;
  camera_views: string;
  camera_distance_m: number | null;
  camera_height_m: number | null;
  findings: string;
  advice: string;
  notes_updated_at: string;
  created_at: string;
  updated_at: string;
}

const Views = z.array(ClipView);

const fromRow = (row: SessionRow): Session => ({
  id: row.id,
  clientId: row.client_id,
  date: row.date,
  assessor: row.assessor,
  history: { trainingVolume: row.training_volume, complaints: row.complaints, goals: row.goals },
  protocol: {
    treadmillSpeedKmh: row.treadmill_speed_kmh,
    inclinePercent: row.incline_percent,
    shoes: row.shoes,
    shoeMileageKm: row.shoe_mileage_km,
  },
  camera: {
    views: Views.parse(JSON.parse(row.camera_views)),
    distanceM: row.camera_distance_m,
    heightM: row.camera_height_m,
  },
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

const toRow = (session: Session) => ({
  id: session.id,
  clientId: session.clientId,
  date: session.date,
  assessor: session.assessor,
  trainingVolume: session.history.trainingVolume,
  complaints: session.history.complaints,
  goals: session.history.goals,
  treadmillSpeedKmh: session.protocol.treadmillSpeedKmh,
  inclinePercent: session.protocol.inclinePercent,
  shoes: session.protocol.shoes,
  shoeMileageKm: session.protocol.shoeMileageKm,
  cameraViews: JSON.stringify(session.camera.views),
  cameraDistanceM: session.camera.distanceM,
  cameraHeightM: session.camera.heightM,
  createdAt: session.createdAt,
  updatedAt: session.updatedAt,
});

export type SessionRepository = ReturnType<typeof createSessionRepository>;

export function createSessionRepository(db: Database) {
  const selectAll = db.prepare<[], SessionRow>('SELECT * FROM sessions ORDER BY date DESC, created_at DESC');
  const selectByClient = db.prepare<[string], SessionRow>(
    'SELECT * FROM sessions WHERE client_id = ? ORDER BY date DESC, created_at DESC',
  );
  const selectOne = db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE id = ?');
  const clientExists = db.prepare<[string], { id: string }>('SELECT id FROM clients WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO sessions (id, client_id, date, assessor, training_volume, complaints, goals, treadmill_speed_kmh,
       incline_percent, shoes, shoe_mileage_km, camera_views, camera_distance_m, camera_height_m,
       notes_updated_at, created_at, updated_at)
     VALUES (@id, @clientId, @date, @assessor, @trainingVolume, @complaints, @goals, @treadmillSpeedKmh,
       @inclinePercent, @shoes, @shoeMileageKm, @cameraViews, @cameraDistanceM, @cameraHeightM,
       @createdAt, @createdAt, @updatedAt)`,
  );
  const write = db.prepare(
    `UPDATE sessions SET client_id = @clientId, date = @date, assessor = @assessor,
       training_volume = @trainingVolume, complaints = @complaints, goals = @goals,
       treadmill_speed_kmh = @treadmillSpeedKmh, incline_percent = @inclinePercent, shoes = @shoes,
       shoe_mileage_km = @shoeMileageKm, camera_views = @cameraViews, camera_distance_m = @cameraDistanceM,
       camera_height_m = @cameraHeightM, updated_at = @updatedAt
     WHERE id = @id`,
  );
  const remove = db.prepare('DELETE FROM sessions WHERE id = ?');
  const writeNotes = db.prepare(
    'UPDATE sessions SET findings = @findings, advice = @advice, notes_updated_at = @updatedAt WHERE id = @sessionId',
  );

  const row = (id: string): SessionRow => {
    const found = selectOne.get(id);
    if (!found) throw notFound('session', id);
    return found;
  };
  const get = (id: string): Session => fromRow(row(id));
  const requireClient = (clientId: string) => {
    if (!clientExists.get(clientId)) throw notFound('client', clientId);
  };

  return {
    list: (clientId?: string): Session[] =>
      (clientId === undefined ? selectAll.all() : selectByClient.all(clientId)).map(fromRow),
    get,
    create(draft: SessionDraft, now: string): Session {
      requireClient(draft.clientId);
      const session = Session.parse({
        id: draft.id ?? randomUUID(),
        clientId: draft.clientId,
        date: draft.date,
        assessor: draft.assessor ?? '',
        history: { trainingVolume: '', complaints: '', goals: '', ...definedOnly(draft.history ?? {}) },
        protocol: {
          treadmillSpeedKmh: null,
          inclinePercent: null,
          shoes: '',
          shoeMileageKm: null,
          ...definedOnly(draft.protocol ?? {}),
        },
        camera: { views: [], distanceM: null, heightM: null, ...definedOnly(draft.camera ?? {}) },
        createdAt: now,
        updatedAt: now,
      });
      try {
        insert.run(toRow(session));
      } catch (error) {
        throw isUniqueViolation(error) ? alreadyExists('session') : error;
      }
      return session;
    },
    update(id: string, patch: z.input<typeof SessionPatch>, now: string): Session {
      const current = get(id);
      if (patch.clientId !== undefined) requireClient(patch.clientId);
      const session = Session.parse({
        ...current,
        ...definedOnly({ clientId: patch.clientId, date: patch.date, assessor: patch.assessor }),
        history: { ...current.history, ...definedOnly(patch.history ?? {}) },
        protocol: { ...current.protocol, ...definedOnly(patch.protocol ?? {}) },
        camera: { ...current.camera, ...definedOnly(patch.camera ?? {}) },
        updatedAt: now,
      });
      write.run(toRow(session));
      return session;
    },
    delete(id: string): Session {
      const session = get(id);
      remove.run(id);
      return session;
    },
    notes(sessionId: string): SessionNotes {
      const found = row(sessionId);
      return { sessionId, findings: found.findings, advice: found.advice, updatedAt: found.notes_updated_at };
    },
    updateNotes(sessionId: string, patch: { findings?: string | undefined; advice?: string | undefined }, now: string) {
      const current = row(sessionId);
      const notes = SessionNotes.parse({
        sessionId,
        findings: patch.findings ?? current.findings,
        advice: patch.advice ?? current.advice,
        updatedAt: now,
      });
      writeNotes.run(notes);
      return notes;
    },
  };
}
