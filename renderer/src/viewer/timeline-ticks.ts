/**
 * Where the timeline's ruler puts its ticks: a "nice" frame step (1, 2, 5 × 10ⁿ) so that labelled ticks are
 * at least `minLabelSpacing` pixels apart, with unlabelled minor ticks in between where they fit.
 */
export interface TimelineTick {
  frame: number;
  labelled: boolean;
}

const NICE = [1, 2, 5];

export function niceFrameStep(frameCount: number, width: number, minSpacing: number): number {
  const last = Math.max(frameCount - 1, 1);
  const fit = Math.max(1, Math.floor(width / minSpacing));
  const raw = last / fit;
  for (let power = 1; ; power *= 10) {
    for (const base of NICE) {
      if (base * power >= raw) return base * power;
    }
  }
}

export function timelineTicks(frameCount: number, width: number, minLabelSpacing = 80): TimelineTick[] {
  if (frameCount <= 1 || width <= 0) return [];
  const last = frameCount - 1;
  const major = niceFrameStep(frameCount, width, minLabelSpacing);
  // Minor ticks: a fifth (or half) of the major step, if that is still a whole frame and ≥ 8 px apart.
  const minorCandidates = [major / 5, major / 2].filter((step) => Number.isInteger(step) && (step / last) * width >= 8);
  const minor = minorCandidates[0] ?? major;
  const ticks: TimelineTick[] = [];
  for (let frame = 0; frame <= last; frame += minor) ticks.push({ frame, labelled: frame % major === 0 });
  return ticks;
}
