/**
 * Which frames a tracking run computes (pure). Anchors are frames the user placed by hand: tracking starts from
 * one and runs forward and backward until the next anchor (never moving it) or the clip's end.
 */
export interface TrackRun {
  /** The known frame the run starts from (an anchor). */
  from: number;
  /** Last frame computed (inclusive); equals `from` when there is nothing to compute in this direction. */
  to: number;
  direction: 1 | -1;
}

export function planRuns(anchorFrames: readonly number[], start: number, frameCount: number): TrackRun[] {
  const sorted = [...new Set(anchorFrames)].sort((a, b) => a - b);
  const nextAnchor = sorted.find((frame) => frame > start);
  const previousAnchor = [...sorted].reverse().find((frame) => frame < start);
  const runs: TrackRun[] = [];
  const forwardTo = nextAnchor === undefined ? frameCount - 1 : nextAnchor - 1;
  if (forwardTo > start) runs.push({ from: start, to: forwardTo, direction: 1 });
  const backwardTo = previousAnchor === undefined ? 0 : previousAnchor + 1;
  if (backwardTo < start) runs.push({ from: start, to: backwardTo, direction: -1 });
  return runs;
}

export const runLength = (run: TrackRun): number => Math.abs(run.to - run.from);

/** Consecutive frames below LOST_CONFIDENCE after which a run stops (the point is lost; the user can place it). */
export const LOST_AFTER = 6;
export const LOST_CONFIDENCE = 0.35;

/**
 * Stops a run once the point has been lost for LOST_AFTER frames, dropping those frames: a trail that wanders
 * over the background is worse than a gap the user can see and fill.
 */
export function createLostWatch() {
  let low = 0;
  return {
    /** True when the run should stop; `drop` frames at its end are to be discarded. */
    note(confidence: number): { stop: boolean; drop: number } {
      low = confidence < LOST_CONFIDENCE ? low + 1 : 0;
      return low >= LOST_AFTER ? { stop: true, drop: low } : { stop: false, drop: 0 };
    },
  };
}
