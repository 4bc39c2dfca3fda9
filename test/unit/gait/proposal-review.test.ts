import { describe, expect, it } from 'vitest';
import { adjacentProposal, isRejected, proposalsAt, rejectionsOf, reviewProposals } from '../../../common/gait/proposal-review.ts';
import type { ProposedGaitEvent } from '../../../common/gait/propose-events.ts';

const p = (side: 'left' | 'right', kind: ProposedGaitEvent['kind'], frameIndex: number, confidence = 0.9): ProposedGaitEvent => ({ side, kind, frameIndex, confidence });

describe('reviewing proposed gait events', () => {
  const proposals = [p('left', 'initial-contact', 20), p('left', 'toe-off', 75), p('right', 'initial-contact', 100), p('left', 'initial-contact', 180)];

  it('hides a rejected proposal, also when re-tracking moved it by one frame, but not the same kind two frames off or on the other foot', () => {
    const rejected = [{ side: 'left' as const, kind: 'initial-contact' as const, frameIndex: 21 }];
    expect(isRejected(p('left', 'initial-contact', 20), rejected)).toBe(true);
    expect(isRejected(p('left', 'initial-contact', 22), rejected)).toBe(true);
    expect(isRejected(p('left', 'initial-contact', 23), rejected)).toBe(false);
    expect(isRejected(p('right', 'initial-contact', 21), rejected)).toBe(false);
    expect(isRejected(p('left', 'toe-off', 21), rejected)).toBe(false);
    expect(reviewProposals(proposals, rejected).map((x) => x.frameIndex)).toEqual([75, 100, 180]);
    const all = reviewProposals(proposals, rejected, true);
    expect(all.map((x) => [x.frameIndex, x.rejected])).toEqual([[20, true], [75, false], [100, false], [180, false]]);
    expect(rejectionsOf(p('left', 'initial-contact', 20), rejected)).toEqual(rejected);
  });

  it('steps to the previous and next proposal and finds those on a frame', () => {
    expect(adjacentProposal(proposals, 20, 1)?.frameIndex).toBe(75);
    expect(adjacentProposal(proposals, 20, -1)).toBeNull();
    expect(adjacentProposal(proposals, 150, -1)?.frameIndex).toBe(100);
    expect(adjacentProposal(proposals, 180, 1)).toBeNull();
    expect(proposalsAt(proposals, 100)).toEqual([proposals[2]]);
    expect(proposalsAt(proposals, 101)).toEqual([]);
  });
});
