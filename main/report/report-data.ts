import { MidstanceError } from '../../common/contract/errors.ts';
import type { Language } from '../../common/contract/app.ts';
import type { ReportClipInput, ReportInput, ReportSessionInput } from '../../common/report/report-model.ts';
import { errorLine } from '../../common/error-text.ts';
import { locateMedia } from '../project/media-locator.ts';
import type { StoredClip } from '../project/repositories/clips.ts';
import type { ProjectStore } from '../project/store.ts';
import { clipGaitTiming } from '../project/summary.ts';
import { probeMedia, type ProbeResult } from '../media/probe.ts';
import { loadBoundTracks } from '../../common/tracking/track-measure.ts';

/**
 * Reads what a session report needs from a project (open in the app, or opened for reading by the CLI) and
 * reads each clip's video once (frame times, rates): the timing is the same pure computation as everywhere.
 */
export interface ReportData {
  input: ReportInput;
  /** Probed videos by clip id, for the stills. */
  probes: Map<string, ProbeResult>;
}

export interface LoadReportOptions {
  sessionId: string | null;
  language: Language | null;
  practiceName: string;
  ffprobe: string;
  projectDir: string;
  /** Where a moved video is searched for (the project's folder tree); null = no search. */
  searchRoot: string | null;
  signal?: AbortSignal;
}

export async function loadReportData(store: Pick<ProjectStore, 'read'>, options: LoadReportOptions): Promise<ReportData> {
  const raw = store.read((repos) => {
    const sessions = repos.sessions.list();
    const session = options.sessionId === null ? sessions[0] : sessions.find((s) => s.id === options.sessionId);
    if (!session) {
      throw options.sessionId === null
        ? new MidstanceError('not-found', 'This project has no session yet: add a client and a session, then make the report.')
        : new MidstanceError('not-found', `There is no session with id ${options.sessionId} in this project.`, { sessionId: options.sessionId });
    }
    const ofClient = repos.sessions.list(session.clientId);
    const previous = ofClient[ofClient.findIndex((s) => s.id === session.id) + 1] ?? null;
    const sessionPart = (id: string) => ({
      answers: repos.checklist.list(id),
      clips: repos.clips
        .list()
        .filter((clip) => clip.sessionId === id)
        .map((clip) => {
          const annotations = repos.annotations.list(clip.id);
          const trackIds = new Set(repos.tracks.list(clip.id).map((track) => track.id));
          const tracks = loadBoundTracks(annotations, (id) => (trackIds.has(id) ? repos.tracks.points(id) : null));
          return { clip, annotations, events: repos.gaitEvents.list(clip.id), tracks };
        }),
    });
    return {
      settings: repos.settings.get(),
      client: repos.clients.get(session.clientId),
      session,
      notes: repos.sessions.notes(session.id),
      current: sessionPart(session.id),
      previous: previous ? { session: previous, ...sessionPart(previous.id) } : null,
    };
  });
  const language: Language = options.language ?? raw.settings.language;
  const probes = new Map<string, ProbeResult>();

  const readClip = async (
    part: { clip: StoredClip; annotations: ReportClipInput['annotations']; events: ReportClipInput['events']; tracks: ReportClipInput['tracks'] },
    treadmillSpeedKmh: number | null,
    keepProbe: boolean,
  ): Promise<ReportClipInput> => {
    const { clip } = part;
    const base = { id: clip.id, name: clip.name, view: clip.view, annotations: part.annotations, events: part.events, tracks: part.tracks };
    const found = locateMedia(options.projectDir, clip, { searchRoot: options.searchRoot });
    if (!found) return { ...base, media: { state: 'missing', reason: '', captureFps: clip.captureFps } };
    let probe: ProbeResult;
    try {
      probe = await probeMedia(found.path, { ffprobe: options.ffprobe, userCaptureFps: clip.captureFps, signal: options.signal });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      const reason = errorLine(error, language);
      return { ...base, media: { state: 'unreadable', reason, captureFps: clip.captureFps } };
    }
    if (keepProbe) probes.set(clip.id, probe);
    const timing = clipGaitTiming(
      part.events,
      { info: probe.info, frames: probe.table },
      treadmillSpeedKmh,
      raw.settings,
    );
    return {
      ...base,
      media: {
        state: 'found',
        frames: probe.table,
        rates: { fileFps: probe.info.fileFps, captureFps: probe.info.captureFps },
        timing,
        size: { width: probe.info.width, height: probe.info.height },
      },
    };
  };

  const clips: ReportClipInput[] = [];
  for (const part of raw.current.clips) {
    options.signal?.throwIfAborted();
    clips.push(await readClip(part, raw.session.protocol.treadmillSpeedKmh, true));
  }
  // The previous session's videos are read too, for its running times (the comparison shows them beside today's).
  const previousClips: ReportClipInput[] = [];
  for (const part of raw.previous?.clips ?? []) {
    options.signal?.throwIfAborted();
    previousClips.push(await readClip(part, raw.previous!.session.protocol.treadmillSpeedKmh, false));
  }
  const previous: ReportSessionInput | null = raw.previous
    ? { session: raw.previous.session, answers: raw.previous.answers, clips: previousClips }
    : null;
  return {
    probes,
    input: {
      language,
      convention: raw.settings.angleConvention,
      norms: raw.settings.norms,
      practiceName: options.practiceName,
      client: raw.client,
      session: raw.session,
      notes: raw.notes,
      answers: raw.current.answers,
      clips,
      previous,
    },
  };
}
