import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import type { PlaceSelection } from '../../../common/contract/app.ts';
import type { CallInput } from '../../../common/contract/api.ts';
import type { Client, ClientDraft, Clip, ClipView, ProjectState, Session } from '../../../common/contract/project.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { useErrorReporter } from '../app/errors.tsx';
import { createAutosaver, type Autosaver, type FieldSaveState, type SavedAnswer, type SaveStatus } from './autosaver.ts';
import { chooseLandingClip } from './landing-clip.ts';
import { localIsoDate, newSessionDraft, sortSessions } from './session-logic.ts';

/** Where the selected clip's video is, as checked by clips.locate (fingerprint included). */
export type ActiveMedia =
  | { status: 'locating' }
  | { status: 'found'; path: string }
  | { status: 'missing'; lastKnownPath: string };

/**
 * The open project and what is selected in it. Every action reports its own errors (through the app's
 * error reporter) and resolves to null/false when it failed, so callers need no try/catch.
 */
export interface ProjectContextValue {
  /** The open project, or null; kept fresh from the project.changed event. */
  project: ProjectState | null;
  /** True until the first answer of project.current. */
  loading: boolean;
  /**
   * True once the open project's client, session and clip have been chosen (the remembered place, or the
   * first) — or when no project is open. Files handed over at start wait for this, so restoring the place
   * never overrides what the user just opened.
   */
  selectionSettled: boolean;

  /** All clients of the project, by name. */
  clients: Client[];
  activeClientId: string | null;
  activeClient: Client | null;
  selectClient(id: string | null): void;

  /** Sessions of the active client, newest first. */
  sessions: Session[];
  activeSessionId: string | null;
  activeSession: Session | null;
  selectSession(id: string | null): void;

  /** Clips of the active session; the clips not filed under any session when no session is active. */
  clips: Clip[];
  activeClipId: string | null;
  /** The selected clip as stored (name, view, captureFps…); see activeMedia for its video. */
  activeClip: Clip | null;
  /** The selected clip's video: open it with media.open when status is 'found'. */
  activeMedia: ActiveMedia | null;
  selectClip(id: string | null): void;

  /** A new project file at path; without path an untitled project in the app's own folder. */
  createProject(path?: string, options?: { overwrite?: boolean }): Promise<ProjectState | null>;
  openProject(path: string): Promise<ProjectState | null>;
  /** Sends what is still being typed, then closes. */
  closeProject(): Promise<boolean>;
  /** A copy of the open project at path; work continues in the copy. */
  saveAs(path: string, options?: { overwrite?: boolean }): Promise<ProjectState | null>;
  /** Deletes an untitled project for good (closes it first when it is the open one). */
  discardUntitled(path: string): Promise<boolean>;
  /** Adds a video to the active session (unfiled when none is active) and selects it. */
  addClip(path: string, options?: { name?: string; view?: ClipView | null; captureFps?: number | null }): Promise<Clip | null>;
  /** Reloads project, clients, sessions and clips (e.g. after the viewer changed annotation counts). */
  refresh(): Promise<void>;
  /** Follow an edit made elsewhere (e.g. an annotation) so the save status shows it; errors still reach the caller. */
  trackEdit<T extends SavedAnswer>(edit: Promise<T>): Promise<T>;

  /** Edits used by the project panels; they keep the lists above up to date. */
  edits: ProjectEdits;
}

export type RelinkOutcome =
  | { status: 'relinked' }
  | { status: 'mismatch'; expected: { size: number }; actual: { size: number } };

export interface ProjectEdits {
  createClient(draft: ClientDraft): Promise<Client | null>;
  /** Throws on failure: used by autosaved fields, which keep the draft. */
  updateClient(id: string, patch: CallInput<'clients.update'>['patch']): Promise<SavedAnswer>;
  deleteClient(id: string): Promise<boolean>;
  /** A new session for the client, dated today, with the set-up of the client's latest session. */
  createSession(clientId: string): Promise<Session | null>;
  /** Throws on failure (autosaved fields). */
  updateSession(id: string, patch: CallInput<'sessions.update'>['patch']): Promise<SavedAnswer>;
  deleteSession(id: string): Promise<boolean>;
  /** Throws on failure (autosaved fields). */
  updateClip(id: string, patch: CallInput<'clips.update'>['patch']): Promise<SavedAnswer>;
  removeClip(id: string): Promise<boolean>;
  /** A mismatch means: a different recording; ask the user, then call again with force. */
  relinkClip(id: string, path: string, force: boolean): Promise<RelinkOutcome | null>;
  /** Files clips (e.g. those of an untitled start) under a session. */
  moveClipsToSession(clipIds: readonly string[], sessionId: string): Promise<boolean>;
}

