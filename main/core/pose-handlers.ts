import { MidstanceError } from '../../common/contract/errors.ts';
import { PoseLandmark, type PoseModelChoice } from '../../common/contract/pose.ts';
import type { TrackPoint } from '../../common/contract/track.ts';
import { POSE_LANDMARK_NAMES } from '../../common/pose/landmark-names.ts';
import { refinePoses } from '../../common/pose/refine.ts';
import type { MediaService } from '../media/media-service.ts';
import type { ProjectService } from '../project/service.ts';
import { DEFAULT_POSE_MODEL, detectPoses } from '../pose/pose-engine.ts';
import type { EventBus, Handlers } from './types.ts';

/**
 * "Detect landmarks" for a clip: the pose model runs over every frame (worker thread, progress events,
 * cancellable), and the refined landmarks are stored as one proposed pose track per landmark. The
 * tracks are the cache: asking again answers with them instead of computing again, unless redo.
 */
export function createPoseHandlers(deps: {
  media: Pick<MediaService, 'probe' | 'tools'>;
  project: Pick<ProjectService, 'store'>;
  events: Pick<EventBus, 'emit'>;
}): Pick<Handlers, 'pose.detect' | 'pose.cancel'> {
  const jobs = new Map<string, AbortController>();
  return {
    async 'pose.detect'({ clipId, mediaId, jobId, model: asked, redo }, context) {
      const model: PoseModelChoice = asked ?? DEFAULT_POSE_MODEL;
      const store = deps.project.store();
      const existing = store.read((repos) => repos.tracks.list(clipId)).filter((track) => track.source === 'pose');
      if (existing.length > 0 && !redo) {
        return {
          trackIds: existing.map((track) => track.id),
          cached: true,
          model,
          frames: Math.max(...existing.map((track) => track.pointCount)),
          missed: 0,
          swappedFrames: 0,
          coincidentFrames: 0,
        };
      }
      if (jobs.has(jobId)) throw new MidstanceError('invalid-request', 'This landmark detection is already running.');
      const probe = deps.media.probe(mediaId);
      const { ffmpeg } = await deps.media.tools();
      const controller = new AbortController();
      jobs.set(jobId, controller);
      const onCallerGone = () => controller.abort();
      context.signal?.addEventListener('abort', onCallerGone, { once: true });
      const total = probe.table.pts.length;
      let shown = -1;
      deps.events.emit('pose.progress', { jobId, clipId, done: 0, total });
      try {
        const result = await detectPoses({
          ffmpeg,
          probe,
          from: 0,
          to: total - 1,
          model,
          signal: controller.signal,
          onProgress: (done, work) => {
            // Auto counts its heavy pass as a second run over the clip: shown as frames of the clip.
            const frames = Math.min(total, Math.round((done * total) / work));
            const percent = Math.floor((frames * 100) / total);
            if (percent === shown && frames !== total) return;
            shown = percent;
            deps.events.emit('pose.progress', { jobId, clipId, done: frames, total });
          },
        });
        const refined = refinePoses(result.frames);
        const language = store.read((repos) => repos.settings.get().language) === 'nl' ? 'nl' : 'en';
        const saved = deps.project.store().edit((now, repos) => {
          const current = repos.tracks.list(clipId).filter((track) => track.source === 'pose');
          // A redo replaces the proposals; what the user accepted stays, and its landmark is not proposed again.
          for (const track of current) if (track.status === 'proposed') repos.tracks.delete(track.id);
          const kept = new Set(current.filter((track) => track.status === 'accepted').map((track) => track.landmark));
          const created: string[] = [];
          for (const landmark of PoseLandmark.options) {
            if (kept.has(landmark)) continue;
            const points: TrackPoint[] = [];
            for (const frame of refined.frames) {
              const point = frame.landmarks[landmark];
              if (point) points.push({ frameIndex: frame.index, x: point.x, y: point.y, confidence: point.confidence, anchor: false });
            }
            if (points.length === 0) continue;
            const track = repos.tracks.create(
              { clipId, source: 'pose', landmark, status: 'proposed', label: POSE_LANDMARK_NAMES[language][landmark], points },
              now,
            );
            created.push(track.id);
          }
          return created;
        });
        deps.events.emit('tracks.changed', { clipId, trackIds: saved.record });
        return {
          trackIds: saved.record,
          cached: false,
          model,
          frames: result.frames.length,
          missed: result.missed,
          heavyFrames: result.heavyFrames.length,
          swappedFrames: new Set([...refined.swapped.legs, ...refined.swapped.trunk]).size,
          coincidentFrames: refined.coincident.length,
        };
      } finally {
        context.signal?.removeEventListener('abort', onCallerGone);
        jobs.delete(jobId);
      }
    },
    'pose.cancel'({ jobId }) {
      const controller = jobs.get(jobId);
      controller?.abort();
      return { cancelled: controller !== undefined };
    },
  };
}
