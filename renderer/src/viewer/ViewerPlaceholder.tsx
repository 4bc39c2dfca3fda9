import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../app/errors.tsx';
import { EmptyViewer, type PaneRole } from './ViewerPane.tsx';
import type { ClipMedia, ClipMediaState } from './use-clip-media.ts';

/** What a viewer shows until its clip is open: indexing progress with Cancel, the way back, or why it failed. */
export function ViewerPlaceholder({ media, role }: { media: ClipMedia; role: PaneRole }) {
  const { t } = useTranslation();
  const { state } = media;
  return (
    <EmptyViewer role={role}>
          {state.status === 'opening' && <OpeningProgress state={state} onCancel={media.cancel} />}
          {state.status === 'cancelled' && (
            <div className="opening-panel">
              <p role="status">{t('viewer.openCancelled')}</p>
              <p className="muted small">{t('viewer.openCancelledHint')}</p>
              <div className="opening-actions">
                {/* Cancel, which had the focus, is gone: keyboard users land on the way back. */}
                <button type="button" onClick={media.retry} autoFocus>
                  {t('viewer.openAgain')}
                </button>
              </div>
            </div>
          )}
          {state.status === 'error' && (
            <p className="viewer-error" role="alert">
              <ErrorMessage error={state.error} />
            </p>
          )}
    </EmptyViewer>
  );
}

/** Indexing a long clip takes a while: show how far it is and let the user stop it. */
function OpeningProgress({ state, onCancel }: { state: Extract<ClipMediaState, { status: 'opening' }>; onCancel(): void }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'nl' ? 'nl-NL' : 'en-GB';
  const { fraction, framesIndexed } = state;
  const labelId = useId();
  const percent = fraction === null ? null : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(Math.floor(fraction * 100) / 100);
  const frames = t('viewer.framesIndexed', { count: framesIndexed, frames: new Intl.NumberFormat(locale).format(framesIndexed) });
  return (
    <div className="opening-panel">
      {/* Only the sentence is a live region: the numbers change ten times a second. */}
      <p id={labelId} role="status">
        {t('viewer.opening')}
      </p>
      <progress
        className="opening-progress"
        aria-labelledby={labelId}
        // Without a value the bar is indeterminate (still reading the file's header).
        value={fraction ?? undefined}
        max={1}
        aria-valuetext={percent === null ? frames : `${percent} · ${frames}`}
      />
      <p className="opening-numbers" data-testid="opening-numbers">
        {percent !== null && <span className="opening-percent">{percent}</span>}
        <span>{framesIndexed > 0 ? frames : t('viewer.readingHeader')}</span>
      </p>
      <div className="opening-actions">
        <button type="button" onClick={onCancel}>
          {t('viewer.cancelOpen')}
        </button>
      </div>
    </div>
  );
}
