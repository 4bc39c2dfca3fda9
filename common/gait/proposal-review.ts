import type { GaitProposal, GaitProposalKey } from '../contract/gait-proposals.ts';
import type { ProposedGaitEvent } from './propose-events.ts';

/**
 * Reviewing proposed gait events (pure): which proposals a rejection hides, and stepping from proposal to
 * proposal. Proposals are recomputed from the tracks each time, so a re-tracked foot can move one by a frame; a
 * rejection therefore hides the same foot and kind up to REJECTION_WINDOW frames away.
 */
export const REJECTION_WINDOW = 1;

export function isRejected(proposal: GaitProposalKey, rejected: readonly GaitProposalKey[], window = REJECTION_WINDOW): boolean {
  return rejected.some(
    (r) => r.side === proposal.side && r.kind === proposal.kind && Math.abs(r.frameIndex - proposal.frameIndex) <= window,
  );
}

/** The proposals with their rejected flag; rejected ones left out unless asked for. */
export function reviewProposals(
  proposals: readonly ProposedGaitEvent[],
  rejected: readonly GaitProposalKey[],
  includeRejected = false,
): GaitProposal[] {
  const reviewed: GaitProposal[] = [];
  for (const proposal of proposals) {
    const isOut = isRejected(proposal, rejected);
    if (isOut && !includeRejected) continue;
    reviewed.push({ side: proposal.side, kind: proposal.kind, frameIndex: proposal.frameIndex, confidence: proposal.confidence, rejected: isOut });
  }
  return reviewed;
}

/** The rejections that hide this proposal (to take a rejection back, whichever frame it was stored on). */
export function rejectionsOf(proposal: GaitProposalKey, rejected: readonly GaitProposalKey[]): GaitProposalKey[] {
  return rejected.filter((r) => isRejected(proposal, [r]));
}

export const sameProposal = (a: GaitProposalKey, b: GaitProposalKey) =>
  a.side === b.side && a.kind === b.kind && a.frameIndex === b.frameIndex;

/** The proposals on this frame (both feet may have one). */
export function proposalsAt<T extends GaitProposalKey>(proposals: readonly T[], frame: number): T[] {
  return proposals.filter((p) => p.frameIndex === frame);
}

/** The nearest proposal strictly before (−1) or after (+1) the frame; null when there is none that way. */
export function adjacentProposal<T extends GaitProposalKey>(proposals: readonly T[], frame: number, direction: -1 | 1): T | null {
  let best: T | null = null;
  for (const p of proposals) {
    const ahead = direction === 1 ? p.frameIndex > frame : p.frameIndex < frame;
    if (!ahead) continue;
    if (!best || (direction === 1 ? p.frameIndex < best.frameIndex : p.frameIndex > best.frameIndex)) best = p;
  }
  return best;
}
