import { existsSync } from 'node:fs';
import type { AppInfo, OpenRequest } from '../../common/contract/app.ts';
import { createPlaceStore } from '../app-state/place-store.ts';
import { createRecentStore } from '../app-state/recent-store.ts';
import { createSettingsStore } from '../app-state/settings-store.ts';
import { classifyPath } from '../platform/paths.ts';
import { createAppHandlers, type DialogProvider } from './app-handlers.ts';
import { createEventBus } from './event-bus.ts';
import { createExportHandlers } from './export-handlers.ts';
import { createMediaHandlers, createMediaServiceForCore, mediaFrameSource } from './media-handlers.ts';
import { createPoseHandlers } from './pose-handlers.ts';
import { createProjectHandlers, createProjectServiceForCore } from './project-handlers.ts';
import { createTrackHandlers } from './track-handlers.ts';
import { createTrackingJobs } from '../tracking/tracking-jobs.ts';
import { createReportHandlers } from './report-handlers.ts';
import type { Core, FrameSource, Handlers } from './types.ts';

export interface CoreOptions {
  shell: AppInfo['shell'];
  dataDir: string;
  dialogs?: DialogProvider;
}

/** Builds every service and the handler table that all transports dispatch into. */
export function createCore(options: CoreOptions): Core {
  const events = createEventBus();
  const settings = createSettingsStore(options.dataDir);
  const recent = createRecentStore(options.dataDir);
  const places = createPlaceStore(options.dataDir);
  const pendingOpens: OpenRequest[] = [];
  const project = createProjectServiceForCore({ dataDir: options.dataDir, events, recent, settings });
  const media = createMediaServiceForCore({ settings, events });
  const trackingJobs = createTrackingJobs();
  // Which project is open, so the next launch can return to it; quitting leaves it noted, closing clears it.
  events.subscribe((name, payload) => {
    if (name === 'project.changed') places.noteOpenProject((payload as { project: { path: string } | null }).project?.path ?? null);
  });

  const handlers: Handlers = {
    ...createAppHandlers({
      shell: options.shell,
      settings,
      recent,
      dialogs: options.dialogs,
      takeOpenRequests: () => pendingOpens.splice(0),
      places,
      currentProject: () => project.current(),
    }),
    ...createProjectHandlers(project, {
      onVideoAdded: (path) => recent.add('video', path),
      checkVideo: (path, signal) => media.check(path, signal),
    }),
    ...createMediaHandlers(media),
    ...createTrackHandlers({ project, media, jobs: trackingJobs, events }),
    ...createPoseHandlers({ media, project, events }),
    ...createExportHandlers({ project, media, events }),
    ...createReportHandlers({ project, media, settings, events, dialogs: options.dialogs }),
  };

  // A copy made with Save as is where the user goes on working: it keeps the places of the original.
  const saveAs = handlers['project.saveAs'];
  handlers['project.saveAs'] = async (input, context) => {
    const from = project.current()?.path ?? null;
    const saved = await saveAs(input, context);
    if (from && from !== saved.path) places.copy(from, saved.path);
    return saved;
  };

  const frames: FrameSource = mediaFrameSource(media);

  const requestOpen = (path: string) => {
    const kind = classifyPath(path);
    const request: OpenRequest = { kind: kind === 'project' ? 'project' : 'video', path };
    pendingOpens.push(request);
    events.emit('app.openRequested', request);
  };
  return {
    handlers,
    events,
    frames,
    requestOpen,
    resumeLastProject() {
      const last = places.openProject();
      if (!last || !existsSync(last)) return false;
      requestOpen(last);
      return true;
    },
    async dispose() {
      trackingJobs.cancelAll();
      project.dispose();
      await media.dispose();
    },
  };
}
