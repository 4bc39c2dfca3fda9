import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FrameTable, MediaInfo, MediaWarning } from '../../../common/contract/media.ts';
import { frameDurationMs } from '../../../common/media-time.ts';
import { readGoTo } from './frame-navigation.ts';
import { MIN_SPEAKABLE_FPS, mediaWarningText } from '../../../common/media-warning-text.ts';

/** Frame number, real time and file time of the frame on screen — always the one painted. */
export function FrameReadout({
  index,
  frameCount,
  captureMs,
  fileSeconds,
  info,
  warnings,
  loading,
  fullResolution,
  zoomPercent,
  frames,
  onGoTo,
}: {
  index: number;
  frameCount: number;
  captureMs: number;
  fileSeconds: number;
  info: MediaInfo;
  warnings: MediaWarning[];
  loading: boolean;
  fullResolution: boolean;
  zoomPercent: number;
  frames: FrameTable;
  onGoTo(index: number): void;
}) {
  const { t, i18n } = useTranslation();
  const [goTo, setGoTo] = useState('');
  /** Said after a jump that could not go where the text asked (e.g. frame 9999 of a 720-frame clip). */
  const [jumpNote, setJumpNote] = useState<string | null>(null);
  const messageId = useId();
  // The note sits over the frame: it goes after a while (it is also read out once, as a status).
  useEffect(() => {
    if (jumpNote === null) return undefined;
    const timer = setTimeout(() => setJumpNote(null), 8000);
    return () => clearTimeout(timer);
  }, [jumpNote]);
  const last = frameCount - 1;
  const reading = readGoTo(goTo, frames, info);
  const invalid = reading.type === 'invalid';
  // What is wrong is said while typing; a target past the end is announced before Enter and after the jump.
  const liveMessage =
    reading.type === 'invalid'
      ? t(reading.problem === 'negative' ? 'viewer.goToNegative' : 'viewer.goToNotUnderstood')
      : reading.type === 'target' && reading.beyondEnd
        ? t(reading.kind === 'frame' ? 'viewer.goToBeyondFrame' : 'viewer.goToBeyondTime', { last })
        : null;
  const message = liveMessage ?? jumpNote;
  const number = (value: number, decimals: number) =>
    new Intl.NumberFormat(i18n.language === 'nl' ? 'nl-NL' : 'en-GB', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    }).format(value);
  const slowMotion = Math.abs(info.captureFps - info.fileFps) > 0.5;

  return (
    <div className="frame-readout">
      <dl className="readout-values">
        <div>
          <dt>{t('workspace.frame')}</dt>
          <dd data-testid="frame-number" aria-live="polite">
            {index}
            <span className="muted"> {index === last ? t('viewer.lastFrame') : t('viewer.frameRange', { last })}</span>
            {loading && <span className="loading-dot" aria-label={t('viewer.loading')} />}
          </dd>
        </div>
        <div>
          <dt>{t('workspace.captureTime')}</dt>
          <dd data-testid="capture-time">{number(captureMs, 1)} ms</dd>
        </div>
        <div>
          <dt>{t('workspace.fileTime')}</dt>
          <dd>{number(fileSeconds, 3)} s</dd>
        </div>
        <div>
          <dt>{t('viewer.rate')}</dt>
          {/* One frame, or frames hours apart: no rate to show ("0 fps", "Infinity ms"), so say so. */}
          {info.captureFps >= MIN_SPEAKABLE_FPS ? (
            <dd title={`${t('viewer.frameStep', { ms: number(frameDurationMs(info), 1) })} · ${t(`viewer.rateSources.${info.captureFpsSource}`)}`}>
              {number(info.captureFps, 0)} fps{slowMotion && <span className="muted"> ({t('viewer.fileRate', { fps: number(info.fileFps, 0) })})</span>}
            </dd>
          ) : (
            <dd>{t('viewer.noRate')}</dd>
          )}
        </div>
        <div>
          <dt>{t('viewer.zoom')}</dt>
          <dd>
            {Math.round(zoomPercent)} %<span className="muted"> {fullResolution ? t('viewer.full') : t('viewer.preview')}</span>
          </dd>
        </div>
      </dl>
      <form
        className="go-to"
        onSubmit={(event) => {
          event.preventDefault();
          if (reading.type !== 'target') return;
          onGoTo(reading.index);
          setJumpNote(reading.beyondEnd ? t(reading.kind === 'frame' ? 'viewer.goToClampedFrame' : 'viewer.goToClampedTime', { asked: goTo.trim(), last }) : null);
          if (reading.beyondEnd) setGoTo(String(reading.index));
          (document.activeElement as HTMLElement | null)?.blur();
        }}
      >
        <input
          data-go-to=""
          aria-label={t('viewer.goTo')}
          aria-invalid={invalid}
          aria-describedby={message ? messageId : undefined}
          placeholder={t('viewer.goToPlaceholder')}
          value={goTo}
          onChange={(event) => {
            setGoTo(event.target.value);
            setJumpNote(null);
          }}
        />
        <button type="submit" disabled={invalid}>
          {t('viewer.go')}
        </button>
        <p id={messageId} className={`go-to-message${invalid ? ' problem' : ''}`} role="status" data-testid="go-to-message">
          {message}
        </p>
      </form>
      {warnings.length > 0 && (
        <ul className="media-warnings" aria-label={t('viewer.warnings')}>
          {warnings.map((warning) => (
            <li key={warning.code}>⚠ {mediaWarningText(warning, i18n.language)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
