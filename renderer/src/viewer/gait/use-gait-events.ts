import { useCallback, useMemo } from 'react';
import type { BodySide, GaitEvent, GaitEventKind } from '../../../../common/contract/project.ts';
import { sortGaitEvents } from '../../../../common/gait/timing.ts';
import { useApi } from '../../api/ApiProvider.tsx';
import { useErrorReporter } from '../../app/errors.tsx';
import { type EditHistory, recordEdit } from '../edit-history.ts';
import { useClipRecords } from '../use-clip-records.ts';

export interface GaitEventStore {
  /** In time order. */
  readonly all: readonly GaitEvent[];
  readonly loaded: boolean;
  /** Marks the event on the frame, or removes it when that foot already has that event there. */
  toggle(mark: { frameIndex: number; frameTime: number; kind: GaitEventKind; side: BodySide }): Promise<GaitEvent | null>;
  /** Moves an event to another frame (a drag on the timeline). Refused when that frame already has the same mark. */
  move(id: string, frameIndex: number, frameTime: number): Promise<void>;
  remove(id: string): Promise<void>;
  /** Marks several events as one edit (one undo takes them all back); marks already there are skipped. */
  markAll(marks: readonly Mark[]): Promise<void>;
}

type Mark = { frameIndex: number; frameTime: number; kind: GaitEventKind; side: BodySide };

type Draft = Omit<GaitEvent, 'createdAt' | 'updatedAt'>;

/**
 * The clip's gait events, every edit stored at once through the API and undoable through the clip's one
 * edit history (shared with the annotations). The screen updates at once; a failed write is rolled back.
 */
export function useGaitEvents(clipId: string | null, history: EditHistory): GaitEventStore {
  const api = useApi();
  const { report } = useErrorReporter();
  const listEvents = useCallback((id: string) => api.call('gaitEvents.list', { clipId: id }), [api]);
  const { byId, byIdRef, loaded, put, drop } = useClipRecords<GaitEvent>(clipId, listEvents);

  const storeCreate = useCallback(async (draft: Draft | Omit<Draft, 'id'>) => {
    const { record } = await api.call('gaitEvents.create', draft);
    put(record);
    return record;
  }, [api]);
  const storeDelete = useCallback(async (id: string) => {
    await api.call('gaitEvents.delete', { id });
    drop(id);
  }, [api]);
  const storeMove = useCallback(async (id: string, frameIndex: number, frameTime: number) => {
    const { record } = await api.call('gaitEvents.update', { id, patch: { frameIndex, frameTime } });
    put(record);
  }, [api]);

  const recorded = useCallback(
    (label: string, write: Promise<unknown>, undo: () => Promise<unknown>, redo: () => Promise<unknown>) => recordEdit(history, label, write, undo, redo),
    [history],
  );

  const remove = useCallback(
    async (id: string) => {
      const before = byIdRef.current.get(id);
      if (!before) return;
      drop(id);
      try {
        await recorded('delete gait event', storeDelete(id), () => storeCreate(toDraft(before)), () => storeDelete(id));
      } catch (error) {
        put(before);
        report(error);
      }
    },
    [recorded, report, storeCreate, storeDelete],
  );

  const toggle = useCallback(
    async (mark: { frameIndex: number; frameTime: number; kind: GaitEventKind; side: BodySide }) => {
      if (!clipId) return null;
      const existing = [...byIdRef.current.values()].find(
        (event) => event.frameIndex === mark.frameIndex && event.kind === mark.kind && event.side === mark.side,
      );
      if (existing) {
        await remove(existing.id);
        return null;
      }
      const draft: Draft = { id: crypto.randomUUID(), clipId, ...mark };
      const write = storeCreate(draft);
      try {
        await recorded('mark gait event', write, () => storeDelete(draft.id), () => storeCreate(draft));
        return await write;
      } catch (error) {
        report(error);
        return null;
      }
    },
    [clipId, recorded, remove, report, storeCreate, storeDelete],
  );

  const move = useCallback(
    async (id: string, frameIndex: number, frameTime: number) => {
      const before = byIdRef.current.get(id);
      if (!before || before.frameIndex === frameIndex) return;
      const taken = [...byIdRef.current.values()].some(
        (event) => event.id !== id && event.frameIndex === frameIndex && event.kind === before.kind && event.side === before.side,
      );
      if (taken) return;
      put({ ...before, frameIndex, frameTime });
      try {
        await recorded(
          'move gait event',
          storeMove(id, frameIndex, frameTime),
          () => storeMove(id, before.frameIndex, before.frameTime),
          () => storeMove(id, frameIndex, frameTime),
        );
      } catch (error) {
        put(before);
        report(error);
      }
    },
    [recorded, report, storeMove],
  );

  const markAll = useCallback(
    async (marks: readonly Mark[]) => {
      if (!clipId) return;
      const present = [...byIdRef.current.values()];
      const drafts: Draft[] = marks
        .filter((mark) => !present.some((e) => e.frameIndex === mark.frameIndex && e.kind === mark.kind && e.side === mark.side))
        .map((mark) => ({ id: crypto.randomUUID(), clipId, ...mark }));
      if (drafts.length === 0) return;
      const createAll = () => Promise.all(drafts.map((draft) => storeCreate(draft)));
      const deleteAll = () => Promise.all(drafts.map((draft) => storeDelete(draft.id)));
      try {
        await recorded(drafts.length === 1 ? 'mark gait event' : 'mark gait events', createAll(), deleteAll, createAll);
      } catch (error) {
        report(error);
      }
    },
    [clipId, recorded, report, storeCreate, storeDelete],
  );

  const all = useMemo(() => sortGaitEvents([...byId.values()]), [byId]);
  return { all, loaded, toggle, move, remove, markAll };
}

function toDraft(event: GaitEvent): Draft {
  const { createdAt: _created, updatedAt: _updated, ...draft } = event;
  return draft;
}
