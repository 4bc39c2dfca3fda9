import { z } from 'zod';
import { defineCall } from './define.ts';
import { BodySide, GaitEventKind } from './project.ts';

/**
 * Gait events proposed from a clip's accepted foot tracks (pose heel/ankle/toe, or sticker tracks whose landmark
 * names such a point). Proposals are never stored as events: accepting one writes a normal gait event
 * (gaitEvents.create). Rejecting one is stored per clip, so it is not proposed again — until the user asks to
 * see the rejected ones. Proposals near an event the user marked (same foot and kind, ±3 frames) are left out.
 */

const Id = z.string().min(1).max(64);

/** Which proposal: a foot, a kind and a frame (a rejection also hides the same proposal one frame off). */
export const GaitProposalKey = z.object({ side: BodySide, kind: GaitEventKind, frameIndex: z.number().int().min(0) });
export type GaitProposalKey = z.infer<typeof GaitProposalKey>;

export const GaitProposal = GaitProposalKey.extend({
  /** 0…1: how well the foot tracks were followed around this frame. */
  confidence: z.number().min(0).max(1),
  /** Rejected by the user (only listed with includeRejected). */
  rejected: z.boolean(),
});
export type GaitProposal = z.infer<typeof GaitProposal>;

const Keys = z.array(GaitProposalKey).min(1).max(20_000);

export const gaitProposalCalls = {
  'gaitProposals.list': defineCall({
    summary:
      'Gait events proposed for a clip from its accepted foot tracks, without those the user marked and (unless includeRejected) without those rejected; in time order.',
    input: z.object({ clipId: Id, includeRejected: z.boolean().optional() }),
    output: z.array(GaitProposal),
  }),
  'gaitProposals.reject': defineCall({
    summary: 'Reject proposals of a clip: they are no longer proposed (stored in the project).',
    input: z.object({ clipId: Id, proposals: Keys }),
    output: z.object({ record: z.array(GaitProposalKey), savedAt: z.string() }),
  }),
  'gaitProposals.unreject': defineCall({
    summary: 'Take rejections back (undo of a reject, or the user changed their mind): the proposals come back.',
    input: z.object({ clipId: Id, proposals: Keys }),
    output: z.object({ record: z.array(GaitProposalKey), savedAt: z.string() }),
  }),
} as const;
