import type { GaitProposal } from '../../common/contract/gait-proposals.ts';
import type { GaitEvent } from '../../common/contract/project.ts';
import type { Track } from '../../common/contract/track.ts';
import { type FootTracks, type ProposedGaitEvent, proposeGaitEvents, withoutMarked } from '../../common/gait/propose-events.ts';
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
  const pick = (landmarks: readonly string[]) => accepted.filter((t) => landmarks.includes(t.landmark!)).sort(preferStickers)[0];
  const chosen = {
    left: { heel: pick(FOOT_LANDMARKS.heel('left')), ankle: pick(FOOT_LANDMARKS.ankle('left')), toe: pick(FOOT_LANDMARKS.toe('left')) },
    right: { heel: pick(FOOT_LANDMARKS.heel('right')), ankle: pick(FOOT_LANDMARKS.ankle('right')), toe: pick(FOOT_LANDMARKS.toe('right')) },
    hip: pick(['leftHip']) ?? pick(['rightHip']),
  };
  // Marking an event asks again for the proposals; the tracks have not changed, so neither has what they propose.
  const version = JSON.stringify(
    [chosen.left, chosen.right].flatMap((foot) => [foot.heel, foot.ankle, foot.toe]).concat(chosen.hip).map((t) => t && [t.id, t.updatedAt, t.pointCount]),
  );
  // A copy made with Save as has the same clip and track ids, and then the same points: the same proposals.
  const key = clipId;
  let proposed = cache.get(key)?.version === version ? cache.get(key)!.proposals : null;
  if (!proposed) {
    const points = (track: Track | undefined) => (track ? repos.tracks.points(track.id) : undefined);
    const feet: FootTracks[] = (['left', 'right'] as const).map((side) => ({
      side,
      heel: points(chosen[side].heel),
      ankle: points(chosen[side].ankle),
      toe: points(chosen[side].toe),
    }));
    proposed = proposeGaitEvents({ feet, hip: points(chosen.hip) });
    cache.delete(key);
    cache.set(key, { version, proposals: proposed });
    if (cache.size > CACHED_CLIPS) cache.delete(cache.keys().next().value!);
  }
  return reviewProposals(withoutMarked(proposed, marked), repos.gaitProposals.rejected(clipId), includeRejected);
}

/** The last clips' proposals with the versions of the tracks they came from (oldest first). */
const cache = new Map<string, { version: string; proposals: ProposedGaitEvent[] }>();
const CACHED_CLIPS = 8;

/** A sticker the user placed on the foot is followed more exactly than a pose landmark; then the longer track. */
function preferStickers(a: Track, b: Track): number {
  const rank = (t: Track) => (t.source === 'pose' ? 1 : 0);
  return rank(a) - rank(b) || b.pointCount - a.pointCount;
}
