import { useTranslation } from 'react-i18next';
import '../../styles/gait.css';
import { GAIT_SHORTCUTS } from './gait-keys.ts';
import { BODY_SIDES, GAIT_KINDS, KIND_GLYPH } from './gait-labels.ts';
import type { GaitMarking } from './use-gait-marking.ts';

/**
 * Always in view under the frame: which foot the keys mark (switchable), and a button per event kind that
 * marks it on the frame shown — lit when that foot already has that event here.
 */
export function GaitBar({ gait, shownIndex }: { gait: GaitMarking; shownIndex: number }) {
  const { t } = useTranslation();
  const { activeSide } = gait;
  const onFrame = gait.store.all.filter((event) => event.frameIndex === shownIndex);
  return (
    <div className="gait-bar" role="group" aria-label={t('gait.bar')}>
      <span className="gait-bar-label">{t('gait.foot')}</span>
      <div className="segmented gait-side" role="group" aria-label={t('gait.switchHint')} title={t('gait.switchHint')}>
        {BODY_SIDES.map((side) => (
          <button key={side} type="button" className={`gait-side-button ${side}`} aria-pressed={activeSide === side} onClick={() => gait.setActiveSide(side)} data-testid={`gait-side-${side}`}>
            {t(`gait.sideLong.${side}`)}
          </button>
        ))}
      </div>
      {GAIT_KINDS.map((kind) => {
        const key = GAIT_SHORTCUTS.find((shortcut) => shortcut.id === `mark-${kind}`)?.display ?? '';
        const marked = onFrame.some((event) => event.kind === kind && event.side === activeSide);
        const name = t(`gait.kind.${kind}`);
        return (
          <button
            key={kind}
            type="button"
            className={`gait-mark-button ${activeSide}`}
            aria-pressed={marked}
            title={t('gait.markHint', { kind: name, foot: t(`gait.side.${activeSide}`), key })}
            onClick={() => gait.mark(kind, activeSide)}
            data-testid={`gait-mark-${kind}`}
          >
            <span className="gait-glyph" aria-hidden="true">
              {KIND_GLYPH[kind]}
            </span>
            {name}
            <kbd>{key}</kbd>
          </button>
        );
      })}
      <span className="gait-on-frame">
        {onFrame.map((event) => (
          <span key={event.id} className={`gait-chip ${event.side}`}>
            {KIND_GLYPH[event.kind]} {t(`gait.kind.${event.kind}`)} {t(`gait.side.${event.side}`)}
          </span>
        ))}
      </span>
    </div>
  );
}
