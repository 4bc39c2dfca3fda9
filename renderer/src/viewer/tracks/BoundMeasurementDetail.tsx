import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Annotation } from '../../../../common/contract/annotation.ts';
import type { AngleConvention } from '../../../../common/contract/app.ts';
import type { GaitEvent } from '../../../../common/contract/project.ts';
import type { Track } from '../../../../common/contract/track.ts';
import { useTrackNames } from './use-track-names.ts';
import { convertValue, formatMeasurement, type Measurement, type UiLanguage } from '../../../../common/geometry/conventions.ts';
import { measureAnnotation } from '../../../../common/measurements/measure.ts';
import {
  isBound,
  measurementSeries,
  missingTracks,
  perStepExtremes,
  valuesAtEvents,
  type TrackPointsById,
} from '../../../../common/tracking/track-measure.ts';

/**
 * Beside the measurement details, for a measurement bound to tracks: which tracks it follows (and which are
 * missing), its value on this frame, its values at the marked events (mean ± SD, n — what the checklist counts)
 * and the range per stride.
 */
export function BoundMeasurementDetail({
  annotation,
  shown,
  tracks,
  points,
  events,
  convention,
  language,
  cmPerPx,
  onUnbind,
}: {
  annotation: Annotation;
  /** The annotation as drawn on this frame; null when it cannot be measured here. */
  shown: Annotation | null;
  tracks: readonly Track[];
  points: TrackPointsById;
  events: readonly GaitEvent[];
  convention: AngleConvention;
  language: UiLanguage;
  cmPerPx: number | null;
  onUnbind(): void;
}) {
  const { t } = useTranslation();
  const names = useTrackNames(tracks);
  const missing = missingTracks(annotation, points);
  const atEvents = useMemo(() => valuesAtEvents(annotation, points, events, { cmPerPx }), [annotation, points, events, cmPerPx]);
  const strides = useMemo(() => {
    const series = measurementSeries(annotation, points, { cmPerPx });
    const sides = series.preset?.side ? [series.preset.side] : (['left', 'right'] as const);
    return sides.flatMap((side) => perStepExtremes(series, events, side)).filter((s) => s.min && s.max);
  }, [annotation, points, events, cmPerPx]);
  if (!isBound(annotation)) return null;

  const here = shown ? measureAnnotation(shown.geometry, shown.label, cmPerPx)?.measurement : null;
  const own = measureAnnotation(annotation.geometry, annotation.label, cmPerPx)?.measurement ?? null;
  const format = (interior: number) => {
    if (!own) return String(interior);
    const m: Measurement = { ...own, interior, clinical: own.unit === '°' ? convertValue(own.rule, interior, 'interior', 'clinical') : interior };
    return formatMeasurement(m, convention, language);
  };
  const name = (id: string | null) => {
    if (id === null) return t('trackMeasure.fixedPoint');
    const track = tracks.find((candidate) => candidate.id === id);
    return track ? (names.get(track.id) ?? id) : t('trackMeasure.missing');
  };
  // A spread does not depend on the convention (flexion = 180° − interior angle): plain number and unit.
  const sdText = (sd: number) =>
    `${new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(sd)}${own?.unit === '°' ? '°' : ` ${own?.unit ?? ''}`}`;
  // Lowest and highest in the convention shown (the smallest interior angle is the largest flexion).
  const shownValue = (interior: number) =>
    own?.unit === '°' && convention === 'clinical' ? convertValue(own.rule, interior, 'interior', 'clinical') : interior;
  const extremes = strides.flatMap((s) => [s.min!.value, s.max!.value]);
  const minOf = extremes.length > 0 ? extremes.reduce((a, b) => (shownValue(a) <= shownValue(b) ? a : b)) : null;
  const maxOf = extremes.length > 0 ? extremes.reduce((a, b) => (shownValue(a) >= shownValue(b) ? a : b)) : null;

  return (
    <section className="bound-measurement" data-testid="bound-measurement" aria-label={t('trackMeasure.follows')}>
      <p>
        <strong>{t('trackMeasure.follows')}:</strong> {(annotation.trackBindings ?? []).map(name).join(' – ')}
      </p>
      {missing.length > 0 && (
        <p className="bound-missing" role="note">
          {t('trackMeasure.missingHint')}
        </p>
      )}
      <p>
        <strong>{t('trackMeasure.onThisFrame')}:</strong>{' '}
        <span data-testid="bound-value-here">{here ? formatMeasurement(here, convention, language) : t('trackMeasure.notMeasurable')}</span>
      </p>
      <p>
        <strong>{t('trackMeasure.atEvents')}:</strong>{' '}
        <span data-testid="bound-at-events">
          {atEvents === null
            ? t('trackMeasure.noPreset')
            : atEvents.stat === null
              ? t('trackMeasure.noEvents', { frame: annotation.frameIndex })
              : t('trackMeasure.atEventsValue', {
                  value: `${format(atEvents.stat.mean)}${atEvents.stat.sd === null ? '' : ` ± ${sdText(atEvents.stat.sd)}`}`,
                  n: atEvents.stat.n,
                })}
        </span>
      </p>
      {minOf !== null && maxOf !== null && (
        <p>
          <strong>{t('trackMeasure.strides')}:</strong>{' '}
          {t('trackMeasure.strideRange', { min: format(minOf), max: format(maxOf), count: strides.length })}
        </p>
      )}
      <p className="muted">{t('trackMeasure.correctHint')}</p>
      <button type="button" onClick={onUnbind}>
        {t('trackMeasure.unbind')}
      </button>
    </section>
  );
}
