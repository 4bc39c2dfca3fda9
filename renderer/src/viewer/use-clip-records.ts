import { type MutableRefObject, useCallback, useEffect, useRef, useState } from 'react';
import { useErrorReporter } from '../app/errors.tsx';

export interface ClipRecords<T extends { readonly id: string }> {
  readonly byId: ReadonlyMap<string, T>;
  /** The latest map, for callbacks that must not go stale between renders. */
  readonly byIdRef: MutableRefObject<ReadonlyMap<string, T>>;
  /** False until the clip's records have been read. */
  readonly loaded: boolean;
  put(record: T): void;
  drop(id: string): void;
}

/**
 * One clip's records (its drawings, its gait events …) by id: read once per clip, then kept in step with each
 * write the caller makes. A switch of clip empties the map at once, so no record of the old clip is shown.
 */
export function useClipRecords<T extends { readonly id: string }>(
  clipId: string | null,
  list: (clipId: string) => Promise<readonly T[]>,
): ClipRecords<T> {
  const { report } = useErrorReporter();
  const [byId, setById] = useState<ReadonlyMap<string, T>>(new Map());
  const [loaded, setLoaded] = useState(false);
  const byIdRef = useRef<ReadonlyMap<string, T>>(byId);
  byIdRef.current = byId;
  const listRef = useRef(list);
  listRef.current = list;

  useEffect(() => {
    setById(new Map());
    setLoaded(false);
    if (!clipId) return;
    let cancelled = false;
    listRef
      .current(clipId)
      .then((records) => {
        if (cancelled) return;
        setById(new Map(records.map((record) => [record.id, record])));
        setLoaded(true);
      })
      .catch(report);
    return () => {
      cancelled = true;
    };
  }, [clipId, report]);

  const put = useCallback((record: T) => setById((current) => new Map(current).set(record.id, record)), []);
  const drop = useCallback(
    (id: string) =>
      setById((current) => {
        const next = new Map(current);
        next.delete(id);
        return next;
      }),
    [],
  );
  return { byId, byIdRef, loaded, put, drop };
}