const ProjectContext = createContext<ProjectContextValue | null>(null);
const AutosaverContext = createContext<Autosaver | null>(null);

export function useProject(): ProjectContextValue {
  const value = useContext(ProjectContext);
  if (!value) throw new Error('useProject outside ProjectProvider');
  return value;
}

export function useAutosaver(): Autosaver {
  const autosaver = useContext(AutosaverContext);
  if (!autosaver) throw new Error('useAutosaver outside ProjectProvider');
  return autosaver;
}

/** Saving / saved at / failed — separate from useProject so the viewer does not re-render on every keystroke. */
export function useSaveStatus(): SaveStatus {
  const autosaver = useAutosaver();
  return useSyncExternalStore(autosaver.subscribe, autosaver.status);
}

export function useFieldSaveState(key: string): FieldSaveState {
  const autosaver = useAutosaver();
  return useSyncExternalStore(autosaver.subscribe, () => autosaver.fieldState(key));
}

const byName = (a: Client, b: Client) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });

/** Replaces a record by id unless the one we hold is newer (answers of parallel edits can cross). */
function upsert<T extends { id: string; updatedAt: string }>(list: readonly T[], record: T): T[] {
  const index = list.findIndex((item) => item.id === record.id);
  if (index < 0) return [...list, record];
  if (list[index]!.updatedAt > record.updatedAt) return list as T[];
  const next = [...list];
  next[index] = record;
  return next;
}

