import { useEffect, useMemo, useRef, useState } from 'react';
import type { OpenedMedia } from '../../../common/contract/media.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { createFrameLoader } from './frame-loader.ts';
import { neighbourhood } from './frame-navigation.ts';

export const PREVIEW_WIDTH = 960;

export interface ShownFrame {
  index: number;
  bitmap: ImageBitmap;
  fullResolution: boolean;
}

/**
 * Keeps the frame on screen in step with the requested index. `shown.index` is the frame whose
 * pixels are painted — readouts and annotations follow it, so what is named is what is shown.
 */
export function useFrameDisplay(media: OpenedMedia, requested: number, wantFullResolution: boolean) {
  const api = useApi();
  const loader = useMemo(() => createFrameLoader(240), [media.mediaId]); // eslint-disable-line react-hooks/exhaustive-deps
  const [shown, setShown] = useState<ShownFrame | null>(null);
  const [error, setError] = useState<string | null>(null);
  const previous = useRef(requested);
  const frameCount = media.info.frameCount;
  const usePreview = media.info.width > PREVIEW_WIDTH;

  useEffect(() => () => loader.clear(), [loader]);

  useEffect(() => {
    const direction: 1 | -1 = requested >= previous.current ? 1 : -1;
    previous.current = requested;
    const previewUrl = (index: number) =>
      api.frameUrl({ clipId: media.mediaId, index, ...(usePreview ? { width: PREVIEW_WIDTH } : {}) });
    const fullUrl = api.frameUrl({ clipId: media.mediaId, index: requested });
    let cancelled = false;

    const show = (bitmap: ImageBitmap, fullResolution: boolean) => {
      if (!cancelled) {
        setShown({ index: requested, bitmap, fullResolution });
        setError(null);
      }
    };
    const immediate = loader.peek(previewUrl(requested));
    if (immediate) show(immediate, !usePreview);
    else
      loader
        .load(previewUrl(requested))
        .then((bitmap) => show(bitmap, !usePreview))
        .catch((reason: unknown) => {
          if (!cancelled && (reason as { name?: string }).name !== 'AbortError') setError(String((reason as Error).message ?? reason));
        });
    if (wantFullResolution && usePreview) {
      // Zoomed in: replace the preview by the full-resolution frame once it arrives.
      loader
        .load(fullUrl, 'full')
        .then((bitmap) => show(bitmap, true))
        .catch(() => {});
    }
    loader.prefetch(neighbourhood(requested, 24, frameCount, direction, 40).map(previewUrl));
    return () => {
      cancelled = true;
    };
  }, [api, loader, media.mediaId, requested, wantFullResolution, usePreview, frameCount]);

  return { shown, error };
}
