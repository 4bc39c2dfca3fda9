import { MidstanceError } from '../../common/contract/errors.ts';
import { closeProjectDb, type ProjectDb } from './db.ts';
import { mapDatabaseError } from './errors.ts';
import { createAnnotationRepository } from './repositories/annotations.ts';
import { createChecklistRepository } from './repositories/checklist.ts';
import { createClientRepository } from './repositories/clients.ts';
import { createClipRepository } from './repositories/clips.ts';
import { createGaitEventRepository } from './repositories/gait-events.ts';
import { createGaitProposalRepository } from './repositories/gait-proposals.ts';
import { createSessionRepository } from './repositories/sessions.ts';
import { createProjectSettingsRepository } from './repositories/settings.ts';
import { createTrackRepository } from './repositories/tracks.ts';

export interface Saved<T> {
  record: T;
  /** When the transaction was committed (synchronous=FULL: on disk when this is returned). */
  savedAt: string;
}

/** One open project file: its repositories and the only way to change it, edit() = one transaction. */
export function createProjectStore(file: ProjectDb, onSaved: (savedAt: string) => void = () => {}) {
  const { db } = file;
  const countAll = db.prepare<[], { n: number }>(
    'SELECT (SELECT count(*) FROM clients) + (SELECT count(*) FROM sessions) + (SELECT count(*) FROM clips) AS n',
  );
  const repositories = {
    clients: createClientRepository(db),
    sessions: createSessionRepository(db),
    clips: createClipRepository(db),
    annotations: createAnnotationRepository(db),
    gaitEvents: createGaitEventRepository(db),
    gaitProposals: createGaitProposalRepository(db),
    checklist: createChecklistRepository(db),
    settings: createProjectSettingsRepository(db),
    tracks: createTrackRepository(db),
    /** Nothing entered yet: no client, session or clip. */
    isEmpty: (): boolean => (countAll.get()?.n ?? 0) === 0,
  };
  type Repositories = typeof repositories;

  return {
    file,
    ...repositories,
    read<T>(work: (repos: Repositories) => T): T {
      try {
        return work(repositories);
      } catch (error) {
        throw mapDatabaseError(error, file.path);
      }
    },
    /** Runs `work` in one transaction; when this returns, the edit is committed to disk. */
    edit<T>(work: (now: string, repos: Repositories) => T): Saved<T> {
      if (file.readOnly) throw readOnlyError(file);
      const now = new Date().toISOString();
      let record: T;
      try {
        record = db.transaction(() => work(now, repositories))();
      } catch (error) {
        throw mapDatabaseError(error, file.path);
      }
      const savedAt = new Date().toISOString();
      onSaved(savedAt);
      return { record, savedAt };
    },
    close(): void {
      closeProjectDb(file);
    },
  };
}

export type ProjectStore = ReturnType<typeof createProjectStore>;

function readOnlyError(file: ProjectDb): MidstanceError {
  const message =
    file.readOnlyReason === 'inspect'
      ? 'This project was opened for reading only.'
      : 'This project file is read-only, so the change was not saved. Use "Save as" to make a copy you can change.';
  return new MidstanceError('project-read-only', message, { path: file.path });
}
