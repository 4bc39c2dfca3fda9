import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { RUNNING_TECHNIQUE_CHECKLIST } from '../../../common/checklist/checklist.ts';
import {
  evaluateChecklist,
  sessionTiming,
  statsFromAnnotations,
  statsFromTiming,
  type ChecklistEvaluation,
} from '../../../common/checklist/evaluate.ts';
import type { Annotation } from '../../../common/contract/annotation.ts';
import type { ChecklistAnswer, ChecklistStill, Clip, GaitEvent, SessionNotes } from '../../../common/contract/project.ts';
import { boundTrackIds, loadBoundTracks, type TrackPointsById } from '../../../common/tracking/track-measure.ts';
import type { GaitTiming } from '../../../common/gait/timing.ts';
import { calibrationFromAnnotations } from '../../../common/geometry/calibration.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { useErrorReporter } from '../app/errors.tsx';
import { useAutosaver, useProject } from '../project/ProjectProvider.tsx';
import type { SavedAnswer } from '../project/autosaver.ts';
import type { ViewerState } from './viewer-link.tsx';
import { withNorm, withoutNorm, type ProjectNorms } from '../../../common/checklist/norms.ts';
import type { MeasurementNorm } from '../../../common/measurements/presets.ts';

/**
 * Timing of clips shown during this launch, so the checklist keeps a clip's timing while another clip (the
 * rear view) is on screen. Timing needs the clip's frame times, which only an opened clip has.
 */
const timingSeen = new Map<string, GaitTiming>();

interface StoredClipMeasurements {
  annotations: readonly Annotation[];
  /** Points of the tracks its measurements are bound to, and its marked events (bound ones count per event). */
  tracks: TrackPointsById;
  events: readonly GaitEvent[];
}

async function loadClipMeasurements(api: ReturnType<typeof useApi>, clipId: string): Promise<StoredClipMeasurements> {
  const [annotations, events, trackList] = await Promise.all([
    api.call('annotations.list', { clipId }),
    api.call('gaitEvents.list', { clipId }),
    api.call('tracks.list', { clipId }),
  ]);
  const existing = new Set(trackList.map((track) => track.id));
  const ids = boundTrackIds(annotations).filter((id) => existing.has(id));
  const loaded = new Map(await Promise.all(ids.map(async (id) => [id, (await api.call('tracks.get', { id })).points] as const)));
  return { annotations, events, tracks: loadBoundTracks(annotations, (id) => loaded.get(id) ?? null) };
}

export const notesKey = (sessionId: string, field: 'findings' | 'advice') => `notes:${sessionId}:${field}`;

const newer = <T extends { updatedAt: string }>(current: T | undefined | null, next: T) =>
  current && current.updatedAt > next.updatedAt ? current : next;

export interface ChecklistData {
  evaluation: ChecklistEvaluation | null;
  /** Clip whose timing fills the timing items. */
  timingClip: Clip | null;
  notes: SessionNotes | null;
  setStatus(itemKey: string, answer: string): Promise<void>;
  saveNote(itemKey: string, note: string): Promise<SavedAnswer>;
  setStills(itemKey: string, stills: ChecklistStill[]): Promise<void>;
  saveNotes(patch: { findings?: string; advice?: string }): Promise<SavedAnswer>;
  appendToAdvice(line: string): Promise<void>;
  /** Set a norm (interior convention) or, with null, return it to its default. */
  setNorm(key: string, norm: MeasurementNorm | null): Promise<void>;
}

