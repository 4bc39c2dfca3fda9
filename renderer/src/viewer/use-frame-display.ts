import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { OpenedMedia } from '../../../common/contract/media.ts';
import { isMidstanceError } from '../../../common/contract/errors.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { createFrameLoader } from './frame-loader.ts';
import { neighbourhood } from './frame-navigation.ts';
import { latestReadyFrame, playbackLookahead } from './playback.ts';
import type { PlayingHint } from './use-playback.ts';

export const PREVIEW_WIDTH = 960;
const FULL_RESOLUTION_FRAMES = 16;
/** How long the shown frame must stay requested before its full-resolution version is fetched. */
const FULL_RESOLUTION_SETTLE_MS = 150;
/** Display frames of playback fetched ahead (half a second at 60 Hz). */
const PLAYBACK_LOOKAHEAD = 30;
/** A frame refused as busy (the decoders catching up with earlier requests) is asked for again after this. */
const BUSY_RETRY_MS = 400;

export interface ShownFrame {
  index: number;
  bitmap: ImageBitmap;
  fullResolution: boolean;
}

/**
 * Keeps the frame on screen in step with the requested index. `shown.index` is the frame whose
 * pixels are painted — readouts and annotations follow it, so what is named is what is shown.
 */
export function useFrameDisplay(media: OpenedMedia, requested: number, wantFullResolution: boolean, playing: PlayingHint | null = null) {
  const api = useApi();
  // Full-resolution frames (zoomed in, or a HiDPI screen) are 4× a preview's pixels: a few, and kept apart.
  const loader = useMemo(() => createFrameLoader(240, 3, { full: FULL_RESOLUTION_FRAMES }), [media.mediaId]); // eslint-disable-line react-hooks/exhaustive-deps
  const [loaded, setLoaded] = useState<ShownFrame | null>(null);
  const [error, setError] = useState<unknown>(null);
  const previous = useRef(requested);
  const frameCount = media.info.frameCount;
  const usePreview = media.info.width > PREVIEW_WIDTH;
  // Playing moves too fast for full-resolution frames to matter.
  const wantFull = wantFullResolution && usePreview && !playing;
  const previewUrl = useCallback(
    (index: number) => api.frameUrl({ clipId: media.mediaId, index, ...(usePreview ? { width: PREVIEW_WIDTH } : {}) }),
    [api, media.mediaId, usePreview],
  );
  const fullUrl = api.frameUrl({ clipId: media.mediaId, index: requested });

  // A frame already decoded is shown in the same render as the step that asked for it: waiting for an effect
  // to set state would cost a second render and usually a whole display frame before the paint. The cache is the
  // source (`loaded` only triggers the render): an older bitmap may have been evicted, and evicted ones are closed.
  // Until the requested frame is available the last one shown stays (with its own index).
  // While playing, the clock's frame may still be on its way: paint the latest one before it that is ready rather
  // than wait (the clock does not wait), so every display frame moves on.
  const shownRef = useRef<ShownFrame | null>(null);
  const ready = playing
    ? latestReadyFrame(requested, shownRef.current?.index ?? null, playing.range.first, (index) => loader.peek(previewUrl(index)) !== undefined)
    : null;
  const paintIndex = ready ?? requested;
  const cachedFull = wantFull ? loader.peek(fullUrl) : undefined;
  const cachedPreview = cachedFull ? undefined : loader.peek(previewUrl(paintIndex));
  const cached = cachedFull ?? cachedPreview;
  const candidate: ShownFrame | null = cached
    ? { index: paintIndex, bitmap: cached, fullResolution: cached === cachedFull || !usePreview }
    : loaded?.index === requested && loaded.bitmap.width > 0
      ? loaded
      : null;
  if (candidate && (candidate.bitmap !== shownRef.current?.bitmap || candidate.index !== shownRef.current.index)) shownRef.current = candidate;
  const shown = shownRef.current;

  useEffect(() => () => loader.clear(), [loader]);

  useEffect(() => {
    const direction: 1 | -1 = requested >= previous.current ? 1 : -1;
    previous.current = requested;
    let cancelled = false;
    const show = (bitmap: ImageBitmap, fullResolution: boolean) => {
      if (!cancelled) {
        setLoaded({ index: requested, bitmap, fullResolution });
        setError(null);
      }
    };
    // load() of a cached frame only marks it most recently used, so prefetching around it never evicts (and
    // closes) the frame on screen; a frame that has to be fetched is shown by a render once it arrives.
    const previewCached = loader.peek(previewUrl(requested)) !== undefined;
    if (playing) {
      // One "now" request per display frame would abort its predecessor before it ever arrived (a fetch and decode
      // take longer than a display frame): fetch the frames the clock will reach instead, in order, without aborting.
      if (previewCached) void loader.load(previewUrl(requested));
      loader.prefetch(playbackLookahead(requested, playing.stride, playing.range, playing.loop, PLAYBACK_LOOKAHEAD).map(previewUrl));
      return;
    }
    let busyTimer: ReturnType<typeof setTimeout> | undefined;
    const preview = loader.load(previewUrl(requested));
    if (previewCached) setError(null);
    else
      preview
        .then((bitmap) => show(bitmap, !usePreview))
        .catch((reason: unknown) => {
          if (cancelled || (reason as { name?: string }).name === 'AbortError') return;
          // Refused while the decoders catch up with earlier requests: ask again once, in a moment.
          if (isMidstanceError(reason) && reason.code === 'busy') {
            busyTimer = setTimeout(() => {
              loader
                .load(previewUrl(requested))
                .then((bitmap) => show(bitmap, !usePreview))
                .catch((again: unknown) => {
                  if (!cancelled && (again as { name?: string }).name !== 'AbortError') setError(again);
                });
            }, BUSY_RETRY_MS);
            return;
          }
          setError(reason);
        });
    let fullTimer: ReturnType<typeof setTimeout> | undefined;
    if (wantFull) {
      // Zoomed in (or a HiDPI screen): replace the preview by the full-resolution frame once it arrives — asked
      // for only once stepping pauses on a frame, so a burst of steps does not queue a full decode per frame.
      if (loader.peek(fullUrl)) void loader.load(fullUrl, 'full');
      else
        fullTimer = setTimeout(() => {
          loader
            .load(fullUrl, 'full')
            .then((bitmap) => show(bitmap, true))
            .catch(() => {});
        }, FULL_RESOLUTION_SETTLE_MS);
    }
    loader.prefetch(neighbourhood(requested, 24, frameCount, direction, 40).map(previewUrl));
    return () => {
      cancelled = true;
      clearTimeout(fullTimer);
      clearTimeout(busyTimer);
    };
  }, [loader, previewUrl, fullUrl, requested, wantFull, usePreview, frameCount, playing]);

  return { shown, error };
}
