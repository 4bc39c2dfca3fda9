import { randomUUID } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { Client, type ClientDraft } from '../../../common/contract/project.ts';
import { MidstanceError } from '../../../common/contract/errors.ts';
import { alreadyExists, definedOnly, isUniqueViolation, notFound } from './common.ts';

interface ClientRow {
  id: string;
  name: string;
  birth_year: number | null;
  notes: string;
  external_id: string | null;
  created_at: string;
  updated_at: string;
}

const fromRow = (row: ClientRow): Client => ({
  id: row.id,
  name: row.name,
  birthYear: row.birth_year,
  notes: row.notes,
  externalId: row.external_id,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export type ClientRepository = ReturnType<typeof createClientRepository>;

export function createClientRepository(db: Database) {
  const selectAll = db.prepare<[], ClientRow>('SELECT * FROM clients ORDER BY name COLLATE NOCASE, created_at');
  const selectOne = db.prepare<[string], ClientRow>('SELECT * FROM clients WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO clients (id, name, birth_year, notes, external_id, created_at, updated_at)
     VALUES (@id, @name, @birthYear, @notes, @externalId, @createdAt, @updatedAt)`,
  );
  const write = db.prepare(
    `UPDATE clients SET name = @name, birth_year = @birthYear, notes = @notes, external_id = @externalId,
     updated_at = @updatedAt WHERE id = @id`,
  );
  const remove = db.prepare('DELETE FROM clients WHERE id = ?');
  const countSessions = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM sessions WHERE client_id = ?');

  const get = (id: string): Client => {
    const row = selectOne.get(id);
    if (!row) throw notFound('client', id);
    return fromRow(row);
  };

  return {
    list: (): Client[] => selectAll.all().map(fromRow),
    get,
    create(draft: ClientDraft, now: string): Client {
      const client = Client.parse({
        id: draft.id ?? randomUUID(),
        name: draft.name,
        birthYear: draft.birthYear ?? null,
        notes: draft.notes ?? '',
        externalId: draft.externalId ?? null,
        createdAt: now,
        updatedAt: now,
      });
      try {
        insert.run(client);
      } catch (error) {
        throw isUniqueViolation(error) ? alreadyExists('client') : error;
      }
      return client;
    },
    update(id: string, patch: Partial<Omit<Client, 'id' | 'createdAt' | 'updatedAt'>>, now: string): Client {
      const client = Client.parse({ ...get(id), ...definedOnly(patch), updatedAt: now });
      write.run(client);
      return client;
    },
    delete(id: string): Client {
      const client = get(id);
      const sessions = countSessions.get(id)?.n ?? 0;
      if (sessions > 0) {
        throw new MidstanceError(
          'invalid-request',
          `${client.name} still has ${sessions} session(s). Delete those first; nothing was deleted.`,
          { sessions },
        );
      }
      remove.run(id);
      return client;
    },
  };
}
