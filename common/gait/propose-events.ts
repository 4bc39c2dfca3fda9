import type { BodySide, GaitEvent, GaitEventKind } from '../contract/project.ts';

/**
 * Proposed gait events from foot trajectories (pure): tracked stickers or pose landmarks on the heel, ankle and
 * toe. A foot is on the belt when it is near its lowest height and moves with the belt — the belt's speed and
 * direction are read from the trajectories themselves (the median motion of the foot while it is low). Initial
 * contact is the first frame of each contact, toe-off its last frame (the domain's definitions); midstance is the
 * frame where the ankle passes under the hip when a hip track is given, else the middle of the contact.
 * Proposals stay proposals: mergeable only where the user has marked nothing (see withoutMarked).
 */

export interface TrackSample {
  frameIndex: number;
  x: number;
  y: number;
  confidence: number;
}

export interface FootTracks {
  side: BodySide;
  heel?: readonly TrackSample[];
  ankle?: readonly TrackSample[];
  toe?: readonly TrackSample[];
}

export interface ProposedGaitEvent {
  side: BodySide;
  kind: GaitEventKind;
  frameIndex: number;
  /** 0…1: how well the tracks around this frame were followed, lowered for short or clip-edge contacts. */
  confidence: number;
}

export interface ProposeInput {
  feet: readonly FootTracks[];
  hip?: readonly TrackSample[];
}

/** Contacts shorter than this many frames are noise, not steps. */
const MIN_CONTACT = 5;
/** Gaps in a contact of at most this many frames are closed. */
const MAX_GAP = 2;

export function proposeGaitEvents(input: ProposeInput): ProposedGaitEvent[] {
  const proposals: ProposedGaitEvent[] = [];
  const hip = input.hip ? byFrame(input.hip) : null;
  for (const foot of input.feet) {
    const tracks = [foot.heel, foot.ankle, foot.toe].filter((track): track is readonly TrackSample[] => !!track && track.length > 2);
    if (tracks.length === 0) continue;
    // Per frame (frames are dense indices): 1 = some track has a position, 2 = and it is on the belt.
    const state = new Uint8Array(Math.max(...tracks.map(lastFrame)) + 1);
    for (const track of tracks) {
      for (const [frame, isContact] of contactFrames(track)) state[frame] = Math.max(state[frame]!, isContact ? 2 : 1);
    }
    const frames: number[] = [];
    for (let f = 0; f < state.length; f++) if (state[f]) frames.push(f);
    if (frames.length === 0) continue;
    const first = frames[0]!;
    const last = frames.at(-1)!;
    const runs = contactRuns(frames, (frame) => state[frame] === 2);
    const reference = byFrame(foot.ankle ?? foot.heel ?? foot.toe!);
    // Indexed once per foot: a 10-minute clip has thousands of contacts and 144,000 frames per track.
    const indexed = tracks.map(byFrame);
    const confidenceAt = (frame: number) => {
      let lowest = 1;
      for (const samples of indexed) {
        for (let f = frame - 2; f <= frame + 2; f++) lowest = Math.min(lowest, samples.get(f)?.confidence ?? lowest);
      }
      return lowest;
    };
    for (const [start, end] of runs) {
      const shortness = end - start + 1 >= 2 * MIN_CONTACT ? 1 : 0.6;
      // A contact cut off by the start or end of the tracks has no real contact or toe-off there.
      if (start > first) proposals.push({ side: foot.side, kind: 'initial-contact', frameIndex: start, confidence: round(confidenceAt(start) * shortness) });
      if (end < last) proposals.push({ side: foot.side, kind: 'toe-off', frameIndex: end, confidence: round(confidenceAt(end) * shortness) });
      if (start > first && end < last) {
        const middle = midstanceFrame(start, end, reference, hip);
        proposals.push({ side: foot.side, kind: 'midstance', frameIndex: middle.frame, confidence: round(confidenceAt(middle.frame) * shortness * middle.certainty) });
      }
    }
  }
  return proposals.sort((a, b) => a.frameIndex - b.frameIndex || a.side.localeCompare(b.side));
}

