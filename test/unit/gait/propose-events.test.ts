import { describe, expect, it } from 'vitest';
import { type ProposedGaitEvent, type TrackSample, proposeGaitEvents, withoutMarked } from '../../../common/gait/propose-events.ts';
import { type Point, runnerTruth } from '../../fixtures/runner-clip.ts';

const FRAMES = 1000;
const truth = runnerTruth(FRAMES);

function seeded(seed: number) {
  let x = seed;
  return () => ((x = (x * 1103515245 + 12345) >>> 0) / 2 ** 32);
}

/** The truth with tracking-like noise (about 0.3 px). */
function noisy(points: readonly Point[], seed: number): TrackSample[] {
  const random = seeded(seed);
  const gauss = () => (random() + random() + random() - 1.5) * 0.35;
  return points.map((p, frameIndex) => ({ frameIndex, x: p.x + gauss(), y: p.y + gauss(), confidence: 0.95 }));
}

function score(proposals: readonly ProposedGaitEvent[], kinds: string[]) {
  const expected = truth.events.filter((event) => kinds.includes(event.kind));
  const hits = expected.filter((event) =>
    proposals.some((p) => p.side === event.side && p.kind === event.kind && Math.abs(p.frameIndex - event.frameIndex) <= 1),
  );
  return { expected: expected.length, hits: hits.length };
}

describe('proposed gait events from foot tracks', () => {
  const s = truth.stickers;
  const proposals = proposeGaitEvents({
    feet: [
      { side: 'left', heel: noisy(s.leftHeel, 1), ankle: noisy(s.leftAnkle, 2), toe: noisy(s.leftToe, 3) },
      { side: 'right', heel: noisy(s.rightHeel, 4), ankle: noisy(s.rightAnkle, 5), toe: noisy(s.rightToe, 6) },
    ],
    hip: noisy(s.leftHip, 7),
  });

  it('finds initial contact and toe-off within ±1 frame for at least 95 % of the events', () => {
    const { expected, hits } = score(proposals, ['initial-contact', 'toe-off']);
    expect(expected).toBeGreaterThan(20);
    expect(hits / expected).toBeGreaterThanOrEqual(0.95);
    // And nothing made up: no more proposals of these kinds than there are events.
    expect(proposals.filter((p) => p.kind !== 'midstance').length).toBeLessThanOrEqual(expected);
  });

  it('puts midstance where the ankle passes under the hip', () => {
    const { expected, hits } = score(proposals, ['midstance']);
    expect(hits / expected).toBeGreaterThanOrEqual(0.9);
  });

  it('works from one point per foot (a toe sticker alone)', () => {
    const toeOnly = proposeGaitEvents({ feet: [{ side: 'left', toe: noisy(s.leftToe, 9) }] });
    const left = truth.events.filter((e) => e.side === 'left' && e.kind !== 'midstance');
    const hits = left.filter((e) => toeOnly.some((p) => p.kind === e.kind && Math.abs(p.frameIndex - e.frameIndex) <= 1));
    expect(hits.length / left.length).toBeGreaterThanOrEqual(0.95);
  });

  it('never proposes what the user already marked (same foot and kind, within 3 frames)', () => {
    const marked = [{ side: 'left' as const, kind: 'initial-contact' as const, frameIndex: 181 }];
    const kept = withoutMarked(proposals, marked);
    expect(proposals.some((p) => p.side === 'left' && p.kind === 'initial-contact' && p.frameIndex === 180)).toBe(true);
    expect(kept.some((p) => p.side === 'left' && p.kind === 'initial-contact' && Math.abs(p.frameIndex - 181) <= 3)).toBe(false);
    expect(kept.length).toBe(proposals.length - 1);
  });
});
