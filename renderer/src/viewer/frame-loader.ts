/**
 * Fetches encoded frames and decodes them off the main thread into ImageBitmaps, keeping a small
 * LRU so stepping back and forth repaints without a round trip. Superseded requests are aborted.
 */
export interface FrameLoader {
  /**
   * Resolves with the bitmap; rejects with AbortError when a newer `load` of the same lane
   * superseded it (previews and full-resolution frames travel in separate lanes).
   */
  load(url: string, lane?: string): Promise<ImageBitmap>;
  /** Replaces the background queue (nearest frames first); never blocks a `load`. */
  prefetch(urls: string[]): void;
  peek(url: string): ImageBitmap | undefined;
  clear(): void;
}

export function createFrameLoader(capacity = 120, prefetchConcurrency = 3): FrameLoader {
  const bitmaps = new Map<string, ImageBitmap>();
  const inFlight = new Map<string, { promise: Promise<ImageBitmap>; controller: AbortController }>();
  const currentByLane = new Map<string, AbortController>();
  let prefetching = 0;
  const prefetchQueue: string[] = [];

  const remember = (url: string, bitmap: ImageBitmap) => {
    bitmaps.delete(url);
    bitmaps.set(url, bitmap);
    while (bitmaps.size > capacity) {
      const oldest = bitmaps.keys().next().value as string;
      bitmaps.get(oldest)?.close();
      bitmaps.delete(oldest);
    }
  };

  const fetchBitmap = (url: string, controller: AbortController): Promise<ImageBitmap> => {
    const existing = inFlight.get(url);
    if (existing) return existing.promise;
    const promise = (async () => {
      const response = await fetch(url, { signal: controller.signal, credentials: 'same-origin' });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? `Frame not available (HTTP ${response.status}).`);
      }
      const bitmap = await createImageBitmap(await response.blob());
      remember(url, bitmap);
      return bitmap;
    })().finally(() => inFlight.delete(url));
    inFlight.set(url, { promise, controller });
    return promise;
  };

  const pumpPrefetch = () => {
    while (prefetching < prefetchConcurrency && prefetchQueue.length > 0) {
      const url = prefetchQueue.shift()!;
      if (bitmaps.has(url) || inFlight.has(url)) continue;
      prefetching += 1;
      fetchBitmap(url, new AbortController())
        .catch(() => {})
        .finally(() => {
          prefetching -= 1;
          pumpPrefetch();
        });
    }
  };

  return {
    load(url, lane = 'preview') {
      const cached = bitmaps.get(url);
      if (cached) {
        remember(url, cached);
        return Promise.resolve(cached);
      }
      // A newer "now" request makes the previous one pointless unless it is the same frame.
      const pending = inFlight.get(url);
      if (pending) return pending.promise;
      currentByLane.get(lane)?.abort();
      const controller = new AbortController();
      currentByLane.set(lane, controller);
      return fetchBitmap(url, controller);
    },
    prefetch(urls) {
      prefetchQueue.length = 0;
      prefetchQueue.push(...urls.filter((url) => !bitmaps.has(url)));
      pumpPrefetch();
    },
    peek: (url) => bitmaps.get(url),
    clear() {
      for (const bitmap of bitmaps.values()) bitmap.close();
      bitmaps.clear();
      prefetchQueue.length = 0;
    },
  };
}
