import { useCallback, useEffect, useRef, useState } from 'react';
import type { OpenedMedia } from '../../../common/contract/media.ts';
import { isMidstanceError } from '../../../common/contract/errors.ts';
import { useApi } from '../api/ApiProvider.tsx';

export type ClipMediaState =
  | { status: 'opening'; fraction: number | null; framesIndexed: number }
  | { status: 'ready'; media: OpenedMedia }
  /** The user stopped the open; nothing went wrong. */
  | { status: 'cancelled' }
  | { status: 'error'; error: unknown };

export interface ClipMedia {
  state: ClipMediaState;
  /** Stops the open under way (probing or indexing); the state becomes 'cancelled'. */
  cancel(): void;
  /** Opens the clip once more, e.g. after a cancel. */
  retry(): void;
}

const OPENING: ClipMediaState = { status: 'opening', fraction: null, framesIndexed: 0 };

/** Opens a clip's video in the media engine for as long as the component shows it. */
export function useClipMedia(path: string | null, captureFps: number | null): ClipMedia {
  const api = useApi();
  const [state, setState] = useState<ClipMediaState>(OPENING);
  const [attempt, setAttempt] = useState(0);
  const cancelAttempt = useRef<() => void>(() => {});

  useEffect(() => {
    if (!path) return;
    // Once an attempt is let go (cancel, unmount, another clip) it never touches the state again.
    let released = false;
    let mediaId: string | null = null;
    const openId = `open-${Math.random().toString(36).slice(2, 12)}`;
    const close = (id: string) => void api.call('media.close', { mediaId: id }).catch(() => {});
    setState(OPENING);
    const off = api.on('media.openProgress', (progress) => {
      if (progress.openId === openId && !released) {
        setState({ status: 'opening', fraction: progress.fraction, framesIndexed: progress.framesIndexed });
      }
    });
    api
      .call('media.open', { path, captureFps, openId })
      .then((media) => {
        mediaId = media.mediaId;
        // Finished just as it was let go: the engine must not keep a clip nobody shows.
        if (released) close(mediaId);
        else setState({ status: 'ready', media });
      })
      .catch((error: unknown) => {
        if (released) return;
        setState(isMidstanceError(error) && error.code === 'cancelled' ? { status: 'cancelled' } : { status: 'error', error });
      })
      .finally(off);

    const release = () => {
      if (released) return;
      released = true;
      off();
      if (mediaId) close(mediaId);
      else void api.call('media.cancelOpen', { openId }).catch(() => {});
    };
    cancelAttempt.current = () => {
      if (released || mediaId) return;
      release();
      setState({ status: 'cancelled' });
    };
    return release;
  }, [api, path, captureFps, attempt]);

  const cancel = useCallback(() => cancelAttempt.current(), []);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, cancel, retry };
}
