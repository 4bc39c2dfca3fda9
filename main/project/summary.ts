import { dirname } from 'node:path';
import { RUNNING_TECHNIQUE_CHECKLIST } from '../../common/checklist/checklist.ts';
import {
  checklistJson,
  evaluateChecklist,
  sessionTiming,
  statsFromAnnotations,
  statsFromTiming,
  type ChecklistItemJson,
} from '../../common/checklist/evaluate.ts';
import type { Track } from '../../common/contract/track.ts';
import type { ProposedGaitEvent } from '../../common/gait/propose-events.ts';
import { clipGaitProposals } from './gait-proposals.ts';
import type { Annotation } from '../../common/contract/annotation.ts';
import type { ChecklistAnswer, GaitEvent, ProjectSettings } from '../../common/contract/project.ts';
import type { FrameTable, MediaInfo } from '../../common/contract/media.ts';
import { gaitSummaryJson, summarizeMeasurements, type GaitSummaryJson, type MeasurementSummaryEntry } from '../../common/gait/summary.ts';
import { asymmetryThreshold, computeGaitTiming, type GaitTiming } from '../../common/gait/timing.ts';
import { calibrationFromAnnotations } from '../../common/geometry/calibration.ts';
import { CONVENTION_LABELS, type MeasurementUnit } from '../../common/geometry/conventions.ts';
import { measureAnnotation } from '../../common/measurements/measure.ts';
import { labelText } from '../../common/measurements/presets.ts';
import {
  isBound,
  loadBoundTracks,
  measurementSeries,
  missingTracks,
  perStepExtremes,
  valuesAtEvents,
  type TrackPointsById,
} from '../../common/tracking/track-measure.ts';
import { openProjectDb } from './db.ts';
import { locateMedia } from './media-locator.ts';
import { createProjectStore } from './store.ts';

export interface MeasurementSummary {
  clipId: string;
  clip: string;
  frameIndex: number;
  /** Seconds on the file's timeline. */
  frameTime: number;
  label: string | null;
  /** The preset's English name when the label is a preset key, else the label as typed. */
  labelText: string | null;
  type: Annotation['geometry']['kind'];
  /** Null for markers, text notes and degenerate geometry. */
  value: {
    unit: MeasurementUnit;
    interior: number;
    clinical: number;
    interiorMeaning: string;
    clinicalMeaning: string;
  } | null;
}

/**
 * A measurement bound to tracks in `info --json`: values in the interior convention (as norms are stored), or
 * cm/px for lengths. `atEvents` is null when the label is not a preset fitting the tool; `missingTracks` lists
 * bound tracks that were deleted (then it counts as drawn on its own frame). `strides`: minimum and maximum from
 * each initial contact to the next of the same foot (the preset's foot, else both).
 */
export interface BoundMeasurementJson {
  annotationId: string;
  label: string | null;
  type: Annotation['geometry']['kind'];
  frameIndex: number;
  trackBindings: (string | null)[];
  missingTracks: string[];
  unit: MeasurementUnit | null;
  atEvents: {
    presetKey: string;
    mean: number | null;
    sd: number | null;
    n: number;
    frames: { frameIndex: number; value: number | null }[];
  } | null;
  strides: { side: 'left' | 'right'; fromFrame: number; toFrame: number; min: number | null; max: number | null; minFrame: number | null; maxFrame: number | null }[];
}

