import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Track, TrackDraft, TrackPoint, TrackPointsEdit, TrackRunEdit, TrackWithPoints } from '../../../../common/contract/track.ts';
import { isMidstanceError } from '../../../../common/contract/errors.ts';
import { useApi } from '../../api/ApiProvider.tsx';
import { useErrorReporter } from '../../app/errors.tsx';
import { type EditHistory, recordEdit } from '../edit-history.ts';
import { type FrameWindow, frameWindowAround, needsNewWindow } from '../../../../common/tracking/track-window.ts';

export type TrackJob =
  | { status: 'idle' }
  | { status: 'running'; jobId: string; trackId: string; done: number; total: number }
  | { status: 'done'; frames: number }
  | { status: 'cancelled' }
  | { status: 'failed'; error: unknown };

export interface ClipTracks {
  tracks: readonly Track[];
  /**
   * Points of each track by frame index: whole for tracks a measurement is bound to (its plot, and its values
   * at every marked event, need every frame), else in a window of frames around the current one.
   */
  points: ReadonlyMap<string, ReadonlyMap<number, TrackPoint>>;
  /** Changes whenever a track of the clip changes (points, landmark, status). */
  version: string;
  job: TrackJob;
  /** How a picked point is followed: by its pattern (template) or as a coloured sticker (colour blob). */
  followBy: FollowBy;
  setFollowBy(followBy: FollowBy): void;
  /** Pick a point on a frame: a new track (point or sticker, by followBy), tracked from there. */
  pick(frameIndex: number, x: number, y: number): Promise<void>;
  /** Move a track's point on a frame by hand (an anchor), then track again from there. */
  correct(id: string, frameIndex: number, x: number, y: number): Promise<void>;
  cancel(): void;
  accept(ids: string[]): Promise<void>;
  remove(id: string): Promise<void>;
  /** Name the body point a sticker track follows (e.g. leftHeel), or none. */
  setLandmark(id: string, landmark: string | null): Promise<void>;
}

export type FollowBy = 'pattern' | 'sticker';
const FOLLOW_BY_KEY = 'midstance.tracks.followBy';
function storedFollowBy(): FollowBy {
  try {
    return localStorage.getItem(FOLLOW_BY_KEY) === 'sticker' ? 'sticker' : 'pattern';
  } catch {
    return 'pattern';
  }
}

const newJobId = () => `track-${crypto.randomUUID()}`;
const NO_IDS: ReadonlySet<string> = new Set();
type PointsByTrack = ReadonlyMap<string, ReadonlyMap<number, TrackPoint>>;

const toDraft = ({ id, clipId, label, source, landmark, status, points }: TrackWithPoints): TrackDraft => ({ id, clipId, label, source, landmark, status, points });

/**
 * The clip's tracks, and their points in a window around the current frame (a 10-minute 240 fps clip has
 * 144,000 per track), kept fresh on tracks.changed; the tracking job of this viewer. Every edit goes on the
 * clip's undo history: a new or deleted track, a correction with the tracking run it started, accepting, naming.
 */