export function ProjectProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const { report } = useErrorReporter();
  const autosaver = useMemo(() => createAutosaver({ delayMs: 400 }), []);

  const [project, setProject] = useState<ProjectState | null>(null);
  const [loading, setLoading] = useState(true);
  const [clients, setClients] = useState<Client[]>([]);
  const [sessions, setSessions] = useState<Session[]>([]);
  const [clips, setClips] = useState<Clip[]>([]);
  const [activeClientId, setActiveClientId] = useState<string | null>(null);
  const [activeSessionId, setActiveSessionId] = useState<string | null>(null);
  const [activeClipId, setActiveClipId] = useState<string | null>(null);
  const activeClipIdRef = useRef(activeClipId);
  activeClipIdRef.current = activeClipId;
  const [activeMedia, setActiveMedia] = useState<ActiveMedia | null>(null);
  const [refreshTick, setRefreshTick] = useState(0);
  const [relocateTick, setRelocateTick] = useState(0);
  // Where the user was in this project (kept by the core, so it survives a reload and a relaunch).
  const remembered = useRef<PlaceSelection>({ clientId: null, sessionId: null, clipId: null });
  /** The project whose remembered place has been read: until then nothing is remembered over it. */
  const [recalledFor, setRecalledFor] = useState<string | null>(null);
  const recalledForRef = useRef<string | null>(null);
  // Which lists have been resolved into a selection, per project (and client / session): together they say
  // when restoring the place is over.
  const [clientsChosenFor, setClientsChosenFor] = useState<string | null>(null);
  const [sessionsChosenFor, setSessionsChosenFor] = useState<string | null>(null);
  const [clipChosenFor, setClipChosenFor] = useState<string | null>(null);

  const projectPath = project?.path ?? null;
  const projectPathRef = useRef(projectPath);
  projectPathRef.current = projectPath;

  // The open project: asked once, then followed through events.
  useEffect(() => {
    let alive = true;
    api
      .call('project.current', {})
      .then((current) => {
        if (alive) setProject(current);
      })
      .catch(report)
      .finally(() => alive && setLoading(false));
    const offChanged = api.on('project.changed', ({ project: next }) => {
      setProject(next);
      setLoading(false);
    });
    const offSaved = api.on('project.saved', ({ path, savedAt }) => {
      if (path === projectPathRef.current) autosaver.noteSaved(savedAt);
    });
    return () => {
      alive = false;
      offChanged();
      offSaved();
    };
  }, [api, autosaver, report]);

  // What is typed but not yet sent goes out when the page is hidden (another app, a closed laptop lid) and
  // before it goes away (reload, close: the transport sends these calls with keepalive).
  useEffect(() => {
    const hidden = () => {
      if (document.visibilityState === 'hidden') void autosaver.flush();
    };
    const leaving = () => autosaver.flushOnUnload();
    document.addEventListener('visibilitychange', hidden);
    window.addEventListener('pagehide', leaving);
    // The Electron window waits for this before it closes (main/electron/close-guard.ts).
    const offBeforeClose = api.onBeforeClose(() => autosaver.flush());
    return () => {
      document.removeEventListener('visibilitychange', hidden);
      window.removeEventListener('pagehide', leaving);
      offBeforeClose();
    };
  }, [api, autosaver]);

  // Another project: recall where the user was in it, load its clients and pick one.
  useEffect(() => {
    // Reopening the same project must not remember the empty selection of its first render over the stored one.
    recalledForRef.current = null;
    if (!projectPath) {
      setClients([]);
      setSessions([]);
      setClips([]);
      setActiveClientId(null);
      setActiveSessionId(null);
      setActiveClipId(null);
      return;
    }
    let alive = true;
    api
      .call('place.get', {})
      .then((place) => place.selection)
      .catch(() => ({ clientId: null, sessionId: null, clipId: null }))
      .then((selection) => {
        if (!alive) return null;
        remembered.current = selection;
        recalledForRef.current = projectPath;
        setRecalledFor(projectPath);
        return Promise.all([api.call('clients.list', {}), api.call('sessions.list', {})]);
      })
      .then((lists) => {
        if (!alive || !lists) return;
        const [allClients, allSessions] = lists;
        setClients([...allClients].sort(byName));
        setActiveClientId((current) => {
          const exists = (id: string | null) => id !== null && allClients.some((client) => client.id === id);
          if (exists(current)) return current;
          if (exists(remembered.current.clientId)) return remembered.current.clientId;
          return sortSessions(allSessions)[0]?.clientId ?? allClients[0]?.id ?? null;
        });
        setClientsChosenFor(projectPath);
      })
      .catch(report);
    return () => {
      alive = false;
    };
  }, [api, projectPath, refreshTick, report]);

  // Sessions of the chosen client.
  useEffect(() => {
    if (!projectPath || !activeClientId) {
      setSessions([]);
      setActiveSessionId(null);
      return;
    }
    let alive = true;
    api
      .call('sessions.list', { clientId: activeClientId })
      .then((list) => {
        if (!alive) return;
        const sorted = sortSessions(list);
        setSessions(sorted);
        setActiveSessionId((current) => {
          const exists = (id: string | null) => id !== null && sorted.some((session) => session.id === id);
          if (exists(current)) return current;
          if (exists(remembered.current.sessionId)) return remembered.current.sessionId;
          return sorted[0]?.id ?? null;
        });
        setSessionsChosenFor(`${projectPath}\n${activeClientId}`);
      })
      .catch(report);
    return () => {
      alive = false;
    };
  }, [api, projectPath, activeClientId, refreshTick, report]);

  // Clips of the chosen session (or the unfiled ones).
  useEffect(() => {
    if (!projectPath) return;
    let alive = true;
    api
      .call('clips.list', { sessionId: activeSessionId })
      .then(async (list) => {
        if (!alive) return;
        setClips(list);
        const chosen = `${projectPath}\n${activeSessionId}`;
        const before = activeClipIdRef.current;
        if (before !== null && list.some((clip) => clip.id === before)) {
          setClipChosenFor(chosen);
          return;
        }
        // Not chosen by the user: land on the remembered clip, or the first, unless its file is no video.
        const landing = await chooseLandingClip(api, list, remembered.current.clipId);
        if (!alive) return;
        // A clip chosen (or added) meanwhile stays chosen.
        setActiveClipId((current) => (current !== before ? current : (landing?.id ?? null)));
        setClipChosenFor(chosen);
      })
      .catch(report);
    return () => {
      alive = false;
    };
  }, [api, projectPath, activeSessionId, refreshTick, report]);

  // The selected clip's video, with its fingerprint checked.
  useEffect(() => {
    if (!projectPath || !activeClipId) {
      setActiveMedia(null);
      return;
    }
    let alive = true;
    setActiveMedia({ status: 'locating' });
    api
      .call('clips.locate', { id: activeClipId })
      .then((located) => {
        if (!alive) return;
        setClips((list) => upsert(list, located));
        setActiveMedia(
          located.media.state === 'found' && located.media.path
            ? { status: 'found', path: located.media.path }
            : { status: 'missing', lastKnownPath: located.absolutePath },
        );
      })
      .catch((error: unknown) => {
        if (!alive) return;
        setActiveMedia(null);
        report(error);
      });
    return () => {
      alive = false;
    };
  }, [api, projectPath, activeClipId, relocateTick, report]);

  // Remember the place, per project.
  useEffect(() => {
    if (!projectPath || recalledFor !== projectPath || recalledForRef.current !== projectPath) return;
    // Only stored, not put back into `remembered`: that keeps the place recalled on opening until
    // each level has been resolved against the loaded lists.
    api.call('place.remember', { selection: { clientId: activeClientId, sessionId: activeSessionId, clipId: activeClipId } }).catch(() => {});
  }, [api, projectPath, recalledFor, activeClientId, activeSessionId, activeClipId]);

  const guard = useCallback(
    async <T,>(work: () => Promise<T>, failed: T): Promise<T> => {
      try {
        return await work();
      } catch (error) {
        report(error);
        return failed;
      }
    },
    [report],
  );

  /** Opening another project: first send what is typed in this one. */
  const switchProject = useCallback(
    (work: () => Promise<ProjectState>) =>
      guard(async () => {
        await autosaver.flush();
        const next = await work();
        autosaver.reset();
        setProject(next);
        return next;
      }, null),
    [autosaver, guard],
  );

  const selectClient = useCallback((id: string | null) => {
    setActiveClientId(id);
    setActiveSessionId(null);
    setActiveClipId(null);
  }, []);
  const selectSession = useCallback((id: string | null) => {
    setActiveSessionId(id);
    setActiveClipId(null);
  }, []);
  const selectClip = useCallback((id: string | null) => setActiveClipId(id), []);

  const edits = useMemo<ProjectEdits>(
    () => ({
      createClient: (draft) =>
        guard(async () => {
          const { record } = await autosaver.track(api.call('clients.create', draft));
          setClients((list) => upsert(list, record).sort(byName));
          setActiveClientId(record.id);
          setActiveSessionId(null);
          setActiveClipId(null);
          return record;
        }, null),
      updateClient: async (id, patch) => {
        const saved = await api.call('clients.update', { id, patch });
        setClients((list) => upsert(list, saved.record).sort(byName));
        return saved;
      },
      deleteClient: (id) =>
        guard(async () => {
          await autosaver.track(api.call('clients.delete', { id }));
          setClients((list) => list.filter((client) => client.id !== id));
          setActiveClientId((current) => (current === id ? null : current));
          return true;
        }, false),
      createSession: (clientId) =>
        guard(async () => {
          await autosaver.flush();
          const existing = sortSessions(await api.call('sessions.list', { clientId }));
          const draft = newSessionDraft(clientId, existing[0] ?? null, localIsoDate());
          const { record } = await autosaver.track(api.call('sessions.create', draft));
          setSessions(sortSessions([...existing, record]));
          setActiveSessionId(record.id);
          setActiveClipId(null);
          return record;
        }, null),
      updateSession: async (id, patch) => {
        const saved = await api.call('sessions.update', { id, patch });
        setSessions((list) => sortSessions(upsert(list, saved.record)));
        return saved;
      },
      deleteSession: (id) =>
        guard(async () => {
          await autosaver.flush();
          await autosaver.track(api.call('sessions.delete', { id }));
          setSessions((list) => list.filter((session) => session.id !== id));
          setActiveSessionId((current) => (current === id ? null : current));
          return true;
        }, false),
      updateClip: async (id, patch) => {
        const saved = await api.call('clips.update', { id, patch });
        setClips((list) => upsert(list, saved.record));
        return saved;
      },
      removeClip: (id) =>
        guard(async () => {
          await autosaver.flush();
          await autosaver.track(api.call('clips.remove', { id }));
          setClips((list) => list.filter((clip) => clip.id !== id));
          setActiveClipId((current) => (current === id ? null : current));
          return true;
        }, false),
      relinkClip: (id, path, force) =>
        guard(async () => {
          const result = await api.call('clips.relink', { id, path, force });
          if (result.status === 'mismatch') return { status: 'mismatch', expected: result.expected, actual: result.actual };
          autosaver.noteSaved(result.savedAt);
          setClips((list) => upsert(list, result.record));
          setActiveClipId(id);
          setRelocateTick((tick) => tick + 1);
          return { status: 'relinked' };
        }, null),
      moveClipsToSession: (clipIds, sessionId) =>
        guard(async () => {
          for (const id of clipIds) await autosaver.track(api.call('clips.update', { id, patch: { sessionId } }));
          setRefreshTick((tick) => tick + 1);
          return true;
        }, false),
    }),
    [api, autosaver, guard],
  );

  const value = useMemo<ProjectContextValue>(() => {
    const activeClient = clients.find((client) => client.id === activeClientId) ?? null;
    const activeSession = sessions.find((session) => session.id === activeSessionId) ?? null;
    const activeClip = clips.find((clip) => clip.id === activeClipId) ?? null;
    const selectionSettled =
      projectPath === null ||
      (clientsChosenFor === projectPath &&
        (activeClientId === null || sessionsChosenFor === `${projectPath}\n${activeClientId}`) &&
        clipChosenFor === `${projectPath}\n${activeSessionId}`);
    return {
      project,
      loading,
      selectionSettled,
      clients,
      activeClientId: activeClient ? activeClientId : null,
      activeClient,
      selectClient,
      sessions,
      activeSessionId: activeSession ? activeSessionId : null,
      activeSession,
      selectSession,
      clips,
      activeClipId: activeClip ? activeClipId : null,
      activeClip,
      activeMedia: activeClip ? activeMedia : null,
      selectClip,
      createProject: (path, options) =>
        switchProject(() => api.call('project.create', { path, overwrite: options?.overwrite })),
      openProject: (path) => switchProject(() => api.call('project.open', { path })),
      closeProject: () =>
        guard(async () => {
          await autosaver.flush();
          const { closed } = await api.call('project.close', {});
          autosaver.reset();
          setProject(null);
          return closed;
        }, false),
      saveAs: (path, options) =>
        guard(async () => {
          await autosaver.flush();
          const next = await api.call('project.saveAs', { path, overwrite: options?.overwrite });
          setProject(next);
          return next;
        }, null),
      discardUntitled: (path) =>
        guard(async () => {
          if (path === projectPath) await autosaver.flush();
          const { discarded } = await api.call('project.discardUntitled', { path });
          if (path === projectPath) {
            autosaver.reset();
            setProject(null);
          }
          return discarded;
        }, false),
      addClip: (path, options) =>
        guard(async () => {
          const { record } = await autosaver.track(
            api.call('clips.add', {
              path,
              sessionId: activeSession ? activeSession.id : null,
              name: options?.name,
              view: options?.view,
              captureFps: options?.captureFps,
            }),
          );
          setClips((list) => upsert(list, record));
          setActiveClipId(record.id);
          return record;
        }, null),
      refresh: () =>
        guard(async () => {
          setProject(await api.call('project.current', {}));
          setRefreshTick((tick) => tick + 1);
          setRelocateTick((tick) => tick + 1);
        }, undefined),
      trackEdit: (edit) => autosaver.track(edit),
      edits,
    };
  }, [
    project,
    loading,
    clientsChosenFor,
    sessionsChosenFor,
    clipChosenFor,
    clients,
    activeClientId,
    selectClient,
    sessions,
    activeSessionId,
    selectSession,
    clips,
    activeClipId,
    activeMedia,
    selectClip,
    switchProject,
    api,
    guard,
    autosaver,
    projectPath,
    edits,
  ]);

  return (
    <AutosaverContext.Provider value={autosaver}>
      <ProjectContext.Provider value={value}>{children}</ProjectContext.Provider>
    </AutosaverContext.Provider>
  );
}
