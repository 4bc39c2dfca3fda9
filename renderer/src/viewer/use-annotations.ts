import { useCallback, useMemo, useRef } from 'react';
import type { Annotation } from '../../../common/contract/annotation.ts';
import type { AnnotationDraft, AnnotationPatch } from '../../../common/contract/project.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { useErrorReporter } from '../app/errors.tsx';
import { type SavedAnswer, useAutosaver } from '../project/index.ts';
import type { EditHistory } from './edit-history.ts';
import { useClipRecords } from './use-clip-records.ts';
import { recordEdit, type UndoEntry } from './undo-stack.ts';

export type { AnnotationPatch };

/** Free text of an annotation that is saved while typed: its label, a note's text. */
export type TypedField = 'label' | 'text';

/** The autosaver key of an annotation's typed field (all of an annotation's keys share the prefix). */
export const typedFieldKey = (id: string, field: TypedField) => `annotation:${id}:${field}`;

const typedValue = (annotation: Annotation, field: TypedField): string | null =>
  field === 'label' ? annotation.label : annotation.geometry.kind === 'text' ? annotation.geometry.text : null;

/** The patch that stores a typed value, built on the annotation as it is now (a note may have moved meanwhile). */
function typedPatch(annotation: Annotation, field: TypedField, value: string | null): AnnotationPatch {
  if (field === 'label') return { label: value };
  return annotation.geometry.kind === 'text' ? { geometry: { ...annotation.geometry, text: value ?? '' } } : {};
}

export interface AnnotationStore {
  readonly all: readonly Annotation[];
  readonly loaded: boolean;
  create(draft: Omit<AnnotationDraft, 'clipId'>): Promise<Annotation | null>;
  update(id: string, patch: AnnotationPatch): Promise<void>;
  /**
   * Shows a change without storing it (a slider being dragged). The next `update` of that annotation stores the
   * final value as one undoable edit from where it was before the first preview.
   */
  preview(id: string, patch: AnnotationPatch): void;
  remove(id: string): Promise<void>;
  /**
   * Stores text typed into a label or note field (called by the autosaver after a pause, on blur, before the
   * page goes away). Throws when it failed, so the autosaver keeps the draft. One typing burst in one field is
   * one undo step.
   */
  saveTyped(id: string, field: TypedField, value: string | null): Promise<SavedAnswer>;
}

/**
 * The clip's annotations with every edit stored through the API (committed before it answers)
 * and undoable through the clip's one edit history (shared with gait events). The screen updates at once; a failed write is rolled back and reported. Every write is
 * followed by the project's autosaver, so the header says "Saving…" until the core has acknowledged it.
 */
