import { existsSync, readdirSync, realpathSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { MidstanceError } from '../../common/contract/errors.ts';
import type {
  Clip,
  ClipMedia,
  ClipView,
  ProjectRecovery,
  ProjectSettings,
  ProjectState,
  UntitledProject,
} from '../../common/contract/project.ts';
import { PROJECT_EXTENSION } from '../platform/paths.ts';
import { ensureFolder } from '../platform/folders.ts';
import { fileSystemError } from '../platform/fs-errors.ts';
import { statReadableFile } from '../platform/regular-file.ts';
import { assertNotOpenElsewhere, copyProjectDb, createProjectFile, openProjectDb, type ProjectDb } from './db.ts';
import { fileIdentity } from './fingerprint.ts';
import { recoveryNotice } from './recovery.ts';
import { locateMedia, quickLocate, relativeMediaPath, type FoundMedia } from './media-locator.ts';
import type { Migration } from './migrations/types.ts';
import type { StoredClip } from './repositories/clips.ts';
import { fallbackProjectSettings } from './repositories/settings.ts';
import { createProjectStore, type ProjectStore, type Saved } from './store.ts';

export interface ProjectServiceOptions {
  /** The app's data folder; untitled projects live in its untitled/ subfolder. */
  dataDir: string;
  /** Settings a new project starts with (the user's current language and angle convention). */
  initialSettings?: () => Partial<ProjectSettings>;
  onChanged?: (project: ProjectState | null) => void;
  onSaved?: (event: { path: string; savedAt: string }) => void;
  /** A titled project was created, opened or saved under a new name (for the recent list). */
  onOpened?: (path: string) => void;
  migrations?: readonly Migration[];
}

export type RelinkResult =
  | ({ status: 'relinked' } & Saved<Clip>)
  | {
      status: 'mismatch';
      expected: { size: number; fingerprint: string };
      actual: { size: number; fingerprint: string };
    };

interface OpenProject {
  store: ProjectStore;
  untitled: boolean;
  notice: string | null;
  recovery: ProjectRecovery | null;
}

/**
 * The project the app has open (at most one per core), its life cycle (new, open, save as, close,
 * untitled projects) and the clip operations that need the file system (media lookup, relink).
 */
export function createProjectService(options: ProjectServiceOptions) {
  const untitledDir = join(options.dataDir, 'untitled');
  let open: OpenProject | null = null;

  const isUntitledPath = (path: string) => samePath(dirname(path), untitledDir);

  const state = (project: OpenProject): ProjectState => {
    const { file } = project.store;
    return {
      path: file.path,
      name: basename(file.path, extname(file.path)),
      untitled: project.untitled,
      readOnly: file.readOnly,
      notice: project.notice,
      backupPath: file.backupPath,
      recovery: project.recovery,
      schemaVersion: file.schemaVersion,
      settings: project.store.read((repos) => repos.settings.get()),
    };
  };

  const requireOpen = (): OpenProject => {
    if (!open) throw new MidstanceError('not-found', 'No project is open. Open or start a project first.');
    return open;
  };

  const attach = (file: ProjectDb): OpenProject => {
    const store = createProjectStore(file, (savedAt) => options.onSaved?.({ path: file.path, savedAt }));
    return { store, untitled: isUntitledPath(file.path), notice: noticeFor(file), recovery: recoveryOf(file) };
  };

  /** Closes a project; an untitled one that holds nothing at all is removed rather than listed forever. */
  const release = (project: OpenProject): void => {
    let empty = false;
    try {
      empty = project.untitled && !project.store.file.readOnly && project.store.read((repos) => repos.isEmpty());
    } finally {
      project.store.close();
    }
    if (empty) removeProjectFiles(project.store.file.path);
  };

  /** Makes `next` the open project; the previous one (all saved already) is closed afterwards. */
  const switchTo = (next: OpenProject): ProjectState => {
    const previous = open;
    open = next;
    if (previous) release(previous);
    const current = state(next);
    if (!next.untitled) options.onOpened?.(next.store.file.path);
    options.onChanged?.(current);
    return current;
  };

  const projectDir = (project: OpenProject) => dirname(project.store.file.path);

  const quickMedia = (project: OpenProject, clip: StoredClip): ClipMedia => {
    const found = quickLocate(projectDir(project), clip);
    return found
      ? { state: 'found', path: found.path, via: found.via, verified: false }
      : { state: 'missing', path: null, via: null, verified: false };
  };

  const withMedia = (clip: StoredClip, media: ClipMedia): Clip => ({ ...clip, media });

  const verifiedMedia = (found: FoundMedia): ClipMedia => ({
    state: 'found',
    path: found.path,
    via: found.via,
    verified: true,
  });

  const close = (): boolean => {
    if (!open) return false;
    const closing = open;
    open = null;
    release(closing);
    options.onChanged?.(null);
    return true;
  };

  /**
   * Finds the clip's video and checks its fingerprint. When it turns up somewhere else than recorded, the
   * new place is recorded (writable projects), so the next lookup is direct.
   */
  const locateClip = (id: string): Clip => {
    const project = requireOpen();
    const clip = project.store.read((repos) => repos.clips.get(id));
    const found = locateMedia(projectDir(project), clip, { searchRoot: project.untitled ? null : projectDir(project) });
    if (!found) return withMedia(clip, { state: 'missing', path: null, via: null, verified: true });
    const relativePath = relativeMediaPath(projectDir(project), found.path);
    if (!project.store.file.readOnly && (relativePath !== clip.relativePath || found.path !== clip.absolutePath)) {
      const saved = project.store.edit((now, repos) =>
        repos.clips.setMedia(id, { relativePath, absolutePath: found.path, size: clip.size, fingerprint: clip.fingerprint }, now),
      );
      return withMedia(saved.record, verifiedMedia(found));
    }
    return withMedia(clip, verifiedMedia(found));
  };

  return {
    current: (): ProjectState | null => (open ? state(open) : null),
    /** The open project's store; throws 'not-found' when none is open. */
    store: (): ProjectStore => requireOpen().store,
    untitledDir,

    async create(input: { path?: string | undefined; overwrite?: boolean | undefined }): Promise<ProjectState> {
      const path = input.path === undefined ? newUntitledPath(untitledDir) : withProjectExtension(resolve(input.path));
      if (open && samePath(open.store.file.path, path)) {
        throw new MidstanceError('invalid-request', 'That project is open right now; choose another name.');
      }
      ensureFolder(dirname(path));
      const settings = { ...fallbackProjectSettings(), ...options.initialSettings?.() };
      createProjectFile(path, settings, { overwrite: input.overwrite ?? false, migrations: options.migrations });
      const file = await openProjectDb(path, { migrations: options.migrations });
      return switchTo(attach(file));
    },

    async open(requested: string): Promise<ProjectState> {
      const path = resolve(requested);
      if (open && samePath(open.store.file.path, path)) return state(open);
      const file = await openProjectDb(path, { migrations: options.migrations });
      return switchTo(attach(file));
    },

    close,

    /**
     * Copies the open project (SQLite backup API: consistent while open) to path and continues there.
     * Clip paths are re-based on the new folder; an untitled original is removed once the copy is open.
     */
    async saveAs(requested: string, overwrite = false): Promise<ProjectState> {
      const current = requireOpen();
      const target = withProjectExtension(resolve(requested));
      if (samePath(current.store.file.path, target)) return state(current);
      if (isUntitledPath(target)) {
        throw new MidstanceError('invalid-request', 'Choose a folder of your own for the project, not the app folder.');
      }
      const mediaNow = current.store
        .read((repos) => repos.clips.list())
        .map((clip) => ({ id: clip.id, path: quickLocate(projectDir(current), clip)?.path ?? clip.absolutePath }));
      ensureFolder(dirname(target));
      await copyProjectDb(current.store.file.db, target, overwrite);
      const next = attach(await openProjectDb(target, { migrations: options.migrations }));
      next.store.edit((now, repos) => {
        for (const { id, path } of mediaNow) {
          const clip = repos.clips.get(id);
          repos.clips.setMedia(
            id,
            { relativePath: relativeMediaPath(dirname(target), path), absolutePath: path, size: clip.size, fingerprint: clip.fingerprint },
            now,
          );
        }
      });
      const wasUntitled = current.untitled ? current.store.file.path : null;
      const result = switchTo(next);
      if (wasUntitled) removeProjectFiles(wasUntitled);
      return result;
    },

    async listUntitled(): Promise<UntitledProject[]> {
      let names: string[];
      try {
        names = readdirSync(untitledDir).filter((name) => name.toLowerCase().endsWith(PROJECT_EXTENSION));
      } catch {
        return [];
      }
      const list: UntitledProject[] = [];
      for (const name of names) {
        const path = join(untitledDir, name);
        const isOpen = open !== null && samePath(open.store.file.path, path);
        let clipCount: number | null = null;
        if (isOpen && open) clipCount = open.store.read((repos) => repos.clips.list().length);
        else clipCount = await countClips(path, options.migrations);
        list.push({
          path,
          name: basename(name, extname(name)),
          modifiedAt: statSync(path).mtime.toISOString(),
          clipCount,
          isOpen,
        });
      }
      return list.sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt));
    },

    discardUntitled(requested: string): boolean {
      const path = resolve(requested);
      if (!isUntitledPath(path)) {
        throw new MidstanceError('invalid-request', 'Only untitled projects can be discarded here.', { path });
      }
      const wasOpen = open !== null && samePath(open.store.file.path, path);
      if (wasOpen) close();
      if (!existsSync(path)) return wasOpen;
      assertNotOpenElsewhere(path);
      removeProjectFiles(path);
      return true;
    },

    updateSettings(patch: Partial<ProjectSettings>): Saved<ProjectSettings> {
      const saved = requireOpen().store.edit((_now, repos) => repos.settings.update(patch));
      if (open) options.onChanged?.(state(open));
      return saved;
    },

    listClips(sessionId?: string | null): Clip[] {
      const project = requireOpen();
      return project.store.read((repos) => repos.clips.list(sessionId)).map((clip) => withMedia(clip, quickMedia(project, clip)));
    },

    addClip(input: {
      path: string;
      sessionId?: string | null | undefined;
      name?: string | undefined;
      view?: ClipView | null | undefined;
      captureFps?: number | null | undefined;
    }): Saved<Clip> {
      const project = requireOpen();
      const path = resolve(input.path);
      const identity = readIdentity(path);
      const saved = project.store.edit((now, repos) =>
        repos.clips.create(
          {
            sessionId: input.sessionId ?? null,
            name: input.name ?? basename(path),
            relativePath: relativeMediaPath(projectDir(project), path),
            absolutePath: path,
            size: identity.size,
            fingerprint: identity.fingerprint,
            captureFps: input.captureFps ?? null,
            view: input.view ?? null,
          },
          now,
        ),
      );
      return { ...saved, record: withMedia(saved.record, { state: 'found', path, via: 'absolute', verified: true }) };
    },

    updateClip(id: string, patch: Parameters<ProjectStore['clips']['update']>[1]): Saved<Clip> {
      const project = requireOpen();
      const saved = project.store.edit((now, repos) => repos.clips.update(id, patch, now));
      return { ...saved, record: withMedia(saved.record, quickMedia(project, saved.record)) };
    },

    removeClip(id: string): Saved<Clip> {
      const project = requireOpen();
      const saved = project.store.edit((_now, repos) => repos.clips.delete(id));
      return { ...saved, record: withMedia(saved.record, { state: 'missing', path: null, via: null, verified: false }) };
    },

    locateClip,

    /** Points a clip at another file; a different fingerprint is only accepted with force. */
    relinkClip(id: string, requested: string, force = false): RelinkResult {
      const project = requireOpen();
      const clip = project.store.read((repos) => repos.clips.get(id));
      const path = resolve(requested);
      const actual = readIdentity(path);
      if (actual.fingerprint !== clip.fingerprint && !force) {
        return {
          status: 'mismatch',
          expected: { size: clip.size, fingerprint: clip.fingerprint },
          actual,
        };
      }
      const saved = project.store.edit((now, repos) =>
        repos.clips.setMedia(
          id,
          { relativePath: relativeMediaPath(projectDir(project), path), absolutePath: path, ...actual },
          now,
        ),
      );
      return {
        status: 'relinked',
        savedAt: saved.savedAt,
        record: withMedia(saved.record, { state: 'found', path, via: 'absolute', verified: true }),
      };
    },

    /** The verified video file of a clip, for the media engine; 'media-missing' when it cannot be found. */
    mediaPath(clipId: string): string {
      const clip = locateClip(clipId);
      if (clip.media.state === 'found' && clip.media.path) return clip.media.path;
      throw new MidstanceError(
        'media-missing',
        `The video of "${clip.name}" was not found where it was, nor in the project folder. Point Midstance to the file (Relink).`,
        { clipId, lastKnownPath: clip.absolutePath },
      );
    },

    dispose(): void {
      if (!open) return;
      const closing = open;
      open = null;
      release(closing);
    },
  };
}

