import type { GaitProposal } from '../../common/contract/gait-proposals.ts';
import type { GaitEvent } from '../../common/contract/project.ts';
import type { Track } from '../../common/contract/track.ts';
import { type FootTracks, proposeGaitEvents, withoutMarked } from '../../common/gait/propose-events.ts';
import { reviewProposals } from '../../common/gait/proposal-review.ts';
import type { GaitProposalRepository } from './repositories/gait-proposals.ts';
import type { TrackRepository } from './repositories/tracks.ts';

/** Landmark names that count as a foot point (pose names, and the same names given to sticker tracks). */
export const FOOT_LANDMARKS = {
  heel: (side: string) => [`${side}Heel`],
  ankle: (side: string) => [`${side}Ankle`],
  toe: (side: string) => [`${side}Toe`, `${side}FootIndex`],
} as const;

/**
 * The one way proposals of a clip are made, for `info --json` and the viewer alike: from its accepted tracks
 * whose landmark names a foot point (and a hip, for midstance), minus what the user marked and (unless
 * includeRejected) what the user rejected.
 */
export function clipGaitProposals(
  repos: { tracks: TrackRepository; gaitProposals: GaitProposalRepository },
  clipId: string,
  marked: readonly GaitEvent[],
  includeRejected = false,
): GaitProposal[] {
  const accepted = repos.tracks.list(clipId).filter((track) => track.status === 'accepted' && track.landmark !== null);
  const points = (landmarks: readonly string[]) => {
    const candidates = accepted.filter((t) => landmarks.includes(t.landmark!)).sort(preferStickers);
    return candidates[0] ? repos.tracks.points(candidates[0].id) : undefined;
  };
  const feet: FootTracks[] = (['left', 'right'] as const).map((side) => ({
    side,
    heel: points(FOOT_LANDMARKS.heel(side)),
    ankle: points(FOOT_LANDMARKS.ankle(side)),
    toe: points(FOOT_LANDMARKS.toe(side)),
  }));
  const hip = points(['leftHip']) ?? points(['rightHip']);
  const proposals = withoutMarked(proposeGaitEvents({ feet, hip }), marked);
  return reviewProposals(proposals, repos.gaitProposals.rejected(clipId), includeRejected);
}

/** A sticker the user placed on the foot is followed more exactly than a pose landmark; then the longer track. */
function preferStickers(a: Track, b: Track): number {
  const rank = (t: Track) => (t.source === 'pose' ? 1 : 0);
  return rank(a) - rank(b) || b.pointCount - a.pointCount;
}
