import { useEffect, useState } from 'react';
import type { OpenedMedia } from '../../../common/contract/media.ts';
import { useApi } from '../api/ApiProvider.tsx';

export type ClipMediaState =
  | { status: 'opening'; fraction: number | null; framesIndexed: number }
  | { status: 'ready'; media: OpenedMedia }
  | { status: 'error'; error: unknown };

/** Opens a clip's video in the media engine for as long as the component shows it. */
export function useClipMedia(path: string | null, captureFps: number | null): ClipMediaState {
  const api = useApi();
  const [state, setState] = useState<ClipMediaState>({ status: 'opening', fraction: null, framesIndexed: 0 });

  useEffect(() => {
    if (!path) return;
    let cancelled = false;
    let mediaId: string | null = null;
    const openId = `open-${Math.random().toString(36).slice(2, 12)}`;
    setState({ status: 'opening', fraction: null, framesIndexed: 0 });
    const off = api.on('media.openProgress', (progress) => {
      if (progress.openId === openId && !cancelled) {
        setState({ status: 'opening', fraction: progress.fraction, framesIndexed: progress.framesIndexed });
      }
    });
    api
      .call('media.open', { path, captureFps, openId })
      .then((media) => {
        mediaId = media.mediaId;
        if (cancelled) void api.call('media.close', { mediaId }).catch(() => {});
        else setState({ status: 'ready', media });
      })
      .catch((error: unknown) => {
        if (!cancelled) setState({ status: 'error', error });
      })
      .finally(off);
    return () => {
      cancelled = true;
      off();
      if (mediaId) void api.call('media.close', { mediaId }).catch(() => {});
      else void api.call('media.cancelOpen', { openId }).catch(() => {});
    };
  }, [api, path, captureFps]);

  return state;
}