export interface ProjectSummary {
  path: string;
  schemaVersion: number;
  migratedFrom: number | null;
  createdAt: string | null;
  createdWith: string | null;
  lastWrittenWith: string | null;
  settings: ProjectSettings;
  clients: { id: string; name: string; birthYear: number | null; externalId: string | null; sessions: number }[];
  sessions: {
    id: string;
    clientId: string;
    client: string;
    date: string;
    assessor: string;
    treadmillSpeedKmh: number | null;
    inclinePercent: number | null;
    shoes: string;
    shoeMileageKm: number | null;
    clips: number;
    /**
     * The running-technique checklist of the session, every item in checklist order: status (proposed from the
     * values, or set by the physio), note, values (interior convention, as norms are stored) and linked stills.
     */
    checklist: ChecklistItemJson[];
    /** The checklist version whose item keys `checklist` uses. */
    checklistVersion: number;
  }[];
  clips: {
    id: string;
    name: string;
    sessionId: string | null;
    view: string | null;
    captureFps: number | null;
    media: 'found' | 'missing';
    path: string | null;
    lastKnownPath: string;
    annotations: number;
    gaitEvents: number;
    /** Tracks of the clip (points tracked through frames, pose landmarks), without their points. */
    tracks: Pick<Track, 'id' | 'label' | 'source' | 'landmark' | 'status' | 'pointCount' | 'firstFrame' | 'lastFrame'>[];
    /**
     * Gait events proposed from the clip's accepted foot tracks (landmark leftHeel/leftAnkle/leftToe/leftFootIndex,
     * right…; hip from leftHip/rightHip), leaving out those the user has marked or rejected (gaitProposals.list).
     */
    proposedEvents: ProposedGaitEvent[];
    /** Running timing from the marked events; null when the video (its frame times) could not be read. */
    gait: GaitSummaryJson | null;
    /**
     * Preset measurements: mean ± SD, n, min, max per preset key, in the project's angle convention. A measurement
     * bound to tracks counts once per marked event its preset belongs to.
     */
    measurementSummary: Record<string, MeasurementSummaryEntry>;
    /** Measurements whose points follow tracks, with their values at the marked events (see BoundMeasurementJson). */
    boundMeasurements: BoundMeasurementJson[];
  }[];
  measurements: MeasurementSummary[];
  /**
   * The file was not closed properly: its leftover -wal, as analysed (nothing is copied or changed by
   * `info`; opening the project in Midstance keeps a recovery copy first). Null after a clean close.
   */
  uncleanShutdown: {
    recoveredChanges: number;
    /** Null when the log cannot be read at all. */
    lostChanges: number | null;
  } | null;
}

/**
 * Everything `midstance info` shows, read from an in-memory copy of the project: the file is never written,
 * locked or given side files. Media are looked up (relative, absolute, folder search) but never re-recorded.
 */
export interface ClipFrames {
  info: Pick<MediaInfo, 'fileFps' | 'captureFps' | 'timing'>;
  frames: Pick<FrameTable, 'times'>;
}

export interface SummaryOptions {
  /** Reads a found clip's frame times and rates (the CLI probes the video); without it there is no timing. */
  readFrames?: (path: string, userCaptureFps: number | null) => Promise<ClipFrames>;
}

/** Timing of one clip: the same pure computation the viewer's timing panel runs. */
export function clipGaitTiming(
  events: readonly GaitEvent[],
  media: ClipFrames,
  treadmillSpeedKmh: number | null,
  settings: Pick<ProjectSettings, 'norms'>,
): GaitTiming {
  return computeGaitTiming({
    events,
    frames: media.frames,
    rates: { fileFps: media.info.fileFps, captureFps: media.info.captureFps },
    irregularTiming: media.info.timing.irregular,
    treadmillSpeedKmh,
    asymmetryThresholdPct: asymmetryThreshold(settings.norms),
  });
}