export function useAnnotations(clipId: string | null, stack: EditHistory): AnnotationStore {
  const api = useApi();
  const autosaver = useAutosaver();
  const { report } = useErrorReporter();
  const listAnnotations = useCallback((id: string) => api.call('annotations.list', { clipId: id }), [api]);
  const { byId, byIdRef, loaded, put, drop } = useClipRecords<Annotation>(clipId, listAnnotations);
  // Annotations showing a previewed change, as they were before it.
  const previewed = useRef(new Map<string, Annotation>());

  const storeCreate = useCallback(
    async (draft: AnnotationDraft) => (await autosaver.track(api.call('annotations.create', draft))).record,
    [api, autosaver],
  );
  const storeUpdate = useCallback(
    async (id: string, patch: AnnotationPatch) => (await autosaver.track(api.call('annotations.update', { id, patch }))).record,
    [api, autosaver],
  );
  const storeDelete = useCallback(
    async (id: string) => (await autosaver.track(api.call('annotations.delete', { id }))).record,
    [api, autosaver],
  );
  // The undo step of the typing burst going on in each field, extended while it is still the newest step.
  const typing = useRef(new Map<string, { entry: UndoEntry; value: string | null }>());

  const create = useCallback(
    async (draft: Omit<AnnotationDraft, 'clipId'>) => {
      if (!clipId) return null;
      try {
        const record = await recordEdit(
          stack,
          'create',
          storeCreate({ ...draft, id: draft.id ?? crypto.randomUUID(), clipId }),
          async (created) => {
            await storeDelete(created.id);
            drop(created.id);
          },
          async (created) => put(await storeCreate(toDraft(created))),
        );
        put(record);
        return record;
      } catch (error) {
        report(error);
        return null;
      }
    },
    [clipId, report, stack, storeCreate, storeDelete],
  );

  const preview = useCallback((id: string, patch: AnnotationPatch) => {
    const current = byIdRef.current.get(id);
    if (!current) return;
    if (!previewed.current.has(id)) previewed.current.set(id, current);
    put({ ...current, ...patch });
  }, []);

  const update = useCallback(
    async (id: string, patch: AnnotationPatch) => {
      const before = previewed.current.get(id) ?? byIdRef.current.get(id);
      previewed.current.delete(id);
      if (!before) return;
      // Back where it started (a slider dragged away and back): nothing to store or undo.
      if ((Object.keys(patch) as (keyof AnnotationPatch)[]).every((key) => JSON.stringify(patch[key]) === JSON.stringify(before[key]))) {
        put(before);
        return;
      }
      put({ ...before, ...patch });
      const reverse: AnnotationPatch = Object.fromEntries(
        Object.keys(patch).map((key) => [key, before[key as keyof AnnotationPatch]]),
      );
      try {
        const record = await recordEdit(
          stack,
          'update',
          storeUpdate(id, patch),
          async () => put(await storeUpdate(id, reverse)),
          async () => put(await storeUpdate(id, patch)),
        );
        put(record);
      } catch (error) {
        put(before);
        report(error);
      }
    },
    [report, stack, storeUpdate],
  );

  const saveTyped = useCallback(
    async (id: string, field: TypedField, value: string | null): Promise<SavedAnswer> => {
      const current = byIdRef.current.get(id);
      if (!current) return { savedAt: '' };
      const before = typedValue(current, field);
      const answer = await api.call('annotations.update', { id, patch: typedPatch(current, field, value) });
      put(answer.record);
      const key = typedFieldKey(id, field);
      const burst = typing.current.get(key);
      if (burst && stack.top() === burst.entry) {
        burst.value = value;
      } else {
        const next = { value, entry: null as unknown as UndoEntry };
        next.entry = {
          label: 'type',
          undo: async () => {
            const now = byIdRef.current.get(id);
            if (now) put(await storeUpdate(id, typedPatch(now, field, before)));
          },
          redo: async () => {
            const now = byIdRef.current.get(id);
            if (now) put(await storeUpdate(id, typedPatch(now, field, next.value)));
          },
        };
        typing.current.set(key, next);
        stack.push(next.entry);
      }
      return answer;
    },
    [api, stack, storeUpdate],
  );

  const remove = useCallback(
    async (id: string) => {
      const before = byIdRef.current.get(id);
      if (!before) return;
      // What is still being typed into it goes with it.
      autosaver.discard(`annotation:${id}:`);
      drop(id);
      try {
        await recordEdit(
          stack,
          'delete',
          storeDelete(id),
          async () => put(await storeCreate(toDraft(before))),
          async () => {
            await storeDelete(id);
            drop(id);
          },
        );
      } catch (error) {
        put(before);
        report(error);
      }
    },
    [autosaver, report, stack, storeCreate, storeDelete],
  );

  const all = useMemo(
    () => [...byId.values()].sort((a, b) => a.frameIndex - b.frameIndex || a.createdAt.localeCompare(b.createdAt)),
    [byId],
  );

  return {
    all,
    loaded,
    create,
    update,
    preview,
    remove,
    saveTyped,
  };
}

/** A stored annotation as a draft that recreates it with the same id (undo of a delete). */
function toDraft(annotation: Annotation): AnnotationDraft {
  const { createdAt: _created, updatedAt: _updated, ...draft } = annotation;
  return draft;
}
