import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BodySide } from '../../../../common/contract/project.ts';
import type { Track } from '../../../../common/contract/track.ts';
import type { TrackPointsById } from '../../../../common/tracking/track-measure.ts';
import { KNEE_LANDMARKS, kneeTracks } from './use-bound-measurements.ts';
import { useTrackNames } from './use-track-names.ts';

type Three = [string, string, string];

/** The knee preset of a side when the three tracks are that side's hip, knee and ankle, in that order. */
function kneeLabel(tracks: readonly Track[], ids: Three): string | null {
  const landmarks = ids.map((id) => tracks.find((t) => t.id === id)?.landmark ?? null);
  for (const side of ['left', 'right'] as const) {
    if (KNEE_LANDMARKS[side].every((landmark, i) => landmarks[i] === landmark)) return `knee-midstance-${side}`;
  }
  return null;
}

/**
 * Under the track list: make a goniometer whose three points follow tracks — at once for a knee from the pose
 * landmarks (hip, knee, ankle of one side, labelled as the knee angle at midstance of that side), or from any
 * three tracks chosen as first end, vertex and second end.
 */
export function TrackGoniometer({
  tracks,
  points,
  frame,
  onMake,
}: {
  tracks: readonly Track[];
  points: TrackPointsById;
  frame: number;
  onMake(trackIds: Three, label: string | null): Promise<void>;
}) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<[string, string, string]>(['', '', '']);
  const [message, setMessage] = useState<string | null>(null);
  const names = useTrackNames(tracks);
  if (tracks.length < 3) return null;

  const make = async (ids: Three, label: string | null) => {
    if (new Set(ids).size !== 3 || ids.some((id) => id === '')) return setMessage(t('trackMeasure.sameTrack'));
    if (ids.some((id) => !points.get(id)?.get(frame))) return setMessage(t('trackMeasure.noPoint'));
    await onMake(ids, label);
    setMessage(t('trackMeasure.made'));
  };
  const knee = (side: BodySide) => kneeTracks(tracks, side);
  const roles = [t('trackMeasure.firstEnd'), t('trackMeasure.vertex'), t('trackMeasure.secondEnd')];

  return (
    <div className="track-measure track-bar" role="group" aria-label={t('trackMeasure.bar')}>
      <span className="track-bar-label">{t('trackMeasure.bar')}</span>
      {(['left', 'right'] as const).map((side) => {
        const found = knee(side);
        if (!found) return null;
        const ids = found.map((track) => track.id) as Three;
        return (
          <button key={side} type="button" title={t('trackMeasure.kneeHint')} onClick={() => void make(ids, `knee-midstance-${side}`)}>
            {t(side === 'left' ? 'trackMeasure.kneeLeft' : 'trackMeasure.kneeRight')}
          </button>
        );
      })}
      <span className="track-bar-label">{t('trackMeasure.fromTracks')}:</span>
      {roles.map((role, i) => (
        <select
          key={role}
          aria-label={role}
          title={role}
          value={chosen[i]}
          onChange={(event) => {
            const next = [...chosen] as Three;
            next[i] = event.target.value;
            setChosen(next);
          }}
        >
          <option value="">{role}</option>
          {tracks.map((track) => (
            <option key={track.id} value={track.id}>
              {names.get(track.id)}
            </option>
          ))}
        </select>
      ))}
      <button type="button" onClick={() => void make(chosen, kneeLabel(tracks, chosen))}>
        {t('trackMeasure.make')}
      </button>
      {message && (
        <span role="status" className="track-status">
          {message}
        </span>
      )}
    </div>
  );
}
