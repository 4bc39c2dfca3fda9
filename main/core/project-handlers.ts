import type { Settings } from '../../common/contract/app.ts';
import type { RecentStore } from '../app-state/recent-store.ts';
import { createProjectService, type ProjectService } from '../project/service.ts';
import type { Migration } from '../project/migrations/types.ts';
import { clipGaitProposals } from '../project/gait-proposals.ts';
import type { EventBus, Handlers } from './types.ts';

/** The track store's calls; tracking jobs (tracks.track…) need the media engine and live in track-handlers.ts. */
type TrackStoreCallName = 'tracks.list' | 'tracks.get' | 'tracks.create' | 'tracks.update' | 'tracks.accept' | 'tracks.replacePoints' | 'tracks.setAnchor' | 'tracks.delete';

export interface ProjectHandlerDeps {
  dataDir: string;
  events: Pick<EventBus, 'emit'>;
  recent: Pick<RecentStore, 'add'> | undefined;
  /** The user's preferences; a new project starts with their language and angle convention. */
  settings: { get(): Settings } | undefined;
  migrations?: readonly Migration[];
}

type ProjectCallName = Extract<
  keyof Handlers,
  `project.${string}` | `clients.${string}` | `sessions.${string}` | `clips.${string}` | `annotations.${string}` | `gaitEvents.${string}` | `gaitProposals.${string}` | `checklist.${string}` | `notes.${string}` | TrackStoreCallName
>;

export function createProjectServiceForCore(deps: ProjectHandlerDeps): ProjectService {
  return createProjectService({
    dataDir: deps.dataDir,
    migrations: deps.migrations,
    initialSettings: () => {
      const user = deps.settings?.get();
      return user ? { angleConvention: user.angleConvention, language: user.language } : {};
    },
    onChanged: (project) => deps.events.emit('project.changed', { project }),
    onSaved: (event) => deps.events.emit('project.saved', event),
    onOpened: (path) => deps.recent?.add('project', path),
  });
}

/** One function per project call; each edit is one transaction and answers after the commit. */
export interface ProjectHandlerHooks {
  /** A video was brought into the project (the start screen offers it again as a recent video). */
  onVideoAdded?(path: string): void;
  /** Throws the media engine's typed error when a file is not a video it can show; runs before a clip is stored. */
  checkVideo?(path: string, signal?: AbortSignal): Promise<void>;
}

