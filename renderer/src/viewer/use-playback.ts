import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { slowMotionFactor } from '../../../common/media-time.ts';
import { type PlaybackSpeed, fileRate, frameForElapsed, playbackStride } from './playback.ts';

export interface PlaybackRange {
  in: number | null;
  out: number | null;
}

/** What the frame display needs to know while playing, to fetch ahead instead of frame by frame. */
export interface PlayingHint {
  /** File frames per display frame. */
  stride: number;
  range: { first: number; last: number };
  loop: boolean;
}

/**
 * Plays by the clock, not by counting frames: each animation frame asks which video frame belongs
 * to the elapsed time, so slow frame delivery drops frames instead of slowing time down.
 */
export function usePlayback(options: {
  times: readonly number[];
  fileFps: number;
  captureFps: number;
  current: number;
  range: PlaybackRange;
  loop: boolean;
  onFrame(index: number): void;
}) {
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<PlaybackSpeed>(0.125);
  const latest = useRef(options);
  latest.current = options;

  useEffect(() => {
    if (!playing) return;
    const { times, fileFps, captureFps, current, range, loop } = latest.current;
    const first = range.in ?? 0;
    const last = range.out ?? times.length - 1;
    const startIndex = current >= last ? first : Math.max(current, first);
    const plan = {
      startFileTime: times[startIndex] ?? 0,
      fileSecondsPerSecond: fileRate(speed, slowMotionFactor({ fileFps, captureFps })),
      range: { first, last },
      loop,
    };
    const started = performance.now();
    let handle = 0;
    let lastShown = -1;
    const tick = (now: number) => {
      const index = frameForElapsed(times, plan, (now - started) / 1000);
      if (index === null) {
        latest.current.onFrame(last);
        setPlaying(false);
        return;
      }
      if (index !== lastShown) {
        lastShown = index;
        latest.current.onFrame(index);
      }
      handle = requestAnimationFrame(tick);
    };
    handle = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(handle);
  }, [playing, speed, options.loop, options.range.in, options.range.out]);

  const { fileFps, captureFps, times } = options;
  const first = options.range.in ?? 0;
  const last = options.range.out ?? times.length - 1;
  const hint = useMemo<PlayingHint | null>(
    () =>
      playing
        ? { stride: playbackStride(fileFps, fileRate(speed, slowMotionFactor({ fileFps, captureFps }))), range: { first, last }, loop: options.loop }
        : null,
    [playing, speed, fileFps, captureFps, first, last, options.loop],
  );

  const toggle = useCallback(() => setPlaying((value) => !value), []);
  const stop = useCallback(() => setPlaying(false), []);
  return { playing, toggle, stop, speed, setSpeed, hint };
}
