import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { GaitProposal, GaitProposalKey } from '../../../../common/contract/gait-proposals.ts';
import { REJECTION_WINDOW, sameProposal } from '../../../../common/gait/proposal-review.ts';
import { useApi } from '../../api/ApiProvider.tsx';
import { useErrorReporter } from '../../app/errors.tsx';
import { type EditHistory, recordEdit } from '../edit-history.ts';
import type { GaitEventStore } from './use-gait-events.ts';

export interface GaitProposals {
  /** What is shown: the open proposals, and the rejected ones too while showRejected. In time order. */
  readonly shown: readonly GaitProposal[];
  /** Open (not rejected) proposals. */
  readonly open: number;
  readonly rejected: number;
  readonly showRejected: boolean;
  setShowRejected(show: boolean): void;
  /** Writes the proposals as gait events, in one undoable edit. */
  accept(proposals: readonly GaitProposal[]): Promise<void>;
  /** Stores them as rejected (undoable): not proposed again. */
  reject(proposals: readonly GaitProposal[]): Promise<void>;
  /** Takes a rejection back (undoable). */
  restore(proposals: readonly GaitProposal[]): Promise<void>;
}

const keyOf = ({ side, kind, frameIndex }: GaitProposalKey): GaitProposalKey => ({ side, kind, frameIndex });

/**
 * The clip's proposed gait events (gaitProposals.list: from its accepted foot tracks, without what is marked),
 * asked again whenever the events or the tracks change. Accepting writes normal gait events through the event
 * store; rejecting is stored in the project. Both go on the clip's one undo history.
 */
export function useGaitProposals({
  clipId,
  history,
  events,
  tracksVersion,
  frameTime,
}: {
  clipId: string;
  history: EditHistory;
  events: GaitEventStore;
  /** Changes whenever the clip's tracks change (their points, landmarks or status). */
  tracksVersion: string;
  frameTime(frame: number): number;
}): GaitProposals {
  const api = useApi();
  const { report } = useErrorReporter();
  const [all, setAll] = useState<readonly GaitProposal[]>([]);
  const [showRejected, setShowRejected] = useState(false);
  const asked = useRef(0);

  const reload = useCallback(async () => {
    const ask = ++asked.current;
    const list = await api.call('gaitProposals.list', { clipId, includeRejected: true });
    if (ask === asked.current) setAll(list);
  }, [api, clipId]);
  const reloadRef = useRef(reload);
  reloadRef.current = reload;

  useEffect(() => {
    if (!events.loaded) return;
    void reload().catch(report);
  }, [reload, report, events.loaded, events.all, tracksVersion]);

  const accept = useCallback(
    async (proposals: readonly GaitProposal[]) => {
      await events.markAll(proposals.map((p) => ({ ...keyOf(p), frameTime: frameTime(p.frameIndex) })));
    },
    [events, frameTime],
  );

  const write = useCallback(
    (call: 'gaitProposals.reject' | 'gaitProposals.unreject', keys: GaitProposalKey[]) =>
      api.call(call, { clipId, proposals: keys }).then(() => reloadRef.current()),
    [api, clipId],
  );

  const reject = useCallback(
    async (proposals: readonly GaitProposal[]) => {
      const keys = proposals.filter((p) => !p.rejected).map(keyOf);
      if (keys.length === 0) return;
      setAll((current) => current.map((p) => (keys.some((k) => sameProposal(k, p)) ? { ...p, rejected: true } : p)));
      await recordEdit(history, 'reject proposals', write('gaitProposals.reject', keys), () => write('gaitProposals.unreject', keys), () => write('gaitProposals.reject', keys)).catch(report);
    },
    [history, write, report],
  );

  const restore = useCallback(
    async (proposals: readonly GaitProposal[]) => {
      const keys = proposals.filter((p) => p.rejected).map(keyOf);
      if (keys.length === 0) return;
      // A rejection hides the proposal a frame either side too: take back whichever of those was stored.
      const stored = keys.flatMap((k) =>
        Array.from({ length: 2 * REJECTION_WINDOW + 1 }, (_, i) => ({ ...k, frameIndex: k.frameIndex - REJECTION_WINDOW + i })).filter((x) => x.frameIndex >= 0),
      );
      await recordEdit(history, 'restore proposals', write('gaitProposals.unreject', stored), () => write('gaitProposals.reject', keys), () => write('gaitProposals.unreject', stored)).catch(report);
    },
    [history, write, report],
  );

  const shown = useMemo(() => (showRejected ? all : all.filter((p) => !p.rejected)), [all, showRejected]);
  const rejected = useMemo(() => all.filter((p) => p.rejected).length, [all]);
  return { shown, open: all.length - rejected, rejected, showRejected, setShowRejected, accept, reject, restore };
}