export async function summarizeProject(path: string, options: SummaryOptions = {}): Promise<ProjectSummary> {
  const file = await openProjectDb(path, { mode: 'inspect' });
  const store = createProjectStore(file);
  const clipEvents = new Map<string, GaitEvent[]>();
  const clipAnnotations = new Map<
    string,
    { annotations: Annotation[]; cmPerPx: number | null; tracks: TrackPointsById; events: GaitEvent[] }
  >();
  const sessionAnswers = new Map<string, ChecklistAnswer[]>();
  let summary: ProjectSummary;
  try {
    summary = store.read((repos) => {
      const meta = new Map(
        (file.db.prepare('SELECT key, value FROM project_meta').all() as { key: string; value: string }[]).map((row) => [
          row.key,
          row.value,
        ]),
      );
      const clients = repos.clients.list();
      const sessions = repos.sessions.list();
      const clips = repos.clips.list();
      const clientName = new Map(clients.map((client) => [client.id, client.name]));
      const measurements: MeasurementSummary[] = [];
      const settings = repos.settings.get();
      for (const session of sessions) sessionAnswers.set(session.id, repos.checklist.list(session.id));
      const clipSummaries = clips.map((clip) => {
        const annotations = repos.annotations.list(clip.id);
        const events = repos.gaitEvents.list(clip.id);
        clipEvents.set(clip.id, events);
        const cmPerPx = calibrationFromAnnotations(annotations)?.cmPerPx ?? null;
        const clipTrackIds = new Set(repos.tracks.list(clip.id).map((track) => track.id));
        const boundTracks = loadBoundTracks(annotations, (trackId) => (clipTrackIds.has(trackId) ? repos.tracks.points(trackId) : null));
        clipAnnotations.set(clip.id, { annotations, cmPerPx, tracks: boundTracks, events });
        for (const annotation of annotations) measurements.push(summarizeMeasurement(annotation, clip.name, cmPerPx));
        const found = locateMedia(dirname(file.path), clip, { searchRoot: dirname(file.path) });
        return {
          id: clip.id,
          name: clip.name,
          sessionId: clip.sessionId,
          view: clip.view,
          captureFps: clip.captureFps,
          media: found ? ('found' as const) : ('missing' as const),
          path: found?.path ?? null,
          lastKnownPath: clip.absolutePath,
          annotations: annotations.length,
          gaitEvents: events.length,
          tracks: repos.tracks.list(clip.id).map(({ id, label, source, landmark, status, pointCount, firstFrame, lastFrame }) => ({
            id,
            label,
            source,
            landmark,
            status,
            pointCount,
            firstFrame,
            lastFrame,
          })),
          proposedEvents: clipGaitProposals(repos, clip.id, events).map(({ rejected: _rejected, ...proposal }) => proposal),
          gait: null,
          measurementSummary: summarizeMeasurements(annotations, settings.angleConvention, cmPerPx, { tracks: boundTracks, events }),
          boundMeasurements: annotations.filter(isBound).map((annotation) => boundMeasurementJson(annotation, boundTracks, events, cmPerPx)),
        };
      });
      return {
        path: file.path,
        schemaVersion: file.schemaVersion,
        migratedFrom: file.migratedFrom,
        createdAt: meta.get('created_at') ?? null,
        createdWith: meta.get('created_with') ?? null,
        lastWrittenWith: meta.get('last_written_with') ?? null,
        settings,
        clients: clients.map((client) => ({
          id: client.id,
          name: client.name,
          birthYear: client.birthYear,
          externalId: client.externalId,
          sessions: sessions.filter((session) => session.clientId === client.id).length,
        })),
        sessions: sessions.map((session) => ({
          id: session.id,
          clientId: session.clientId,
          client: clientName.get(session.clientId) ?? '?',
          date: session.date,
          assessor: session.assessor,
          treadmillSpeedKmh: session.protocol.treadmillSpeedKmh,
          inclinePercent: session.protocol.inclinePercent,
          shoes: session.protocol.shoes,
          shoeMileageKm: session.protocol.shoeMileageKm,
          clips: clips.filter((clip) => clip.sessionId === session.id).length,
          checklist: [],
          checklistVersion: RUNNING_TECHNIQUE_CHECKLIST.version,
        })),
        clips: clipSummaries,
        measurements,
        uncleanShutdown: file.recovery
          ? {
              recoveredChanges: file.recovery.wal.appliedCommits,
              lostChanges: file.recovery.wal.headerValid ? file.recovery.wal.unappliedCommits : null,
            }
          : null,
      };
    });
  } finally {
    store.close();
  }
  const clipTimings = new Map<string, GaitTiming>();
  if (options.readFrames) {
    const speedOf = new Map(summary.sessions.map((session) => [session.id, session.treadmillSpeedKmh]));
    for (const clip of summary.clips) {
      if (clip.media !== 'found' || clip.path === null) continue;
      let media: ClipFrames;
      try {
        media = await options.readFrames(clip.path, clip.captureFps);
      } catch {
        continue; // An unreadable video leaves gait null; the clip itself is still listed.
      }
      const speed = clip.sessionId === null ? null : (speedOf.get(clip.sessionId) ?? null);
      const timing = clipGaitTiming(clipEvents.get(clip.id) ?? [], media, speed, summary.settings);
      clipTimings.set(clip.id, timing);
      clip.gait = gaitSummaryJson(timing);
    }
  }
  for (const session of summary.sessions) {
    const clips = summary.clips.filter((clip) => clip.sessionId === session.id);
    const timed = sessionTiming(clips.flatMap((clip) => (clipTimings.has(clip.id) ? [{ timing: clipTimings.get(clip.id)! }] : [])));
    const evaluation = evaluateChecklist({
      checklist: RUNNING_TECHNIQUE_CHECKLIST,
      answers: sessionAnswers.get(session.id) ?? [],
      norms: summary.settings.norms,
      stats: {
        ...statsFromAnnotations(clips.map((clip) => clipAnnotations.get(clip.id) ?? { annotations: [], cmPerPx: null })),
        ...(timed ? statsFromTiming(timed.timing) : {}),
      },
    });
    session.checklist = checklistJson(evaluation);
    session.checklistVersion = evaluation.version;
  }
  return summary;
}

