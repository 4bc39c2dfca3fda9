import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { GaitProposal } from '../../../../common/contract/gait-proposals.ts';
import { adjacentProposal, proposalsAt } from '../../../../common/gait/proposal-review.ts';
import '../../styles/gait.css';
import { KIND_GLYPH } from './gait-labels.ts';
import type { GaitProposals } from './use-gait-proposals.ts';

/** Keys typed into a field, or Enter on a focused button, belong to that element. */
const ownsEnter = (target: EventTarget | null) => {
  const element = target as HTMLElement | null;
  return !!element && (['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON', 'A', 'SUMMARY'].includes(element.tagName) || element.isContentEditable);
};

/**
 * Under the frame while a clip has proposed gait events: how many, stepping from one to the next, accept or
 * reject the one on the frame shown (Enter accepts), all at once, and the rejected ones on request.
 */
export function ProposalBar({
  proposals,
  shownIndex,
  focused,
  goTo,
}: {
  proposals: GaitProposals;
  shownIndex: number;
  focused: boolean;
  goTo(frame: number): void;
}) {
  const { t, i18n } = useTranslation();
  const { shown } = proposals;
  const here = proposalsAt(shown, shownIndex);
  const openHere = here.filter((p) => !p.rejected);
  const open = shown.filter((p) => !p.rejected);
  const previous = adjacentProposal(shown, shownIndex, -1);
  const next = adjacentProposal(shown, shownIndex, 1);
  const percent = (p: GaitProposal) => new Intl.NumberFormat(i18n.language, { style: 'percent' }).format(p.confidence);

  const latest = useRef({ openHere, proposals });
  latest.current = { openHere, proposals };
  useEffect(() => {
    if (!focused) return;
    const down = (event: KeyboardEvent) => {
      if (event.key !== 'Enter' || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      if (ownsEnter(event.target) || document.querySelector('dialog[open]')) return;
      const { openHere: onFrame, proposals: store } = latest.current;
      if (onFrame.length === 0) return;
      event.preventDefault();
      void store.accept(onFrame);
    };
    window.addEventListener('keydown', down);
    return () => window.removeEventListener('keydown', down);
  }, [focused]);

  if (proposals.open === 0 && proposals.rejected === 0) return null;
  return (
    <div className="proposal-bar" role="group" aria-label={t('proposals.bar')} data-testid="proposal-bar">
      <span className="proposal-count" role="status">
        {t('proposals.count', { count: proposals.open })}
      </span>
      <button type="button" disabled={!previous} onClick={() => previous && goTo(previous.frameIndex)} title={t('proposals.previous')} aria-label={t('proposals.previous')}>
        ◀
      </button>
      <button type="button" disabled={!next} onClick={() => next && goTo(next.frameIndex)} title={t('proposals.next')} aria-label={t('proposals.next')}>
        ▶
      </button>
      <span className="proposal-here">
        {here.map((p) => {
          const name = `${t(`gait.kind.${p.kind}`)} ${t(`gait.side.${p.side}`)} · ${percent(p)}`;
          return (
            <span key={`${p.side}-${p.kind}`} className={`proposal-chip ${p.side}${p.rejected ? ' rejected' : ''}`} data-testid="proposal-here" title={name}>
              <span className="proposal-name">
                <span aria-hidden="true">{KIND_GLYPH[p.kind]}</span> {name}
              </span>
              {p.rejected ? (
                <button type="button" onClick={() => void proposals.restore([p])}>
                  {t('proposals.restore')}
                </button>
              ) : (
                <>
                  <button type="button" className="proposal-accept" onClick={() => void proposals.accept([p])} title={t('proposals.acceptHint')} aria-label={t('proposals.accept')}>
                    ✓ <kbd>Enter</kbd>
                  </button>
                  <button type="button" className="proposal-reject" onClick={() => void proposals.reject([p])} title={t('proposals.reject')} aria-label={t('proposals.reject')}>
                    ✕
                  </button>
                </>
              )}
            </span>
          );
        })}
      </span>
      {open.length > 0 && (
        <>
          <button type="button" onClick={() => void proposals.accept(open)} data-testid="proposals-accept-all">
            {t('proposals.acceptAll')}
          </button>
          <button type="button" onClick={() => void proposals.reject(open)} data-testid="proposals-reject-all">
            {t('proposals.rejectAll')}
          </button>
        </>
      )}
      {proposals.rejected > 0 && (
        <label className="proposal-show-rejected">
          <input type="checkbox" checked={proposals.showRejected} onChange={(e) => proposals.setShowRejected(e.target.checked)} />
          {t('proposals.showRejected', { count: proposals.rejected })}
        </label>
      )}
    </div>
  );
}