export function useClipTracks(clipId: string, mediaId: string, history: EditHistory, frame: number, wholeTrackIds: ReadonlySet<string> = NO_IDS): ClipTracks {
  const api = useApi();
  const { report } = useErrorReporter();
  const [tracks, setTracks] = useState<readonly Track[]>([]);
  const [points, setPoints] = useState<ReadonlyMap<string, ReadonlyMap<number, TrackPoint>>>(new Map());
  const [job, setJob] = useState<TrackJob>({ status: 'idle' });
  const [followBy, setFollowByState] = useState<FollowBy>(storedFollowBy);
  const setFollowBy = useCallback((next: FollowBy) => {
    setFollowByState(next);
    try {
      localStorage.setItem(FOLLOW_BY_KEY, next);
    } catch {
      // Not remembered across launches; the choice still holds for now.
    }
  }, []);
  const [frameWindow, setFrameWindow] = useState<FrameWindow>(() => frameWindowAround(frame));
  const windowRef = useRef(frameWindow);
  windowRef.current = frameWindow;
  const running = useRef<string | null>(null);
  const alive = useRef(true);
  const asked = useRef(0);

  const wholeRef = useRef(wholeTrackIds);
  wholeRef.current = wholeTrackIds;
  const pointsRef = useRef<PointsByTrack>(points);
  pointsRef.current = points;
  /** Tracks whose points in `points` are whole (not a window). */
  const loadedWhole = useRef<ReadonlySet<string>>(new Set());
  const applyPoints = useCallback((loaded: { points: PointsByTrack; whole: ReadonlySet<string> }) => {
    loadedWhole.current = loaded.whole;
    setPoints(loaded.points);
  }, []);
  /** Loads the points; `keepWhole` keeps the whole tracks already loaded (only the window moved). */
  const loadPoints = useCallback(
    async (list: readonly Track[], range: FrameWindow, keepWhole = false) => {
      const whole = wholeRef.current;
      const loaded = await Promise.all(
        list.map(async (track): Promise<[string, ReadonlyMap<number, TrackPoint>]> => {
          const kept = keepWhole && whole.has(track.id) && loadedWhole.current.has(track.id) ? pointsRef.current.get(track.id) : undefined;
          if (kept) return [track.id, kept];
          const got = await api.call('tracks.get', whole.has(track.id) ? { id: track.id } : { id: track.id, fromFrame: range.fromFrame, toFrame: range.toFrame });
          return [track.id, new Map(got.points.map((p) => [p.frameIndex, p]))];
        }),
      );
      return { points: new Map(loaded) as PointsByTrack, whole: new Set(list.filter((t) => whole.has(t.id)).map((t) => t.id)) };
    },
    [api],
  );

  /** The list and the points, together: the newest ask wins, so a list never shows with another list's points. */
  const reload = useCallback(async (keepWhole = false) => {
    const ask = ++asked.current;
    const list = await api.call('tracks.list', { clipId });
    const loaded = await loadPoints(list, windowRef.current, keepWhole);
    if (!alive.current || ask !== asked.current) return;
    setTracks(list);
    applyPoints(loaded);
  }, [api, clipId, loadPoints, applyPoints]);

  // Stepping out of the loaded window loads the window around the new frame.
  useEffect(() => {
    if (needsNewWindow(windowRef.current, frame)) setFrameWindow(frameWindowAround(frame));
  }, [frame]);
  const tracksRef = useRef(tracks);
  tracksRef.current = tracks;
  const wholeKey = [...wholeTrackIds].sort().join(',');
  const first = useRef(true);
  useEffect(() => {
    // The first load is the clip's own (below); after that a moved window or a newly bound track loads again.
    if (first.current) return void (first.current = false);
    void reload(true).catch(() => undefined);
  }, [frameWindow, wholeKey, reload]);

  useEffect(() => {
    alive.current = true;
    void reload().catch(() => undefined);
    const offChanged = api.on('tracks.changed', (event) => {
      if (event.clipId === clipId) void reload().catch(() => undefined);
    });
    const offProgress = api.on('tracks.progress', (progress) => {
      if (progress.jobId !== running.current) return;
      setJob({ status: 'running', jobId: progress.jobId, trackId: progress.trackId, done: progress.done, total: progress.total });
    });
    return () => {
      alive.current = false;
      offChanged();
      offProgress();
      // Leaving the clip stops its tracking: a cancelled run writes nothing.
      if (running.current) void api.call('tracks.cancelTracking', { jobId: running.current }).catch(() => undefined);
    };
  }, [api, clipId, reload]);

  /** Runs tracking from a frame; answers what it wrote (nothing when cancelled or failed). */
  const track = useCallback(
    async (id: string, fromFrame: number): Promise<TrackRunEdit[]> => {
      const jobId = newJobId();
      running.current = jobId;
      setJob({ status: 'running', jobId, trackId: id, done: 0, total: 0 });
      try {
        const { record } = await api.call('tracks.track', { id, mediaId, fromFrame, jobId });
        if (running.current === jobId) running.current = null;
        // The list and the drawing show the new positions by the time the status says it is done.
        await reload().catch(() => undefined);
        if (alive.current) setJob({ status: 'done', frames: record.track.pointCount });
        return record.edits;
      } catch (error) {
        if (running.current === jobId) running.current = null;
        if (alive.current) setJob(isMidstanceError(error) && error.code === 'cancelled' ? { status: 'cancelled' } : { status: 'failed', error });
        return [];
      }
    },
    [api, mediaId, reload],
  );

  const reloaded = useCallback(<T,>(work: Promise<T>) => work.then(async (value) => (await reload(), value)), [reload]);

  const pick = useCallback(
    async (frameIndex: number, x: number, y: number) => {
      if (running.current) return;
      // Stored without a label: the list names it in the language of the moment (Point 3 / Punt 3).
      // A sticker track is followed by its colour, also when it is corrected later (the core reads the source).
      const source = followBy === 'sticker' ? 'blob' : 'point';
      const draft: TrackDraft = { clipId, source, label: '', points: [{ frameIndex, x, y, confidence: 1, anchor: true }] };
      const write = (async () => {
        const { record } = await api.call('tracks.create', draft);
        await reload();
        await track(record.id, frameIndex);
        return record.id;
      })();
      // Undo deletes the track with what tracking found; redo puts exactly that back.
      let removed: TrackWithPoints | null = null;
      try {
        await recordEdit(
          history,
          'track point',
          write,
          (id) => reloaded(api.call('tracks.delete', { id }).then(({ record }) => void (removed = record))),
          () => reloaded<unknown>(removed ? api.call('tracks.create', toDraft(removed)) : Promise.resolve()),
        );
      } catch (error) {
        setJob({ status: 'failed', error });
      }
    },
    [api, clipId, history, reload, reloaded, track, followBy],
  );

  const correct = useCallback(
    async (id: string, frameIndex: number, x: number, y: number) => {
      if (running.current) return;
      const write = (async () => {
        const { record: anchor } = await api.call('tracks.setAnchor', { id, frameIndex, x, y });
        await reload();
        const runs = await track(id, frameIndex);
        return { anchor, runs };
      })();
      const putBack = async ({ anchor, runs }: { anchor: TrackPointsEdit; runs: TrackRunEdit[] }) => {
        for (const run of [...runs].reverse()) await api.call('tracks.replacePoints', { id, range: run.range, points: run.replaced });
        await api.call('tracks.replacePoints', { id, range: anchor.range, points: anchor.replaced });
      };
      const doAgain = async ({ runs }: { anchor: TrackPointsEdit; runs: TrackRunEdit[] }) => {
        await api.call('tracks.setAnchor', { id, frameIndex, x, y });
        for (const run of runs) await api.call('tracks.replacePoints', { id, range: run.range, points: run.written });
      };
      try {
        await recordEdit(history, 'correct track', write, (done) => reloaded(putBack(done)), (done) => reloaded(doAgain(done)));
      } catch (error) {
        setJob({ status: 'failed', error });
      }
    },
    [api, history, reload, reloaded, track],
  );

  const cancel = useCallback(() => {
    if (running.current) void api.call('tracks.cancelTracking', { jobId: running.current });
  }, [api]);

  const accept = useCallback(
    async (ids: string[]) => {
      if (ids.length === 0) return;
      const acceptAll = async () => {
        for (let i = 0; i < ids.length; i += 200) await api.call('tracks.accept', { ids: ids.slice(i, i + 200) });
      };
      const propose = () => Promise.all(ids.map((id) => api.call('tracks.update', { id, patch: { status: 'proposed' } })));
      await recordEdit(history, 'accept tracks', reloaded(acceptAll()), () => reloaded(propose()), () => reloaded(acceptAll())).catch(report);
    },
    [api, history, reloaded, report],
  );

  const remove = useCallback(
    async (id: string) => {
      const write = api.call('tracks.delete', { id }).then(({ record }) => record);
      await recordEdit(
        history,
        'delete track',
        reloaded(write),
        (removed) => reloaded(api.call('tracks.create', toDraft(removed))),
        () => reloaded(api.call('tracks.delete', { id })),
      ).catch(report);
    },
    [api, history, reloaded, report],
  );

  const setLandmark = useCallback(
    async (id: string, landmark: string | null) => {
      const before = tracksRef.current.find((t) => t.id === id);
      if (!before || before.landmark === landmark) return;
      const set = (value: string | null) => reloaded(api.call('tracks.update', { id, patch: { landmark: value } }));
      await recordEdit(history, 'name track', set(landmark), () => set(before.landmark), () => set(landmark)).catch(report);
    },
    [api, history, reloaded, report],
  );

  const version = useMemo(() => tracks.map((t) => `${t.id}:${t.updatedAt}:${t.status}:${t.landmark ?? ''}:${t.pointCount}`).join('|'), [tracks]);
  return { tracks, points, version, job, followBy, setFollowBy, pick, correct, cancel, accept, remove, setLandmark };
}
