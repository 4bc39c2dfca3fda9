import type { AppInfo, OpenRequest } from '../../common/contract/app.ts';
import { createRecentStore } from '../app-state/recent-store.ts';
import { createSettingsStore } from '../app-state/settings-store.ts';
import { classifyPath } from '../platform/paths.ts';
import { createAppHandlers, type DialogProvider } from './app-handlers.ts';
import { createEventBus } from './event-bus.ts';
import { createMediaHandlers, createMediaServiceForCore, mediaFrameSource } from './media-handlers.ts';
import { createProjectHandlers, createProjectServiceForCore } from './project-handlers.ts';
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
  const pendingOpens: OpenRequest[] = [];
  const project = createProjectServiceForCore({ dataDir: options.dataDir, events, recent, settings });
  const media = createMediaServiceForCore({ settings, events });

  const handlers: Handlers = {
    ...createAppHandlers({
      shell: options.shell,
      settings,
      recent,
      dialogs: options.dialogs,
      takeOpenRequests: () => pendingOpens.splice(0),
    }),
    ...createProjectHandlers(project, { onVideoAdded: (path) => recent.add('video', path) }),
    ...createMediaHandlers(media),
  };

  const frames: FrameSource = mediaFrameSource(media);

  return {
    handlers,
    events,
    frames,
    requestOpen(path) {
      const kind = classifyPath(path);
      const request: OpenRequest = { kind: kind === 'project' ? 'project' : 'video', path };
      pendingOpens.push(request);
      events.emit('app.openRequested', request);
    },
    async dispose() {
      project.dispose();
      await media.dispose();
    },
  };
}
