import type { Database } from 'better-sqlite3';
import type { GaitProposalKey } from '../../../common/contract/gait-proposals.ts';
import { notFound } from './common.ts';

interface RejectionRow {
  side: GaitProposalKey['side'];
  kind: GaitProposalKey['kind'];
  frame_index: number;
}

export type GaitProposalRepository = ReturnType<typeof createGaitProposalRepository>;

/** The proposals a user rejected, per clip (the proposals themselves are computed from the tracks). */
export function createGaitProposalRepository(db: Database) {
  const selectByClip = db.prepare<[string], RejectionRow>(
    'SELECT side, kind, frame_index FROM rejected_gait_proposals WHERE clip_id = ? ORDER BY frame_index, side, kind',
  );
  const clipExists = db.prepare<[string], { id: string }>('SELECT id FROM clips WHERE id = ?');
  const insert = db.prepare(
    `INSERT OR IGNORE INTO rejected_gait_proposals (clip_id, side, kind, frame_index, created_at)
     VALUES (@clipId, @side, @kind, @frameIndex, @now)`,
  );
  const remove = db.prepare('DELETE FROM rejected_gait_proposals WHERE clip_id = @clipId AND side = @side AND kind = @kind AND frame_index = @frameIndex');
  const requireClip = (clipId: string) => {
    if (!clipExists.get(clipId)) throw notFound('clip', clipId);
  };
  return {
    rejected(clipId: string): GaitProposalKey[] {
      return selectByClip.all(clipId).map((row) => ({ side: row.side, kind: row.kind, frameIndex: row.frame_index }));
    },
    reject(clipId: string, keys: readonly GaitProposalKey[], now: string): GaitProposalKey[] {
      requireClip(clipId);
      for (const key of keys) insert.run({ clipId, side: key.side, kind: key.kind, frameIndex: key.frameIndex, now });
      return [...keys];
    },
    unreject(clipId: string, keys: readonly GaitProposalKey[]): GaitProposalKey[] {
      requireClip(clipId);
      for (const key of keys) remove.run({ clipId, side: key.side, kind: key.kind, frameIndex: key.frameIndex });
      return [...keys];
    },
  };
}
