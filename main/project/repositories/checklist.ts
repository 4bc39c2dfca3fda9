import type { Database } from 'better-sqlite3';
import type { Checklist } from '../../../common/checklist/checklist.ts';
import { resolveItemKey } from '../../../common/checklist/versions.ts';
import { ChecklistAnswer, ChecklistStill } from '../../../common/contract/project.ts';
import { notFound } from './common.ts';

interface AnswerRow {
  session_id: string;
  item_key: string;
  answer: string;
  note: string;
  stills: string;
  checklist_version: number;
  updated_at: string;
}

/** Stills are a zod-checked JSON column; an unreadable value reads as no stills rather than failing the session. */
function parseStills(json: string): ChecklistStill[] {
  try {
    const parsed = ChecklistAnswer.shape.stills.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

const fromRow = (row: AnswerRow): ChecklistAnswer => ({
  sessionId: row.session_id,
  itemKey: row.item_key,
  answer: row.answer,
  note: row.note,
  stills: parseStills(row.stills),
  checklistVersion: row.checklist_version,
  updatedAt: row.updated_at,
});

export type ChecklistRepository = ReturnType<typeof createChecklistRepository>;

export interface ChecklistAnswerInput {
  sessionId: string;
  itemKey: string;
  answer?: string | undefined;
  note?: string | undefined;
  stills?: ChecklistStill[] | undefined;
}

/** What the store needs of the checklist: its version and history (the data itself is loaded by the caller). */
export type ChecklistVersioning = Pick<Checklist, 'version' | 'history' | 'item'>;

export function createChecklistRepository(db: Database) {
  const selectBySession = db.prepare<[string], AnswerRow>(
    'SELECT * FROM checklist_answers WHERE session_id = ? ORDER BY item_key',
  );
  const selectOne = db.prepare<[string, string], AnswerRow>(
    'SELECT * FROM checklist_answers WHERE session_id = ? AND item_key = ?',
  );
  const sessionExists = db.prepare<[string], { id: string }>('SELECT id FROM sessions WHERE id = ?');
  const upsert = db.prepare(
    `INSERT INTO checklist_answers (session_id, item_key, answer, note, stills, checklist_version, updated_at)
     VALUES (@sessionId, @itemKey, @answer, @note, @stills, @checklistVersion, @updatedAt)
     ON CONFLICT (session_id, item_key) DO UPDATE SET answer = excluded.answer, note = excluded.note,
       stills = excluded.stills, checklist_version = excluded.checklist_version, updated_at = excluded.updated_at`,
  );
  const remove = db.prepare('DELETE FROM checklist_answers WHERE session_id = ? AND item_key = ?');

  /**
   * The stored answer this edit builds on: the item's own row, or else a row given under an older checklist
   * version whose key has since been renamed to this item (that row moves to the new key).
   */
  const earlierAnswer = (checklist: ChecklistVersioning, sessionId: string, itemKey: string): AnswerRow | null => {
    const own = selectOne.get(sessionId, itemKey);
    if (own) return own;
    const renamed = selectBySession
      .all(sessionId)
      .filter((row) => row.item_key !== itemKey && resolveItemKey(checklist, row.item_key, row.checklist_version) === itemKey)
      .sort((a, b) => b.updated_at.localeCompare(a.updated_at));
    for (const row of renamed) remove.run(sessionId, row.item_key);
    return renamed[0] ?? null;
  };

  return {
    list: (sessionId: string): ChecklistAnswer[] => selectBySession.all(sessionId).map(fromRow),
    /** The fields given replace the stored ones; the others keep their value. Stamps the current checklist version. */
    set(input: ChecklistAnswerInput, now: string, checklist: ChecklistVersioning): ChecklistAnswer {
      if (!sessionExists.get(input.sessionId)) throw notFound('session', input.sessionId);
      const earlier = earlierAnswer(checklist, input.sessionId, input.itemKey);
      const base = earlier ? fromRow(earlier) : null;
      const answer = ChecklistAnswer.parse({
        sessionId: input.sessionId,
        itemKey: input.itemKey,
        answer: input.answer ?? base?.answer ?? '',
        note: input.note ?? base?.note ?? '',
        stills: input.stills ?? base?.stills ?? [],
        checklistVersion: checklist.version,
        updatedAt: now,
      });
      upsert.run({ ...answer, stills: JSON.stringify(answer.stills) });
      return answer;
    },
    clear(sessionId: string, itemKey: string): ChecklistAnswer | null {
      const row = selectOne.get(sessionId, itemKey);
      if (!row) return null;
      remove.run(sessionId, itemKey);
      return fromRow(row);
    },
  };
}
