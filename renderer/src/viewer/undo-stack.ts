/**
 * Undo/redo of stored edits. Each entry knows how to reverse and replay itself through the API;
 * entries run strictly one after another so a fast Ctrl+Z burst never interleaves writes.
 */
export interface UndoEntry {
  readonly label: string;
  undo(): Promise<void>;
  redo(): Promise<void>;
}

export interface UndoStack {
  push(entry: UndoEntry): void;
  /** The entry the next undo would reverse (to extend it, e.g. while the same field is being typed in). */
  top(): UndoEntry | undefined;
  undo(): Promise<boolean>;
  redo(): Promise<boolean>;
  canUndo(): boolean;
  canRedo(): boolean;
  clear(): void;
}

export function createUndoStack(limit = 500): UndoStack {
  const done: UndoEntry[] = [];
  const undone: UndoEntry[] = [];
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work, work);
    queue = next.catch(() => {});
    return next;
  };
  return {
    push(entry) {
      done.push(entry);
      if (done.length > limit) done.shift();
      undone.length = 0;
    },
    top: () => done.at(-1),
    undo: () =>
      serial(async () => {
        const entry = done.pop();
        if (!entry) return false;
        try {
          await entry.undo();
        } catch (error) {
          done.push(entry);
          throw error;
        }
        undone.push(entry);
        return true;
      }),
    redo: () =>
      serial(async () => {
        const entry = undone.pop();
        if (!entry) return false;
        try {
          await entry.redo();
        } catch (error) {
          undone.push(entry);
          throw error;
        }
        done.push(entry);
        return true;
      }),
    canUndo: () => done.length > 0,
    canRedo: () => undone.length > 0,
    clear() {
      done.length = 0;
      undone.length = 0;
    },
  };
}

/**
 * Puts an edit's undo entry on the history at once, not when its write answers: a Ctrl+Z pressed right after
 * an edit must undo that edit, not the one before. An entry whose write failed undoes and redoes nothing.
 * Resolves (or rejects) with the write.
 */
export function recordEdit<T>(
  history: Pick<UndoStack, 'push'>,
  label: string,
  write: Promise<T>,
  undo: (written: T) => Promise<unknown>,
  redo: (written: T) => Promise<unknown>,
): Promise<T> {
  const outcome = write.then(
    (value) => ({ ok: true as const, value }),
    () => ({ ok: false as const }),
  );
  history.push({
    label,
    undo: async () => {
      const result = await outcome;
      if (result.ok) await undo(result.value);
    },
    redo: async () => {
      const result = await outcome;
      if (result.ok) await redo(result.value);
    },
  });
  return write;
}
