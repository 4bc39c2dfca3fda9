import type { SettingsStore } from '../app-state/settings-store.ts';
import { type MediaService, createMediaService } from '../media/media-service.ts';
import type { EventBus, FrameSource, Handlers } from './types.ts';

type MediaCallName =
  | 'media.open'
  | 'media.check'
  | 'media.cancelOpen'
  | 'media.close'
  | 'media.frameInfo'
  | 'media.setCaptureFps'
  | 'media.warmStatus'
  | 'media.diagnostics';

/** The media engine wired to settings (ffmpeg paths, cache bound) and the event bus. */
export function createMediaServiceForCore(deps: { settings: SettingsStore; events: EventBus }): MediaService {
  return createMediaService({
    settings: () => deps.settings.get(),
    onOpenProgress: (progress) => deps.events.emit('media.openProgress', progress),
    onWarmProgress: (status) => deps.events.emit('media.warmProgress', status),
  });
}

export function createMediaHandlers(media: MediaService): Pick<Handlers, MediaCallName> {
  return {
    'media.open': ({ path, captureFps, openId }, context) => media.open({ path, captureFps, openId, signal: context.signal }),
    'media.check': async ({ path }, context) => {
      await media.check(path, context.signal);
      return { readable: true as const };
    },
    'media.cancelOpen': ({ openId }) => ({ cancelled: media.cancelOpen(openId) }),
    'media.close': async ({ mediaId }) => ({ closed: await media.close(mediaId) }),
    'media.frameInfo': ({ mediaId, index }) => media.frameInfo(mediaId, index),
    'media.setCaptureFps': ({ mediaId, captureFps }) => media.setCaptureFps(mediaId, captureFps),
    'media.warmStatus': ({ mediaId }) => media.warmStatus(mediaId),
    'media.diagnostics': () => media.diagnostics(),
  };
}

/** Frames for /frames/<mediaId>/<index>?w= (browser mode) and the Electron frame protocol. */
export function mediaFrameSource(media: MediaService): FrameSource {
  return { getFrame: (request, signal) => media.getFrame(request, signal) };
}
