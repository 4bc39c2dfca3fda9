import { useCallback, useEffect, useRef, useState } from 'react';
import type { Track, TrackPoint } from '../../../../common/contract/track.ts';
import { isMidstanceError } from '../../../../common/contract/errors.ts';
import { useApi } from '../../api/ApiProvider.tsx';

export type TrackJob =
  | { status: 'idle' }
  | { status: 'running'; jobId: string; trackId: string; done: number; total: number }
  | { status: 'done'; frames: number }
  | { status: 'cancelled' }
  | { status: 'failed'; error: unknown };

export interface ClipTracks {
  tracks: readonly Track[];
  /** Points of each track by frame index. */
  points: ReadonlyMap<string, ReadonlyMap<number, TrackPoint>>;
  job: TrackJob;
  /** Pick a point on a frame: a new point track, tracked from there. */
  pick(frameIndex: number, x: number, y: number, label: (n: number) => string): Promise<void>;
  /** Move a track's point on a frame by hand (an anchor), then track again from there. */
  correct(id: string, frameIndex: number, x: number, y: number): Promise<void>;
  cancel(): void;
  accept(ids: string[]): Promise<void>;
  remove(id: string): Promise<void>;
}

const newJobId = () => `track-${crypto.randomUUID()}`;

/** The clip's tracks with their points, kept fresh on tracks.changed, and the tracking job of this viewer. */
export function useClipTracks(clipId: string, mediaId: string): ClipTracks {
  const api = useApi();
  const [tracks, setTracks] = useState<readonly Track[]>([]);
  const [points, setPoints] = useState<ReadonlyMap<string, ReadonlyMap<number, TrackPoint>>>(new Map());
  const [job, setJob] = useState<TrackJob>({ status: 'idle' });
  const running = useRef<string | null>(null);
  const alive = useRef(true);

  const reload = useCallback(async () => {
    const list = await api.call('tracks.list', { clipId });
    const full = await Promise.all(list.map((track) => api.call('tracks.get', { id: track.id })));
    if (!alive.current) return;
    setTracks(list);
    setPoints(new Map(full.map((track) => [track.id, new Map(track.points.map((p) => [p.frameIndex, p]))])));
  }, [api, clipId]);

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

  const track = useCallback(
    async (id: string, fromFrame: number) => {
      const jobId = newJobId();
      running.current = jobId;
      setJob({ status: 'running', jobId, trackId: id, done: 0, total: 0 });
      try {
        const { record } = await api.call('tracks.track', { id, mediaId, fromFrame, jobId });
        if (running.current === jobId) running.current = null;
        // The list and the drawing show the new positions by the time the status says it is done.
        await reload().catch(() => undefined);
        if (alive.current) setJob({ status: 'done', frames: record.track.pointCount });
      } catch (error) {
        if (running.current === jobId) running.current = null;
        if (alive.current) setJob(isMidstanceError(error) && error.code === 'cancelled' ? { status: 'cancelled' } : { status: 'failed', error });
      }
    },
    [api, mediaId, reload],
  );

  const pick = useCallback(
    async (frameIndex: number, x: number, y: number, label: (n: number) => string) => {
      if (running.current) return;
      try {
        const count = tracks.filter((t) => t.source === 'point').length;
        const { record } = await api.call('tracks.create', {
          clipId,
          source: 'point',
          label: label(count + 1),
          points: [{ frameIndex, x, y, confidence: 1, anchor: true }],
        });
        await reload();
        await track(record.id, frameIndex);
      } catch (error) {
        setJob({ status: 'failed', error });
      }
    },
    [api, clipId, tracks, reload, track],
  );

  const correct = useCallback(
    async (id: string, frameIndex: number, x: number, y: number) => {
      if (running.current) return;
      try {
        await api.call('tracks.setAnchor', { id, frameIndex, x, y });
        await reload();
        await track(id, frameIndex);
      } catch (error) {
        setJob({ status: 'failed', error });
      }
    },
    [api, reload, track],
  );

  const cancel = useCallback(() => {
    if (running.current) void api.call('tracks.cancelTracking', { jobId: running.current });
  }, [api]);

  const accept = useCallback(
    async (ids: string[]) => {
      if (ids.length === 0) return;
      for (let i = 0; i < ids.length; i += 200) await api.call('tracks.accept', { ids: ids.slice(i, i + 200) });
      await reload();
    },
    [api, reload],
  );

  const remove = useCallback(
    async (id: string) => {
      await api.call('tracks.delete', { id });
      await reload();
    },
    [api, reload],
  );

  return { tracks, points, job, pick, correct, cancel, accept, remove };
}
