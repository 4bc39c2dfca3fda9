import { useCallback, useMemo, useState } from 'react';
import { useErrorReporter } from '../app/errors.tsx';
import { createUndoStack, type UndoEntry } from './undo-stack.ts';

export { recordEdit } from './undo-stack.ts';

/**
 * The one undo history of a clip: annotation edits and gait-event edits push onto the same stack, so
 * Ctrl+Z undoes whichever edit came last, whatever kind it was.
 */
export interface EditHistory {
  push(entry: UndoEntry): void;
  /** The entry the next undo would reverse (a typing burst extends it while it is the newest). */
  top(): UndoEntry | undefined;
  undo(): Promise<void>;
  redo(): Promise<void>;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
}

export function useEditHistory(clipId: string | null): EditHistory {
  const { report } = useErrorReporter();
  const stack = useMemo(() => createUndoStack(), [clipId]); // eslint-disable-line react-hooks/exhaustive-deps
  const [, setVersion] = useState(0);
  const bump = useCallback(() => setVersion((v) => v + 1), []);
  const push = useCallback(
    (entry: UndoEntry) => {
      stack.push(entry);
      bump();
    },
    [stack, bump],
  );
  const undo = useCallback(async () => {
    await stack.undo().catch(report);
    bump();
  }, [stack, report, bump]);
  const redo = useCallback(async () => {
    await stack.redo().catch(report);
    bump();
  }, [stack, report, bump]);
  const canUndo = stack.canUndo();
  const canRedo = stack.canRedo();
  const top = useCallback(() => stack.top(), [stack]);
  return useMemo(() => ({ push, top, undo, redo, canUndo, canRedo }), [push, top, undo, redo, canUndo, canRedo]);
}

