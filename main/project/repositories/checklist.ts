import type { Database } from 'better-sqlite3';
import { ChecklistAnswer } from '../../../common/contract/project.ts';
import { notFound } from './common.ts';

interface AnswerRow {
  session_id: string;
  item_key: string;
  answer: string;
  note: string;
  updated_at: string;
}

const fromRow = (row: AnswerRow): ChecklistAnswer => ({
  sessionId: row.session_id,
  itemKey: row.item_key,
  answer: row.answer,
  note: row.note,
  updatedAt: row.updated_at,
});

export type ChecklistRepository = ReturnType<typeof createChecklistRepository>;

export function createChecklistRepository(db: Database) {
  const selectBySession = db.prepare<[string], AnswerRow>(
    'SELECT * FROM checklist_answers WHERE session_id = ? ORDER BY item_key',
  );
  const selectOne = db.prepare<[string, string], AnswerRow>(
    'SELECT * FROM checklist_answers WHERE session_id = ? AND item_key = ?',
  );
  const sessionExists = db.prepare<[string], { id: string }>('SELECT id FROM sessions WHERE id = ?');
  const upsert = db.prepare(
    `INSERT INTO checklist_answers (session_id, item_key, answer, note, updated_at)
     VALUES (@sessionId, @itemKey, @answer, @note, @updatedAt)
     ON CONFLICT (session_id, item_key) DO UPDATE SET answer = excluded.answer, note = excluded.note,
       updated_at = excluded.updated_at`,
  );
  const remove = db.prepare('DELETE FROM checklist_answers WHERE session_id = ? AND item_key = ?');

  return {
    list: (sessionId: string): ChecklistAnswer[] => selectBySession.all(sessionId).map(fromRow),
    set(input: { sessionId: string; itemKey: string; answer: string; note?: string | undefined }, now: string) {
      if (!sessionExists.get(input.sessionId)) throw notFound('session', input.sessionId);
      const answer = ChecklistAnswer.parse({ ...input, note: input.note ?? '', updatedAt: now });
      upsert.run(answer);
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