export function useChecklist(sessionId: string | null, clips: readonly Clip[], viewer: ViewerState | null): ChecklistData {
  const api = useApi();
  const autosaver = useAutosaver();
  const { report } = useErrorReporter();
  const { project } = useProject();
  const [answers, setAnswers] = useState<Map<string, ChecklistAnswer> | null>(null);
  const [stored, setStored] = useState<Map<string, StoredClipMeasurements>>(new Map());
  const [notes, setNotes] = useState<SessionNotes | null>(null);

  useEffect(() => {
    setAnswers(null);
    setNotes(null);
    if (!sessionId) return;
    let alive = true;
    Promise.all([api.call('checklist.list', { sessionId }), api.call('notes.get', { sessionId })])
      .then(([list, loadedNotes]) => {
        if (!alive) return;
        setAnswers(new Map(list.map((answer) => [answer.itemKey, answer])));
        setNotes(loadedNotes);
      })
      .catch(report);
    return () => {
      alive = false;
    };
  }, [api, sessionId, report]);

  // Measurements of the session's other clips; the clip on screen comes live from the viewer.
  const clipIds = clips.map((clip) => clip.id).join(',');
  useEffect(() => {
    let alive = true;
    const ids = clipIds === '' ? [] : clipIds.split(',');
    Promise.all(ids.map(async (clipId) => [clipId, await loadClipMeasurements(api, clipId)] as const))
      .then((entries) => alive && setStored(new Map(entries)))
      .catch(report);
    return () => {
      alive = false;
    };
  }, [api, clipIds, report]);

  if (viewer?.timing) timingSeen.set(viewer.clipId, viewer.timing);
  else if (viewer) timingSeen.delete(viewer.clipId);

  const norms = project?.settings.norms;
  const timed = sessionTiming(clips.flatMap((clip) => {
    const timing = viewer?.clipId === clip.id ? viewer.timing : timingSeen.get(clip.id);
    return timing ? [{ clip, timing }] : [];
  }));

  const evaluation = useMemo(() => {
    if (!answers || !norms) return null;
    const measurementsOf = (clip: Clip): StoredClipMeasurements =>
      viewer?.clipId === clip.id
        ? { annotations: viewer.annotations, tracks: viewer.tracks ?? new Map(), events: viewer.events ?? [] }
        : (stored.get(clip.id) ?? { annotations: [], tracks: new Map(), events: [] });
    const stats = {
      ...statsFromAnnotations(
        clips.map((clip) => {
          const measured = measurementsOf(clip);
          return { ...measured, cmPerPx: calibrationFromAnnotations(measured.annotations)?.cmPerPx ?? null };
        }),
      ),
      ...(timed ? statsFromTiming(timed.timing) : {}),
    };
    return evaluateChecklist({ checklist: RUNNING_TECHNIQUE_CHECKLIST, answers: [...answers.values()], norms, stats });
  }, [answers, norms, clips, stored, viewer?.clipId, viewer?.annotations, viewer?.tracks, viewer?.events, timed?.timing]);

  const remember = useCallback((answer: ChecklistAnswer) => {
    setAnswers((current) => {
      const next = new Map(current ?? []);
      next.set(answer.itemKey, newer(current?.get(answer.itemKey), answer));
      return next;
    });
  }, []);

  const set = useCallback(
    async (input: { itemKey: string; answer?: string; note?: string; stills?: ChecklistStill[] }) => {
      if (!sessionId) throw new Error('no session');
      const saved = await api.call('checklist.set', { sessionId, ...input });
      remember(saved.record);
      return saved;
    },
    [api, sessionId, remember],
  );

  // Norm edits build on the last one sent, not on a project state that has not caught up yet.
  const normsSent = useRef<{ project: ProjectNorms | undefined; sent: ProjectNorms } | null>(null);

  const sessionRef = useRef(sessionId);
  sessionRef.current = sessionId;

  return {
    evaluation,
    timingClip: timed?.clip ?? null,
    notes,
    setStatus: async (itemKey, answer) => {
      await autosaver.track(set({ itemKey, answer })).catch(report);
    },
    saveNote: (itemKey, note) => set({ itemKey, note }),
    setStills: async (itemKey, stills) => {
      await autosaver.track(set({ itemKey, stills })).catch(report);
    },
    saveNotes: async (patch) => {
      if (!sessionId) throw new Error('no session');
      const saved = await api.call('notes.update', { sessionId, ...patch });
      if (sessionRef.current === sessionId) setNotes((current) => newer(current, saved.record));
      return saved;
    },
    setNorm: async (key, norm) => {
      if (!norms) return;
      const base = normsSent.current && normsSent.current.project === norms ? normsSent.current.sent : norms;
      const next = norm ? withNorm(base, key, norm) : withoutNorm(base, key);
      normsSent.current = { project: norms, sent: next };
      await autosaver.track(api.call('project.updateSettings', { norms: next })).catch(report);
    },
    appendToAdvice: async (line) => {
      if (!sessionId) return;
      try {
        // Whatever is still being typed into the advice goes first, so the drill lands after it.
        await autosaver.flush(notesKey(sessionId, 'advice'));
        const current = await api.call('notes.get', { sessionId });
        const advice = current.advice.trim() === '' ? line : `${current.advice.replace(/\s+$/, '')}\n${line}`;
        const saved = await autosaver.track(api.call('notes.update', { sessionId, advice }));
        if (sessionRef.current === sessionId) setNotes((existing) => newer(existing, saved.record));
      } catch (error) {
        report(error);
      }
    },
  };
}
