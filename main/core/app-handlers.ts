import { existsSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { AppInfo, DirectoryEntry, FileKind, OpenRequest } from '../../common/contract/app.ts';
import { MidstanceError } from '../../common/contract/errors.ts';
import type { PlaceStore } from '../app-state/place-store.ts';
import { fileSystemError } from '../platform/fs-errors.ts';
import type { RecentStore } from '../app-state/recent-store.ts';
import type { SettingsStore } from '../app-state/settings-store.ts';
import { classifyPath } from '../platform/paths.ts';
import { APP_NAME, APP_VERSION } from '../platform/version.ts';
import type { Handlers } from './types.ts';

export type DialogPurpose = 'open-project' | 'open-video' | 'save-project' | 'save-export';

/** Native file dialogs, supplied by the Electron shell; absent in browser mode and the CLI. */
export interface DialogProvider {
  pickFile(purpose: DialogPurpose, defaultName?: string): Promise<string | null>;
  /** Save dialog for a PDF report, offering this name; null when cancelled. */
  pickReportPath?(suggestedName: string): Promise<string | null>;
  /** Open dialog for a PNG or JPEG picture (the practice logo); null when cancelled. */
  pickImagePath?(): Promise<string | null>;
}

export interface AppHandlerDeps {
  shell: AppInfo['shell'];
  settings: SettingsStore;
  recent: RecentStore;
  dialogs: DialogProvider | undefined;
  takeOpenRequests(): OpenRequest[];
  places: PlaceStore;
  currentProject(): { path: string; untitled: boolean } | null;
}

type AppCallName =
  | 'app.info'
  | 'settings.get'
  | 'settings.update'
  | 'recent.list'
  | 'recent.forget'
  | 'place.get'
  | 'place.remember'
  | 'app.takeOpenRequests'
  | 'dialog.pickFile'
  | 'files.list';

export function createAppHandlers(deps: AppHandlerDeps): Pick<Handlers, AppCallName> {
  return {
    'app.info': () => ({
      name: APP_NAME,
      version: APP_VERSION,
      shell: deps.shell,
      platform: process.platform,
      nodeVersion: process.versions.node,
      nativeDialogs: deps.dialogs !== undefined,
    }),
    'settings.get': () => deps.settings.get(),
    'settings.update': (patch) => deps.settings.update(stripUndefined(patch)),
    'recent.list': () => deps.recent.list(),
    'recent.forget': ({ path }) => deps.recent.forget(path),
    'place.get': () => {
      const path = deps.currentProject()?.path;
      return path ? deps.places.get(path) : { selection: { clientId: null, sessionId: null, clipId: null }, clips: {} };
    },
    'place.remember': ({ selection, clip }) => {
      const path = deps.currentProject()?.path;
      if (path) deps.places.remember(path, { ...(selection ? { selection } : {}), ...(clip ? { clip } : {}) });
      return {};
    },
    'app.takeOpenRequests': () => deps.takeOpenRequests(),
    'dialog.pickFile': async ({ purpose, defaultName }) =>
      deps.dialogs ? { path: await deps.dialogs.pickFile(purpose, defaultName), supported: true } : { path: null, supported: false },
    'files.list': ({ path, kind }) => listDirectory(path ?? startFolder(kind, deps)),
  };
}

/**
 * Where the in-app file browser opens: the folder of the file of this kind used last (recent list), else the open
 * project's folder, else home — the first that still exists.
 */
export function startFolder(kind: FileKind | undefined, deps: Pick<AppHandlerDeps, 'recent' | 'currentProject'>): string {
  const lastUsed = deps.recent.list().find((item) => kind === undefined || item.kind === kind);
  // An untitled project lives in the app's own folder, where no one keeps videos.
  const project = deps.currentProject();
  const candidates = [lastUsed ? dirname(lastUsed.path) : null, project && !project.untitled ? dirname(project.path) : null, homedir()];
  return candidates.find((folder): folder is string => folder !== null && isFolder(folder)) ?? homedir();
}

function isFolder(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

const KIND_ORDER: Record<DirectoryEntry['kind'], number> = { directory: 0, project: 1, video: 2, other: 3 };

export function listDirectory(requested: string) {
  const path = resolve(requested);
  let names: string[];
  try {
    names = readdirSync(path);
  } catch (error) {
    const fsCode = (error as NodeJS.ErrnoException).code;
    if (fsCode === 'ENOENT') throw new MidstanceError('not-found', `Cannot open the folder ${path}: it does not exist.`, { path, fsCode });
    if (fsCode === 'ENOTDIR') throw new MidstanceError('file-access', `${path} is a file, not a folder.`, { path, fsCode });
    throw fileSystemError(error, path) ?? new MidstanceError('file-access', `Cannot open the folder ${path}.`, { path, fsCode: fsCode ?? null });
  }
  const entries: DirectoryEntry[] = [];
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const full = join(path, name);
    try {
      const stats = statSync(full);
      const kind = stats.isDirectory() ? 'directory' : classifyPath(name);
      entries.push({ name, path: full, kind, size: stats.isDirectory() ? null : stats.size, modifiedAt: stats.mtime.toISOString() });
    } catch {
      // Broken links and files we may not stat are simply not offered.
    }
  }
  entries.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.name.localeCompare(b.name));
  const parent = dirname(path);
  return { path, parent: parent === path ? null : parent, entries };
}
