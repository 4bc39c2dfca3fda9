import { ApiErrorShape, MidstanceError } from '../../../common/contract/errors.ts';

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

/**
 * `capacity` bitmaps per lane; `laneCapacity` overrides it for a lane. Each lane has its own LRU, so that (say)
 * full-resolution frames — four times the pixels of a preview — stay few and never push out the previews that
 * stepping shows first. Prefetches go to the 'preview' lane.
 */
export function createFrameLoader(capacity = 120, prefetchConcurrency = 3, laneCapacity: Readonly<Record<string, number>> = {}): FrameLoader {
  const lanes = new Map<string, Map<string, ImageBitmap>>();
  const inFlight = new Map<string, { promise: Promise<ImageBitmap>; controller: AbortController }>();
  const currentByLane = new Map<string, AbortController>();
  let prefetching = 0;
  const prefetchQueue: string[] = [];

  const laneOf = (url: string): Map<string, ImageBitmap> | undefined => {
    for (const bitmaps of lanes.values()) if (bitmaps.has(url)) return bitmaps;
    return undefined;
  };
  const cached = (url: string): ImageBitmap | undefined => laneOf(url)?.get(url);

  const remember = (lane: string, url: string, bitmap: ImageBitmap) => {
    let bitmaps = lanes.get(lane);
    if (!bitmaps) lanes.set(lane, (bitmaps = new Map()));
    bitmaps.delete(url);
    bitmaps.set(url, bitmap);
    while (bitmaps.size > (laneCapacity[lane] ?? capacity)) {
      const oldest = bitmaps.keys().next().value as string;
      bitmaps.get(oldest)?.close();
      bitmaps.delete(oldest);
    }
  };

  const fetchBitmap = (url: string, controller: AbortController, lane: string): Promise<ImageBitmap> => {
    const existing = inFlight.get(url);
    if (existing) return existing.promise;
    const promise = (async () => {
      const response = await fetch(url, { signal: controller.signal, credentials: 'same-origin' });
      if (!response.ok) {
        // The core's typed error, so the viewer can say it in the user's language.
        const body = (await response.json().catch(() => null)) as { error?: unknown } | null;
        const shape = ApiErrorShape.safeParse(body?.error);
        throw shape.success
          ? MidstanceError.fromShape(shape.data)
          : new MidstanceError('internal', `Frame not available (HTTP ${response.status}).`);
      }
      const bitmap = await createImageBitmap(await response.blob());
      remember(lane, url, bitmap);
      return bitmap;
    })().finally(() => inFlight.delete(url));
    inFlight.set(url, { promise, controller });
    return promise;
  };

  const pumpPrefetch = () => {
    while (prefetching < prefetchConcurrency && prefetchQueue.length > 0) {
      const url = prefetchQueue.shift()!;
      if (cached(url) || inFlight.has(url)) continue;
      prefetching += 1;
      fetchBitmap(url, new AbortController(), 'preview')
        .catch(() => {})
        .finally(() => {
          prefetching -= 1;
          pumpPrefetch();
        });
    }
  };

  return {
    load(url, lane = 'preview') {
      const home = laneOf(url);
      const hit = home?.get(url);
      if (home && hit) {
        // Most recently used again, in the lane that holds it.
        home.delete(url);
        home.set(url, hit);
        return Promise.resolve(hit);
      }
      // A newer "now" request makes the previous one pointless unless it is the same frame.
      const pending = inFlight.get(url);
      if (pending) return pending.promise;
      currentByLane.get(lane)?.abort();
      const controller = new AbortController();
      currentByLane.set(lane, controller);
      return fetchBitmap(url, controller, lane);
    },
    prefetch(urls) {
      prefetchQueue.length = 0;
      prefetchQueue.push(...urls.filter((url) => !cached(url)));
      pumpPrefetch();
    },
    peek: cached,
    clear() {
      for (const bitmaps of lanes.values()) for (const bitmap of bitmaps.values()) bitmap.close();
      lanes.clear();
      prefetchQueue.length = 0;
    },
  };
}
