import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../app/errors.tsx';
import { landmarkName, NAMEABLE_LANDMARKS } from '../../../../common/tracking/track-names.ts';
import type { ClipTracks } from './use-tracks.ts';
import { useTrackNames } from './use-track-names.ts';
import '../../styles/tracks.css';

/** Under the viewer: the tracking job (progress, Cancel) and the clip's tracks (accept, delete). */
export function TrackPanel({ tracks, armed, onGoTo }: { tracks: ClipTracks; armed: boolean; onGoTo(frame: number): void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'nl' ? 'nl' : 'en';
  const names = useTrackNames(tracks.tracks);
  const followGroup = useId();
  const { job } = tracks;
  const proposed = tracks.tracks.filter((track) => track.status === 'proposed').map((track) => track.id);
  return (
    <section className="track-panel" aria-label={t('tracks.bar')}>
      <div className="track-bar" role="group" aria-label={t('tracks.tool')}>
        <span className="track-bar-label">{t('tracks.bar')}</span>
        <span className="track-follow-by" role="radiogroup" aria-label={t('tracks.followBy')} title={t('tracks.followByHint')}>
          <span aria-hidden="true">{t('tracks.followBy')}:</span>
          {(['pattern', 'sticker'] as const).map((choice) => (
            <label key={choice}>
              <input
                type="radio"
                name={followGroup}
                checked={tracks.followBy === choice}
                disabled={job.status === 'running'}
                onChange={() => tracks.setFollowBy(choice)}
              />
              {t(choice === 'pattern' ? 'tracks.byPattern' : 'tracks.bySticker')}
            </label>
          ))}
        </span>
        {job.status === 'running' ? (
          <>
            <progress className="track-progress" max={Math.max(1, job.total)} value={job.done} aria-label={t('tracks.tool')} />
            <span role="status" className="track-status">
              {job.total === 0
                ? t('tracks.starting')
                : t('tracks.progress', { done: job.done, total: job.total, percent: Math.floor((job.done * 100) / job.total) })}
            </span>
            <button type="button" onClick={tracks.cancel}>
              {t('tracks.cancel')}
            </button>
          </>
        ) : (
          <span role="status" className="track-status">
            {armed && t('tracks.armed')}
            {!armed && job.status === 'done' && t('tracks.done', { count: job.frames })}
            {!armed && job.status === 'cancelled' && t('tracks.cancelled')}
            {!armed && job.status === 'failed' && (
              <span className="track-error">
                <ErrorMessage error={job.error} />
              </span>
            )}
          </span>
        )}
        {proposed.length > 0 && (
          <button type="button" className="track-accept-all" onClick={() => void tracks.accept(proposed)}>
            {t('tracks.acceptAll', { count: proposed.length })}
          </button>
        )}
      </div>
      {tracks.tracks.length === 0 ? (
        <p className="track-none muted">{t('tracks.none')}</p>
      ) : (
        <ul className="track-list" aria-label={t('tracks.bar')}>
          {tracks.tracks.map((track) => (
            <li key={track.id} className={`track-row ${track.status}`} data-testid="track-row">
              <button
                type="button"
                className="track-label link"
                disabled={track.firstFrame === null}
                onClick={() => track.firstFrame !== null && onGoTo(track.firstFrame)}
              >
                {names.get(track.id)}
              </button>
              <span className="track-meta">
                {t(`tracks.source.${track.source}`)} · {t(`tracks.status.${track.status}`)} ·{' '}
                {track.firstFrame === null || track.lastFrame === null
                  ? t('tracks.noFrames')
                  : t('tracks.frames', { first: track.firstFrame, last: track.lastFrame, count: track.pointCount })}
              </span>
              {track.source !== 'pose' && (
                // Which body point the sticker is on: foot points feed the proposed gait events.
                <select
                  className="track-landmark"
                  aria-label={t('tracks.landmarkFor', { name: names.get(track.id) })}
                  title={t('tracks.landmarkHint')}
                  value={track.landmark ?? ''}
                  onChange={(event) => void tracks.setLandmark(track.id, event.target.value || null)}
                >
                  <option value="">{t('tracks.noLandmark')}</option>
                  {track.landmark && !(NAMEABLE_LANDMARKS as readonly string[]).includes(track.landmark) && <option value={track.landmark}>{track.landmark}</option>}
                  {NAMEABLE_LANDMARKS.map((landmark) => (
                    <option key={landmark} value={landmark}>
                      {landmarkName(landmark, language)}
                    </option>
                  ))}
                </select>
              )}
              {track.status === 'proposed' && (
                <button type="button" onClick={() => void tracks.accept([track.id])}>
                  {t('tracks.accept')}
                </button>
              )}
              <button type="button" aria-label={`${t('tracks.delete')} ${names.get(track.id)}`} onClick={() => void tracks.remove(track.id)}>
                {t('tracks.delete')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