const round = (value: number | null, digits = 3) => (value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits);

function boundMeasurementJson(
  annotation: Annotation,
  tracks: TrackPointsById,
  events: readonly GaitEvent[],
  cmPerPx: number | null,
): BoundMeasurementJson {
  const atEvents = valuesAtEvents(annotation, tracks, events, { cmPerPx });
  const series = measurementSeries(annotation, tracks, { cmPerPx });
  const sides = series.preset?.side ? [series.preset.side] : (['left', 'right'] as const);
  return {
    annotationId: annotation.id,
    label: annotation.label,
    type: annotation.geometry.kind,
    frameIndex: annotation.frameIndex,
    trackBindings: annotation.trackBindings ?? [],
    missingTracks: missingTracks(annotation, tracks),
    unit: series.unit,
    atEvents: atEvents
      ? {
          presetKey: atEvents.presetKey,
          mean: round(atEvents.stat?.mean ?? null),
          sd: round(atEvents.stat?.sd ?? null),
          n: atEvents.stat?.n ?? 0,
          frames: atEvents.frames.map((frame) => ({ frameIndex: frame.frameIndex, value: round(frame.value) })),
        }
      : null,
    strides: sides.flatMap((side) =>
      perStepExtremes(series, events, side).map((step) => ({
        side,
        fromFrame: step.fromFrame,
        toFrame: step.toFrame,
        min: round(step.min?.value ?? null),
        max: round(step.max?.value ?? null),
        minFrame: step.min?.frameIndex ?? null,
        maxFrame: step.max?.frameIndex ?? null,
      })),
    ),
  };
}

function summarizeMeasurement(annotation: Annotation, clip: string, cmPerPx: number | null): MeasurementSummary {
  const measured = measureAnnotation(annotation.geometry, annotation.label, cmPerPx);
  const m = measured?.measurement;
  return {
    clipId: annotation.clipId,
    clip,
    frameIndex: annotation.frameIndex,
    frameTime: annotation.frameTime,
    label: annotation.label,
    labelText: labelText(annotation.label, 'en'),
    type: annotation.geometry.kind,
    value: m
      ? {
          unit: m.unit,
          interior: m.interior,
          clinical: m.clinical,
          interiorMeaning: CONVENTION_LABELS[m.conventionLabel.interior].en.long,
          clinicalMeaning: CONVENTION_LABELS[m.conventionLabel.clinical].en.long,
        }
      : null,
  };
}
