import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Clip, Session } from '../../../../common/contract/project.ts';
import { useApi } from '../../api/ApiProvider.tsx';
import type { ViewerClip } from '../ClipViewer.tsx';
import type { CompareLayout, ComparedClip } from './CompareBar.tsx';
import { CompareLink, type PaneId } from './compare-link.ts';

export interface CompareState {
  open: boolean;
  start(): void;
  close(): void;
  link: CompareLink;
  layout: CompareLayout;
  setLayout(layout: CompareLayout): void;
  /** Every other clip of the project (any client's session), labelled with its session's date. */
  candidates: ComparedClip[];
  loaded: boolean;
  secondId: string | null;
  choose(id: string): void;
  /** The second clip's video once found. */
  second: ViewerClip | null;
  /** The second clip's video cannot be found. */
  missing: boolean;
  names: Record<PaneId, string>;
}

/**
 * The second clip of a comparison. The first is the clip chosen in the clip list; the second is offered from the
 * whole project (this session's other view, or an earlier session), by default a clip of the same session.
 */
export function useCompare(first: ViewerClip | null): CompareState {
  const api = useApi();
  const { i18n } = useTranslation();
  const link = useMemo(() => new CompareLink(), []);
  const [open, setOpen] = useState(false);
  const [layout, setLayout] = useState<CompareLayout>('side-by-side');
  const [chosen, setChosen] = useState<string | null>(null);
  const [lists, setLists] = useState<{ clips: Clip[]; sessions: Session[] } | null>(null);
  const [second, setSecond] = useState<ViewerClip | null>(null);
  const [missing, setMissing] = useState(false);
  const firstId = first?.id ?? null;

  useEffect(() => {
    if (!open) return;
    let alive = true;
    Promise.all([api.call('clips.list', {}), api.call('sessions.list', {})])
      .then(([clips, sessions]) => alive && setLists({ clips, sessions }))
      .catch(() => alive && setLists({ clips: [], sessions: [] }));
    return () => {
      alive = false;
    };
  }, [api, open, firstId]);

  const others = useMemo(() => lists?.clips.filter((clip) => clip.id !== firstId) ?? [], [lists, firstId]);
  const secondId = useMemo(() => {
    if (chosen && others.some((clip) => clip.id === chosen)) return chosen;
    const firstSession = lists?.clips.find((clip) => clip.id === firstId)?.sessionId ?? null;
    return (others.find((clip) => clip.sessionId === firstSession) ?? others[0])?.id ?? null;
  }, [chosen, others, lists, firstId]);

  useEffect(() => {
    setSecond(null);
    setMissing(false);
    if (!open || !secondId) return;
    let alive = true;
    api
      .call('clips.locate', { id: secondId })
      .then((located) => {
        if (!alive) return;
        if (located.media.state !== 'found' || !located.media.path) return setMissing(true);
        const session = lists?.sessions.find((s) => s.id === located.sessionId);
        setSecond({
          id: located.id,
          path: located.media.path,
          captureFps: located.captureFps,
          gait: { view: located.view, treadmillSpeedKmh: session?.protocol.treadmillSpeedKmh ?? null },
        });
      })
      .catch(() => alive && setMissing(true));
    return () => {
      alive = false;
    };
    // The lists only add the session's belt speed; a refreshed list must not reopen the clip.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, open, secondId]);

  const locale = i18n.language === 'nl' ? 'nl-NL' : 'en-GB';
  const candidates = useMemo(
    () =>
      others.map((clip) => {
        const session = lists?.sessions.find((s) => s.id === clip.sessionId);
        const date = session ? new Date(`${session.date}T12:00:00`).toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric' }) : null;
        return { id: clip.id, label: date ? `${clip.name} · ${date}` : clip.name };
      }),
    [others, lists, locale],
  );
  const nameOf = (id: string | null) => lists?.clips.find((clip) => clip.id === id)?.name ?? '';

  return {
    open,
    start: useCallback(() => setOpen(true), []),
    close: useCallback(() => {
      link.unlink();
      setOpen(false);
    }, [link]),
    link,
    layout,
    setLayout,
    candidates,
    loaded: lists !== null,
    secondId,
    choose: setChosen,
    second,
    missing,
    names: { first: nameOf(firstId), second: nameOf(secondId) },
  };
}
