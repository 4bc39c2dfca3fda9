/**
 * Saving as the user types — the one path every free-text field in the app saves through (session and
 * client fields, clip fields, annotation labels and note texts). Each field (a key) keeps its latest draft,
 * sends it after a short pause or when flushed (blur, switching session, page hidden, closing), one call at
 * a time per key so answers never arrive out of order. A draft whose save failed is kept, so the text the
 * user typed is never lost; it is sent again with the next change, on flush or with retryFailed().
 * The status says "saving" from the first keystroke until the core has acknowledged the write.
 *
 * Plain TypeScript without React, so the rules can be tested with fake timers.
 */

export type SaveStatus =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; savedAt: string }
  | { kind: 'failed'; error: unknown }
  /** Text typed into a form that is stored only when submitted (e.g. a new client without a name yet). */
  | { kind: 'unsubmitted' };

/** What a field shows about its own draft. */
export type FieldSaveState = 'clean' | 'pending' | 'failed';

export interface SavedAnswer {
  savedAt: string;
}

interface Entry {
  draft: unknown;
  /** The newest change not yet sent; null once it is on its way. */
  run: (() => Promise<SavedAnswer>) | null;
  timer: ReturnType<typeof setTimeout> | null;
  inFlight: Promise<void> | null;
  error: unknown;
  failed: boolean;
  /** How to send a failed draft again. */
  retry: (() => Promise<SavedAnswer>) | null;
  /** How to send the newest draft (kept while it is on its way, for flushOnUnload). */
  latest: () => Promise<SavedAnswer>;
}

export interface AutosaverOptions {
  delayMs?: number;
  setTimer?: (callback: () => void, ms: number) => ReturnType<typeof setTimeout>;
  clearTimer?: (timer: ReturnType<typeof setTimeout>) => void;
}

