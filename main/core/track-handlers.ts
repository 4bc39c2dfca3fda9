import { MidstanceError } from '../../common/contract/errors.ts';
import type { TrackRunEdit } from '../../common/contract/track.ts';
import type { MediaService } from '../media/media-service.ts';
import type { ProjectService } from '../project/service.ts';
import { trackJobMedia } from '../tracking/track-job.ts';
import type { TrackingJobs } from '../tracking/tracking-jobs.ts';
import type { EventBus, Handlers } from './types.ts';

/**
 * Tracking jobs: read the track's anchors, track on the open media in a worker, then write every range found in
 * one edit (so one undo puts it all back). Cancelled jobs write nothing.
 */
export function createTrackHandlers(deps: {
  project: ProjectService;
  media: MediaService;
  jobs: TrackingJobs;
  events: Pick<EventBus, 'emit'>;
}): Pick<Handlers, 'tracks.track' | 'tracks.cancelTracking'> {
  return {
    'tracks.track': async ({ id, mediaId, fromFrame, mode, jobId }, context) => {
      const store = deps.project.store();
      const track = store.read((repos) => repos.tracks.get(id));
      const points = store.read((repos) => repos.tracks.points(id));
      const start = points.find((point) => point.frameIndex === fromFrame);
      if (!start) throw new MidstanceError('invalid-request', `This track has no position on frame ${fromFrame} to track from.`);
      const probe = deps.media.probe(mediaId);
      const { ffmpeg } = await deps.media.tools();
      const job = jobId ?? `track-${id}-${Date.now()}`;
      const result = await deps.jobs.run(
        job,
        {
          ...trackJobMedia(ffmpeg, probe),
          mode: mode ?? (track.source === 'blob' ? 'blob' : 'template'),
          start: { frameIndex: fromFrame, x: start.x, y: start.y },
          anchorFrames: [fromFrame, ...points.filter((point) => point.anchor).map((point) => point.frameIndex)],
        },
        (progress) => deps.events.emit('tracks.progress', { jobId: job, trackId: id, ...progress }),
        context.signal,
      );
      return store.edit((now, repos) => {
        const edits: TrackRunEdit[] = result.runs.map((run) => {
          const edit = repos.tracks.replacePoints(id, run.range, run.points, now);
          return { range: run.range, replaced: edit.replaced, written: run.points, lost: run.lost };
        });
        return { track: repos.tracks.get(id), edits };
      });
    },
    'tracks.cancelTracking': ({ jobId }) => ({ cancelled: deps.jobs.cancel(jobId) }),
  };
}
