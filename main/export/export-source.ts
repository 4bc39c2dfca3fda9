import type { Annotation } from '../../common/contract/annotation.ts';
import { loadBoundTracks, type TrackPointsById } from '../../common/tracking/track-measure.ts';
import { MidstanceError } from '../../common/contract/errors.ts';
import type { GaitEvent, ProjectSettings } from '../../common/contract/project.ts';
import type { ExportClipInput } from '../../common/export/measurement-table.ts';
import type { GaitTiming } from '../../common/gait/timing.ts';
import { calibrationFromAnnotations } from '../../common/geometry/calibration.ts';
import type { FfmpegTools } from '../media/ffmpeg-path.ts';
import { probeMedia, type ProbeResult } from '../media/probe.ts';
import { locateMedia } from '../project/media-locator.ts';
import type { StoredClip } from '../project/repositories/clips.ts';
import type { ProjectStore } from '../project/store.ts';
import { clipGaitTiming } from '../project/summary.ts';

/**
 * What an export reads: the project (open in the app, or opened for reading by the CLI), where its videos
 * are looked for, and ffmpeg/ffprobe (found the way the app finds them).
 */
export interface ExportProject {
  store: Pick<ProjectStore, 'read'>;
  projectDir: string;
  /** Where a moved video is searched for (the project's folder tree); null = no search. */
  searchRoot: string | null;
  tools: () => Promise<FfmpegTools>;
}

export interface ClipRecords {
  clip: StoredClip;
  annotations: Annotation[];
  events: GaitEvent[];
  settings: ProjectSettings;
  treadmillSpeedKmh: number | null;
  cmPerPx: number | null;
  /** Points of the tracks its measurements are bound to. */
  tracks: TrackPointsById;
}

export interface ClipWithMedia extends ClipRecords {
  probe: ProbeResult;
  timing: GaitTiming;
}

function readClips(project: ExportProject, clipIds: readonly string[]): ClipRecords[] {
  return project.store.read((repos) => {
    const settings = repos.settings.get();
    return clipIds.map((id) => {
      const clip = repos.clips.get(id);
      const annotations = repos.annotations.list(clip.id);
      const trackIds = new Set(repos.tracks.list(clip.id).map((track) => track.id));
      const tracks = loadBoundTracks(annotations, (trackId) => (trackIds.has(trackId) ? repos.tracks.points(trackId) : null));
      const speed = clip.sessionId === null ? null : (repos.sessions.list().find((s) => s.id === clip.sessionId)?.protocol.treadmillSpeedKmh ?? null);
      return {
        clip,
        annotations,
        events: repos.gaitEvents.list(clip.id),
        settings,
        treadmillSpeedKmh: speed,
        cmPerPx: calibrationFromAnnotations(annotations)?.cmPerPx ?? null,
        tracks,
      };
    });
  });
}

/** The clips of a session, in the project's order. */
export function sessionClipIds(project: ExportProject, sessionId: string): string[] {
  return project.store.read((repos) => {
    if (!repos.sessions.list().some((session) => session.id === sessionId)) {
      throw new MidstanceError('not-found', `There is no session with id ${sessionId} in this project.`, { sessionId });
    }
    return repos.clips.list(sessionId).map((clip) => clip.id);
  });
}

async function withMedia(project: ExportProject, records: ClipRecords, signal?: AbortSignal): Promise<ClipWithMedia | null> {
  const found = locateMedia(project.projectDir, records.clip, { searchRoot: project.searchRoot });
  if (!found) return null;
  const { ffprobe } = await project.tools();
  const probe = await probeMedia(found.path, { ffprobe: ffprobe.path, userCaptureFps: records.clip.captureFps, signal });
  const timing = clipGaitTiming(records.events, { info: probe.info, frames: probe.table }, records.treadmillSpeedKmh, records.settings);
  return { ...records, probe, timing };
}

/** A clip whose video must be at hand (pictures are exported): 'media-missing' otherwise. */
export async function loadClipWithMedia(project: ExportProject, clipId: string, signal?: AbortSignal): Promise<ClipWithMedia> {
  const [records] = readClips(project, [clipId]);
  const loaded = await withMedia(project, records!, signal);
  if (!loaded) {
    throw new MidstanceError(
      'media-missing',
      `The video of "${records!.clip.name}" was not found where it was, nor in the project folder. Point Midstance to the file (Relink), then export again.`,
      { clipId, lastKnownPath: records!.clip.absolutePath },
    );
  }
  return loaded;
}

/**
 * Clips for the measurement table. A clip whose video is missing or unreadable still lists its drawings and
 * events (with their stored file times, no real times); `missing` names those clips.
 */
export async function loadTableClips(
  project: ExportProject,
  clipIds: readonly string[],
  signal?: AbortSignal,
): Promise<{ clips: ExportClipInput[]; settings: ProjectSettings; missing: string[] }> {
  const records = readClips(project, clipIds);
  const clips: ExportClipInput[] = [];
  const missing: string[] = [];
  for (const record of records) {
    signal?.throwIfAborted();
    let loaded: ClipWithMedia | null = null;
    try {
      loaded = await withMedia(project, record, signal);
    } catch (error) {
      if (signal?.aborted) throw error;
      if (error instanceof MidstanceError && error.code === 'ffmpeg-missing') throw error;
    }
    if (!loaded) missing.push(record.clip.name);
    clips.push({
      id: record.clip.id,
      name: record.clip.name,
      view: record.clip.view,
      annotations: record.annotations,
      events: record.events,
      tracks: record.tracks,
      media: loaded ? { frames: loaded.probe.table, rates: { fileFps: loaded.probe.info.fileFps, captureFps: loaded.probe.info.captureFps } } : null,
      timing: loaded?.timing ?? null,
    });
  }
  return { clips, settings: project.store.read((repos) => repos.settings.get()), missing };
}