export function createAutosaver(options: AutosaverOptions = {}) {
  const delayMs = options.delayMs ?? 400;
  const setTimer = options.setTimer ?? ((callback, ms) => setTimeout(callback, ms));
  const clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer));

  const entries = new Map<string, Entry>();
  const listeners = new Set<() => void>();
  let oneShotsInFlight = 0;
  /** A failed one-off edit (create, remove…); cleared by the next successful save. */
  let oneShotError: { error: unknown } | null = null;
  let lastSavedAt: string | null = null;
  let status: SaveStatus = { kind: 'idle' };
  const unsubmitted = new Set<string>();

  const computeStatus = (): SaveStatus => {
    const failedEntry = [...entries.values()].reverse().find(isStuck);
    if (failedEntry) return { kind: 'failed', error: failedEntry.error };
    if (oneShotError) return { kind: 'failed', error: oneShotError.error };
    const busy = oneShotsInFlight > 0 || [...entries.values()].some((entry) => entry.run || entry.inFlight);
    if (busy) return { kind: 'saving' };
    if (unsubmitted.size > 0) return { kind: 'unsubmitted' };
    return lastSavedAt ? { kind: 'saved', savedAt: lastSavedAt } : { kind: 'idle' };
  };

  const changed = () => {
    const next = computeStatus();
    // Keep the same object while nothing visible changed: React's useSyncExternalStore compares by identity.
    if (!sameStatus(status, next)) status = next;
    for (const listener of [...listeners]) listener();
  };

  const noteSaved = (savedAt: string) => {
    if (!lastSavedAt || savedAt > lastSavedAt) lastSavedAt = savedAt;
  };

  const send = (key: string, entry: Entry): Promise<void> => {
    if (entry.timer) {
      clearTimer(entry.timer);
      entry.timer = null;
    }
    if (entry.inFlight) return entry.inFlight.then(() => (entries.get(key) === entry && entry.run ? send(key, entry) : undefined));
    const run = entry.run;
    if (!run) return Promise.resolve();
    entry.run = null;
    entry.inFlight = Promise.resolve().then(run).then(
      (answer) => {
        noteSaved(answer.savedAt);
        oneShotError = null;
        entry.inFlight = null;
        entry.failed = false;
        entry.error = null;
        entry.retry = null;
        // A newer draft that arrived while this one was on its way goes next.
        if (entry.run) return send(key, entry);
        entries.delete(key);
        changed();
        return undefined;
      },
      (error: unknown) => {
        entry.inFlight = null;
        if (entry.run) return send(key, entry);
        // Keep the draft and the way to send it, so nothing typed is lost.
        entry.failed = true;
        entry.error = error;
        entry.retry = run;
        changed();
        return undefined;
      },
    );
    changed();
    return entry.inFlight;
  };

  /** Send now what is waiting (one field, or all); resolves when those calls have answered. */
  const flush = (key?: string): Promise<void> => {
    const keys = key === undefined ? [...entries.keys()] : [key];
    return Promise.all(
      keys.map((k) => {
        const entry = entries.get(k);
        if (!entry) return undefined;
        if (entry.failed && !entry.run && entry.retry) entry.run = entry.retry;
        return send(k, entry);
      }),
    ).then(() => undefined);
  };

  /**
   * The page is going away (pagehide): send every draft that is not acknowledged yet, now. A call already
   * on its way may be cut off with the page, so its draft is sent once more (updates set values, so a
   * repeat is harmless). The transport must make these calls outlive the page (fetch keepalive).
   */
  const flushOnUnload = (): void => {
    for (const [key, entry] of entries) {
      if (entry.inFlight) {
        entry.latest().catch(() => undefined);
      } else {
        void flush(key);
      }
    }
  };

  return {
    flush,
    flushOnUnload,

    /** Remember the newest value of a field and send it after the pause. */
    schedule(key: string, draft: unknown, run: () => Promise<SavedAnswer>): void {
      const entry: Entry = entries.get(key) ?? {
        draft,
        run: null,
        timer: null,
        inFlight: null,
        error: null,
        failed: false,
        retry: null,
        latest: run,
      };
      entries.set(key, entry);
      entry.draft = draft;
      entry.run = run;
      entry.latest = run;
      if (entry.timer) clearTimer(entry.timer);
      entry.timer = setTimer(() => {
        entry.timer = null;
        void send(key, entry);
      }, delayMs);
      changed();
    },

    /** Send every failed draft again. */
    retryFailed(): Promise<void> {
      const failedKeys = [...entries].filter(([, entry]) => entry.failed).map(([key]) => key);
      return Promise.all(failedKeys.map((key) => flush(key))).then(() => undefined);
    },

    /** Follow a one-off edit (create, remove, select a value) so the status shows it. */
    track<T extends SavedAnswer>(promise: Promise<T>): Promise<T> {
      oneShotsInFlight++;
      changed();
      return promise.then(
        (answer) => {
          oneShotsInFlight--;
          oneShotError = null;
          noteSaved(answer.savedAt);
          changed();
          return answer;
        },
        (error: unknown) => {
          oneShotsInFlight--;
          oneShotError = { error };
          changed();
          throw error;
        },
      );
    },

    /** An edit was committed elsewhere (e.g. by the viewer), as told by the project.saved event. */
    noteSaved(savedAt: string): void {
      noteSaved(savedAt);
      changed();
    },

    /** The draft a field should show instead of the stored value (waiting, on its way or failed). */
    draft(key: string): { value: unknown } | null {
      const entry = entries.get(key);
      return entry ? { value: entry.draft } : null;
    },

    fieldState(key: string): FieldSaveState {
      const entry = entries.get(key);
      if (!entry) return 'clean';
      return isStuck(entry) ? 'failed' : 'pending';
    },

    hasUnsaved(): boolean {
      return entries.size > 0 || oneShotsInFlight > 0 || unsubmitted.size > 0;
    },

    status(): SaveStatus {
      return status;
    },

    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** A form holds typed text that is not stored until it is submitted (held), or no longer (released). */
    holdUnsubmitted(key: string, held: boolean): void {
      if (held === unsubmitted.has(key)) return;
      if (held) unsubmitted.add(key);
      else unsubmitted.delete(key);
      changed();
    },

    /** Drop the drafts of a record that is gone (e.g. a deleted annotation): keys starting with prefix. */
    discard(prefix: string): void {
      for (const [key, entry] of [...entries]) {
        if (!key.startsWith(prefix)) continue;
        if (entry.timer) clearTimer(entry.timer);
        entries.delete(key);
      }
      changed();
    },

    /** A new project: forget the old one's "saved at" (its drafts were flushed before). */
    reset(): void {
      for (const entry of entries.values()) if (entry.timer) clearTimer(entry.timer);
      entries.clear();
      unsubmitted.clear();
      oneShotError = null;
      lastSavedAt = null;
      changed();
    },
  };
}

export type Autosaver = ReturnType<typeof createAutosaver>;

/** Failed, and no newer draft is on its way to replace it. */
const isStuck = (entry: Entry) => entry.failed && !entry.run && !entry.inFlight;

function sameStatus(a: SaveStatus, b: SaveStatus): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'saved' && b.kind === 'saved') return a.savedAt === b.savedAt;
  if (a.kind === 'failed' && b.kind === 'failed') return a.error === b.error;
  return true;
}
