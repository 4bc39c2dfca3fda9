import type { z } from 'zod';
import type { Clip, ClipView, Session, SessionDraft } from '../../../common/contract/project.ts';

/** Today's calendar date where the assessor is (not UTC), as YYYY-MM-DD. */
export function localIsoDate(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

const sessionOrder = (a: Session, b: Session) =>
  b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id);

/** Newest first: by session date, then by when it was entered. */
export function sortSessions(sessions: readonly Session[]): Session[] {
  return [...sessions].sort(sessionOrder);
}

/** The same client's session before this one, whose set-up a re-test should repeat. */
export function previousSession(sessions: readonly Session[], current: Session): Session | null {
  return (
    sortSessions(sessions.filter((s) => s.clientId === current.clientId)).find((s) => sessionOrder(current, s) < 0) ??
    null
  );
}

/**
 * A new session for a client: today, and — so a re-test is comparable — the assessor, treadmill settings,
 * shoes and camera set-up of the client's latest session. Mileage is left out: it has changed since.
 */
export function newSessionDraft(clientId: string, latest: Session | null, today: string): SessionDraft {
  if (!latest) return { clientId, date: today };
  return {
    clientId,
    date: today,
    assessor: latest.assessor,
    protocol: {
      treadmillSpeedKmh: latest.protocol.treadmillSpeedKmh,
      inclinePercent: latest.protocol.inclinePercent,
      shoes: latest.protocol.shoes,
    },
    camera: { views: [...latest.camera.views], distanceM: latest.camera.distanceM, heightM: latest.camera.heightM },
  };
}

export function sameCameraSetup(a: Session['camera'], b: Session['camera']): boolean {
  const views = (v: readonly ClipView[]) => [...new Set(v)].sort().join(',');
  return views(a.views) === views(b.views) && a.distanceM === b.distanceM && a.heightM === b.heightM;
}

export function hasCameraSetup(camera: Session['camera']): boolean {
  return camera.views.length > 0 || camera.distanceM !== null || camera.heightM !== null;
}

/**
 * A number as typed by a Dutch or English user ("10,5" or "10.5"); null for an empty field,
 * 'invalid' for anything else.
 */
export function parseDecimal(text: string): number | null | 'invalid' {
  const trimmed = text.trim().replace(/\s+/g, '');
  if (trimmed === '') return null;
  if (!/^[-+]?(\d+([.,]\d*)?|[.,]\d+)$/.test(trimmed)) return 'invalid';
  const value = Number(trimmed.replace(',', '.'));
  return Number.isFinite(value) ? value : 'invalid';
}

/** How a stored number is shown for editing: the language's decimal mark, no grouping. */
export function formatDecimal(value: number | null, language: string): string {
  if (value === null) return '';
  const text = String(value);
  return language.startsWith('nl') ? text.replace('.', ',') : text;
}

export interface NumberBounds {
  min: number | null;
  max: number | null;
  integer: boolean;
}

/** The limits the contract puts on a number field, so the form checks exactly what the store accepts. */
export function numberBounds(schema: z.ZodType): NumberBounds {
  let inner: unknown = schema;
  while (inner && typeof (inner as { unwrap?: unknown }).unwrap === 'function') {
    inner = (inner as { unwrap: () => unknown }).unwrap();
  }
  const number = inner as { minValue?: number | null; maxValue?: number | null; isInt?: boolean };
  const finite = (n: number | null | undefined) => (typeof n === 'number' && Number.isFinite(n) ? n : null);
  return { min: finite(number.minValue), max: finite(number.maxValue), integer: number.isInt === true };
}

export type NumberCheck = { ok: true; value: number | null } | { ok: false; bounds: NumberBounds };

/** Parses and checks a typed number against the contract's schema. */
export function checkNumber(text: string, schema: z.ZodType): NumberCheck {
  const parsed = parseDecimal(text);
  const bounds = numberBounds(schema);
  if (parsed === 'invalid') return { ok: false, bounds };
  return schema.safeParse(parsed).success ? { ok: true, value: parsed } : { ok: false, bounds };
}

/** The longest text the contract accepts for a string field (for maxLength on inputs). */
export function maxLengthOf(schema: z.ZodType): number | undefined {
  let inner: unknown = schema;
  while (inner && typeof (inner as { unwrap?: unknown }).unwrap === 'function') {
    inner = (inner as { unwrap: () => unknown }).unwrap();
  }
  const max = (inner as { maxLength?: number | null }).maxLength;
  return typeof max === 'number' ? max : undefined;
}

/**
 * The view a newly added clip most likely shows: the first view of the session's camera set-up that no
 * clip has yet. Null when that cannot be told (no set-up, or every view taken).
 */
export function likelyViewForNewClip(plannedViews: readonly ClipView[], clips: readonly Pick<Clip, 'view'>[]): ClipView | null {
  const taken = new Set(clips.map((clip) => clip.view));
  return plannedViews.find((view) => !taken.has(view)) ?? null;
}