/** Proposals of a kind and foot the user has not marked within `window` frames: marked events always win. */
export function withoutMarked(proposals: readonly ProposedGaitEvent[], marked: readonly Pick<GaitEvent, 'side' | 'kind' | 'frameIndex'>[], window = 3) {
  return proposals.filter(
    (proposal) => !marked.some((event) => event.side === proposal.side && event.kind === proposal.kind && Math.abs(event.frameIndex - proposal.frameIndex) <= window),
  );
}

interface ByFrame {
  get(frame: number): TrackSample | undefined;
}

const lastFrame = (track: readonly TrackSample[]) => track.reduce((max, sample) => Math.max(max, sample.frameIndex), 0);

/** The samples by frame index, in an array: a Map of 144,000 entries per track costs seconds on a long clip. */
function byFrame(track: readonly TrackSample[]): ByFrame {
  const slots: (TrackSample | undefined)[] = new Array(lastFrame(track) + 1).fill(undefined);
  for (const sample of track) slots[sample.frameIndex] = sample;
  return { get: (frame) => (frame >= 0 ? slots[frame] : undefined) };
}

/** Per frame of one point's track: is the point on the belt? */
function contactFrames(track: readonly TrackSample[]): [number, boolean][] {
  const samples = byFrame(track);
  const ys = track.map((s) => s.y).sort((a, b) => a - b);
  // Image y grows downwards: the ground is near the largest y values.
  const ground = ys[Math.floor(ys.length * 0.9)]!;
  const lift = ground - ys[Math.floor(ys.length * 0.05)]!;
  const heightTolerance = Math.max(2, lift * 0.1);
  const step = (a: number, b: number) => {
    const p = samples.get(a);
    const q = samples.get(b);
    return p && q ? q.x - p.x : null;
  };
  const lowMotion: number[] = [];
  for (const sample of track) {
    if (ground - sample.y > heightTolerance) continue;
    const motion = step(sample.frameIndex, sample.frameIndex + 1);
    if (motion !== null) lowMotion.push(motion);
  }
  lowMotion.sort((a, b) => a - b);
  const belt = lowMotion.length > 0 ? lowMotion[Math.floor(lowMotion.length / 2)]! : 0;
  const motionTolerance = Math.max(0.8, Math.abs(belt) * 0.35);
  const result: [number, boolean][] = [];
  for (const sample of track) {
    const f = sample.frameIndex;
    const low = ground - sample.y <= heightTolerance;
    const ahead = step(f, f + 1);
    const behind = step(f - 1, f);
    const withBelt = (ahead !== null && Math.abs(ahead - belt) < motionTolerance) || (behind !== null && Math.abs(behind - belt) < motionTolerance);
    result.push([f, low && withBelt]);
  }
  return result;
}

/** Contact runs [start, end] over the known frames, small gaps closed and blips dropped. */
function contactRuns(frames: readonly number[], isContact: (frame: number) => boolean): [number, number][] {
  const runs: [number, number][] = [];
  for (const frame of frames) {
    if (!isContact(frame)) continue;
    const current = runs.at(-1);
    if (current && frame - current[1] <= MAX_GAP + 1) current[1] = frame;
    else runs.push([frame, frame]);
  }
  return runs.filter(([start, end]) => end - start + 1 >= MIN_CONTACT);
}

function midstanceFrame(start: number, end: number, foot: ByFrame, hip: ByFrame | null) {
  if (hip) {
    let best: number | null = null;
    let gap = Infinity;
    for (let f = start; f <= end; f++) {
      const p = foot.get(f);
      const h = hip.get(f);
      if (!p || !h) continue;
      const d = Math.abs(p.x - h.x);
      if (d < gap) (gap = d), (best = f);
    }
    if (best !== null) return { frame: best, certainty: 1 };
  }
  return { frame: Math.round((start + end) / 2), certainty: 0.7 };
}

const round = (value: number) => Math.round(value * 100) / 100;
