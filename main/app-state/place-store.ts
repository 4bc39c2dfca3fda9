import { join } from 'node:path';
import { z } from 'zod';
import { type ClipPlace, type PlaceSelection, ProjectPlace } from '../../common/contract/app.ts';
import { readJsonFile, writeJsonFileAtomic } from '../platform/json-file.ts';

/** Projects whose place is kept; the oldest is forgotten first. */
const MAX_PROJECTS = 50;
/** Clips per project whose place is kept. */
const MAX_CLIPS = 200;

const StoredPlaces = z.object({
  /** The project that was open when the app last stopped (cleared when the user closes it). */
  openProject: z.string().nullable(),
  /** By project path, most recently used last. */
  projects: z.record(z.string(), ProjectPlace),
});
type StoredPlaces = z.infer<typeof StoredPlaces>;

const EMPTY_PLACE: ProjectPlace = { selection: { clientId: null, sessionId: null, clipId: null }, clips: {} };

/**
 * Where the user was, per project, and which project was open at quit — user state, not project data, so it lives
 * in the user data folder (places.json) and never marks a project as changed.
 */
export interface PlaceStore {
  get(projectPath: string): ProjectPlace;
  remember(projectPath: string, update: { selection?: PlaceSelection; clip?: { clipId: string; place: ClipPlace } }): void;
  /** The places of one project for another (a copy made with Save as). */
  copy(fromPath: string, toPath: string): void;
  /** The project now open (null: the user closed it). */
  noteOpenProject(projectPath: string | null): void;
  openProject(): string | null;
}

export function createPlaceStore(dataDir: string): PlaceStore {
  const path = join(dataDir, 'places.json');
  const parsed = StoredPlaces.safeParse(readJsonFile(path));
  const state: StoredPlaces = parsed.success ? parsed.data : { openProject: null, projects: {} };
  const save = () => {
    try {
      writeJsonFileAtomic(path, state);
    } catch {
      // A place is a convenience: failing to keep it must not fail the edit that moved it.
    }
  };
  return {
    get: (projectPath) => state.projects[projectPath] ?? EMPTY_PLACE,
    remember(projectPath, update) {
      const current = state.projects[projectPath] ?? EMPTY_PLACE;
      const clips = { ...current.clips };
      if (update.clip) {
        delete clips[update.clip.clipId];
        clips[update.clip.clipId] = update.clip.place;
        for (const oldest of Object.keys(clips).slice(0, Math.max(0, Object.keys(clips).length - MAX_CLIPS))) delete clips[oldest];
      }
      delete state.projects[projectPath];
      state.projects[projectPath] = { selection: update.selection ?? current.selection, clips };
      const paths = Object.keys(state.projects);
      for (const oldest of paths.slice(0, Math.max(0, paths.length - MAX_PROJECTS))) delete state.projects[oldest];
      save();
    },
    copy(fromPath, toPath) {
      const from = state.projects[fromPath];
      if (!from) return;
      delete state.projects[toPath];
      state.projects[toPath] = structuredClone(from);
      save();
    },
    noteOpenProject(projectPath) {
      if (state.openProject === projectPath) return;
      state.openProject = projectPath;
      save();
    },
    openProject: () => state.openProject,
  };
}