export type ProjectService = ReturnType<typeof createProjectService>;

function recoveryOf(file: ProjectDb): ProjectRecovery | null {
  const recovery = file.recovery;
  if (!recovery?.folder) return null;
  return {
    folder: recovery.folder,
    recoveredChanges: recovery.wal.appliedCommits,
    lostChanges: recovery.wal.headerValid ? recovery.wal.unappliedCommits : null,
  };
}

function noticeFor(file: ProjectDb): string | null {
  if (file.recovery?.folder) return recoveryNotice(file.recovery);
  if (file.readOnly && file.readOnlyReason === 'file') {
    return 'This project file is read-only: you can look at everything, but changes cannot be saved. Use "Save as" to make a copy you can change.';
  }
  if (file.migratedFrom !== null && file.backupPath) {
    return `This project was made with an older Midstance and has been updated. The original was kept as ${file.backupPath}.`;
  }
  return null;
}

function readIdentity(path: string) {
  // A pipe or a device would block or never end when read: only regular files get this far.
  statReadableFile(path, {
    code: 'media-unreadable',
    noun: 'video',
    missing: () => new MidstanceError('not-found', `Cannot find the video ${path}.`, { path }),
  });
  try {
    return fileIdentity(path);
  } catch (error) {
    throw fileSystemError(error, path) ?? error;
  }
}

async function countClips(path: string, migrations: readonly Migration[] | undefined): Promise<number | null> {
  try {
    const file = await openProjectDb(path, { mode: 'inspect', migrations });
    try {
      return (file.db.prepare('SELECT count(*) AS n FROM clips').get() as { n: number }).n;
    } finally {
      file.db.close();
    }
  } catch {
    return null;
  }
}

function newUntitledPath(untitledDir: string): string {
  const stamp = new Date().toISOString().slice(0, 19).replace('T', ' ').replaceAll(':', '.');
  for (let n = 1; ; n++) {
    const path = join(untitledDir, `Untitled ${stamp}${n > 1 ? ` (${n})` : ''}${PROJECT_EXTENSION}`);
    if (!existsSync(path)) return path;
  }
}

function withProjectExtension(path: string): string {
  return path.toLowerCase().endsWith(PROJECT_EXTENSION) ? path : `${path}${PROJECT_EXTENSION}`;
}

function removeProjectFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
}

/** Same file, also through symlinks or differently written paths. */
function samePath(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync.native(p);
    } catch {
      return resolve(p);
    }
  };
  return real(a) === real(b);
}
