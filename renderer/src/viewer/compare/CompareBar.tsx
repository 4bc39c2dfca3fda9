import { useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { BodySide, GaitEventKind } from '../../../../common/contract/project.ts';
import type { CompareLink, PaneId } from './compare-link.ts';

export type CompareLayout = 'side-by-side' | 'stacked';

export interface ComparedClip {
  id: string;
  label: string;
}

/** The controls of a comparison: which clip, which layout, and how the two are linked in time. */
export function CompareBar({
  link,
  candidates,
  secondId,
  onSecond,
  layout,
  onLayout,
  names,
  focused,
  onClose,
}: {
  link: CompareLink;
  candidates: readonly ComparedClip[];
  secondId: string;
  onSecond(id: string): void;
  layout: CompareLayout;
  onLayout(layout: CompareLayout): void;
  names: Record<PaneId, string>;
  focused: PaneId;
  onClose(): void;
}) {
  const { t, i18n } = useTranslation();
  const state = useSyncExternalStore(link.subscribe, link.getSnapshot);
  const [event, setEvent] = useState<`${GaitEventKind}/${BodySide}`>('initial-contact/left');
  const number = (value: number) => value.toLocaleString(i18n.language, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const follower: PaneId = focused === 'first' ? 'second' : 'first';
  const [kind, side] = event.split('/') as [GaitEventKind, BodySide];
  const eventName = (k: GaitEventKind, s: BodySide) => t('compare.eventChoice', { event: t(`gait.kind.${k}`), side: t(`gait.side.${s}`) });
  const leader = state.leader;
  const trailing: PaneId = leader === 'first' ? 'second' : 'first';
  return (
    <div className="compare-bar" role="region" aria-label={t('compare.bar')} data-testid="compare-bar">
      <label className="compare-field">
        <span>{t('compare.with')}</span>
        <select value={secondId} onChange={(e) => onSecond(e.target.value)} data-testid="compare-clip">
          {candidates.map((clip) => (
            <option key={clip.id} value={clip.id}>
              {clip.label}
            </option>
          ))}
        </select>
      </label>
      <div className="segmented" role="group" aria-label={t('compare.layout')}>
        {(['side-by-side', 'stacked'] as const).map((value) => (
          <button key={value} type="button" aria-pressed={layout === value} onClick={() => onLayout(value)}>
            {t(`compare.layouts.${value}`)}
          </button>
        ))}
      </div>
      <span className="compare-divider" aria-hidden="true" />
      <label className="compare-field">
        <span>{t('compare.syncOn')}</span>
        <select value={event} onChange={(e) => setEvent(e.target.value as typeof event)} data-testid="compare-event">
          {BodySide.options.flatMap((s) =>
            GaitEventKind.options.map((k) => (
              <option key={`${k}/${s}`} value={`${k}/${s}`}>
                {eventName(k, s)}
              </option>
            )),
          )}
        </select>
      </label>
      <button type="button" disabled={!state.ready} title={t('compare.syncHint')} onClick={() => link.syncOnEvent(kind, side, focused)}>
        {t('compare.sync')}
      </button>
      {state.linked ? (
        <button type="button" title={t('compare.unlinkHint')} onClick={() => link.unlink()}>
          {t('compare.unlink')}
        </button>
      ) : (
        <button type="button" disabled={!state.ready} title={t('compare.linkHereHint')} onClick={() => link.linkHere(focused)}>
          {t('compare.linkHere')}
        </button>
      )}
      {state.linked && (
        <span className="transport-group" role="group" aria-label={t('compare.nudge', { name: names[follower] })}>
          <button type="button" title={t('compare.nudgeBack', { name: names[follower] })} aria-label={t('compare.nudgeBack', { name: names[follower] })} onClick={() => link.nudge(follower, -1)}>
            ◀
          </button>
          <span className="compare-nudge-name">{names[follower]}</span>
          <button type="button" title={t('compare.nudgeForward', { name: names[follower] })} aria-label={t('compare.nudgeForward', { name: names[follower] })} onClick={() => link.nudge(follower, 1)}>
            ▶
          </button>
        </span>
      )}
      <p className="compare-status" role="status" data-testid="compare-status">
        {state.missingEventIn
          ? t('compare.missingEvent', { name: names[state.missingEventIn], event: eventName(kind, side).toLowerCase() })
          : state.linked
            ? `${t('compare.linked', { offset: number(state.offsetSeconds * 1000) })} · ${
                Math.abs(state.gapMs) < 0.05
                  ? t('compare.exact')
                  : t('compare.nearest', { name: names[trailing], fps: link.captureFps(trailing) ?? '?', gap: number(Math.abs(state.gapMs)), leader: names[leader] })
              }`
            : t('compare.unlinked')}
      </p>
      <button type="button" className="ghost compare-close" onClick={onClose} aria-label={t('compare.close')} title={t('compare.close')}>
        ✕
      </button>
    </div>
  );
}