export function createProjectHandlers(project: ProjectService, hooks: ProjectHandlerHooks = {}): Pick<Handlers, ProjectCallName> {
  const store = () => project.store();
  return {
    'project.create': ({ path, overwrite }) => project.create({ path, overwrite }),
    'project.open': ({ path }) => project.open(path),
    'project.close': () => ({ closed: project.close() }),
    'project.saveAs': ({ path, overwrite }) => project.saveAs(path, overwrite ?? false),
    'project.current': () => project.current(),
    'project.listUntitled': () => project.listUntitled(),
    'project.discardUntitled': ({ path }) => ({ discarded: project.discardUntitled(path) }),
    'project.updateSettings': (patch) => project.updateSettings(patch),

    'clients.list': () => store().read((repos) => repos.clients.list()),
    'clients.create': (draft) => store().edit((now, repos) => repos.clients.create(draft, now)),
    'clients.update': ({ id, patch }) => store().edit((now, repos) => repos.clients.update(id, patch, now)),
    'clients.delete': ({ id }) => store().edit((_now, repos) => repos.clients.delete(id)),

    'sessions.list': ({ clientId }) => store().read((repos) => repos.sessions.list(clientId)),
    'sessions.create': (draft) => store().edit((now, repos) => repos.sessions.create(draft, now)),
    'sessions.update': ({ id, patch }) => store().edit((now, repos) => repos.sessions.update(id, patch, now)),
    'sessions.delete': ({ id }) => store().edit((_now, repos) => repos.sessions.delete(id)),

    'clips.list': ({ sessionId }) => project.listClips(sessionId),
    'clips.add': async (input, context) => {
      // A file that is not a readable video is refused before anything is stored.
      await hooks.checkVideo?.(input.path, context.signal);
      const added = await project.addClip(input);
      hooks.onVideoAdded?.(input.path);
      return added;
    },
    'clips.update': ({ id, patch }) => project.updateClip(id, patch),
    'clips.locate': ({ id }) => project.locateClip(id),
    'clips.relink': async ({ id, path, force }, context) => {
      await hooks.checkVideo?.(path, context.signal);
      return project.relinkClip(id, path, force ?? false);
    },
    'clips.remove': ({ id }) => project.removeClip(id),

    'annotations.list': ({ clipId, frameIndex }) => store().read((repos) => repos.annotations.list(clipId, frameIndex)),
    'annotations.create': (draft) => store().edit((now, repos) => repos.annotations.create(draft, now)),
    'annotations.update': ({ id, patch }) => store().edit((now, repos) => repos.annotations.update(id, patch, now)),
    'annotations.delete': ({ id }) => store().edit((_now, repos) => repos.annotations.delete(id)),

    'gaitEvents.list': ({ clipId }) => store().read((repos) => repos.gaitEvents.list(clipId)),
    'gaitEvents.create': (draft) => store().edit((now, repos) => repos.gaitEvents.create(draft, now)),
    'gaitEvents.update': ({ id, patch }) => store().edit((now, repos) => repos.gaitEvents.update(id, patch, now)),
    'gaitEvents.delete': ({ id }) => store().edit((_now, repos) => repos.gaitEvents.delete(id)),
    'gaitProposals.list': ({ clipId, includeRejected }) =>
      store().read((repos) => clipGaitProposals(repos, clipId, repos.gaitEvents.list(clipId), includeRejected ?? false)),
    'gaitProposals.reject': ({ clipId, proposals }) => store().edit((now, repos) => repos.gaitProposals.reject(clipId, proposals, now)),
    'gaitProposals.unreject': ({ clipId, proposals }) => store().edit((_now, repos) => repos.gaitProposals.unreject(clipId, proposals)),

    'checklist.list': ({ sessionId }) => store().read((repos) => repos.checklist.list(sessionId)),
    'checklist.set': async (input) => {
      // Loaded on first use: parsing and checking the checklist data is not worth delaying every start for.
      const { RUNNING_TECHNIQUE_CHECKLIST } = await import('../../common/checklist/checklist.ts');
      return store().edit((now, repos) => repos.checklist.set(input, now, RUNNING_TECHNIQUE_CHECKLIST));
    },
    'checklist.clear': ({ sessionId, itemKey }) => store().edit((_now, repos) => repos.checklist.clear(sessionId, itemKey)),

    'notes.get': ({ sessionId }) => store().read((repos) => repos.sessions.notes(sessionId)),
    'notes.update': ({ sessionId, findings, advice }) =>
      store().edit((now, repos) => repos.sessions.updateNotes(sessionId, { findings, advice }, now)),

    'tracks.list': ({ clipId }) => store().read((repos) => repos.tracks.list(clipId)),
    'tracks.get': ({ id, fromFrame, toFrame }) => store().read((repos) => repos.tracks.withPoints(id, { fromFrame, toFrame })),
    'tracks.create': (draft) => store().edit((now, repos) => repos.tracks.create(draft, now)),
    'tracks.update': ({ id, patch }) => store().edit((now, repos) => repos.tracks.update(id, patch, now)),
    'tracks.accept': ({ ids }) => store().edit((now, repos) => ids.map((id) => repos.tracks.update(id, { status: 'accepted' }, now))),
    'tracks.replacePoints': ({ id, range, points }) =>
      store().edit((now, repos) => repos.tracks.replacePoints(id, range ?? null, points, now)),
    'tracks.setAnchor': ({ id, ...point }) => store().edit((now, repos) => repos.tracks.setAnchor(id, point, now)),
    'tracks.delete': ({ id }) => store().edit((_now, repos) => repos.tracks.delete(id)),
  };
}
