import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Annotation } from '../../../../common/contract/annotation.ts';
import type { AngleConvention } from '../../../../common/contract/app.ts';
import type { GaitEvent } from '../../../../common/contract/project.ts';
import { framesForPreset, presetsAtEvents } from '../../../../common/gait/guided.ts';
import { summarizeMeasurements } from '../../../../common/gait/summary.ts';
import { presetByKey } from '../../../../common/measurements/presets.ts';
import type { GuidedMeasure } from './use-guided-measure.ts';

/** Start a guided measurement at the marked events, and the summary (mean ± SD, n, min–max) per measure. */
export function MeasureAtEvents({
  guide,
  events,
  annotations,
  convention,
  cmPerPx,
}: {
  guide: GuidedMeasure;
  events: readonly GaitEvent[];
  annotations: readonly Annotation[];
  convention: AngleConvention;
  cmPerPx: number | null;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'nl' ? 'nl' : 'en';
  const locale = language === 'nl' ? 'nl-NL' : 'en-GB';
  const number = (value: number) => new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
  const presets = presetsAtEvents();
  const [choice, setChoice] = useState(presets[0]?.key ?? '');
  const chosen = presetByKey(choice);
  const frameCount = chosen ? framesForPreset(chosen, events).length : 0;
  const summary = useMemo(() => Object.entries(summarizeMeasurements(annotations, convention, cmPerPx)), [annotations, convention, cmPerPx]);

  return (
    <section className="panel-section measure-at-events" aria-labelledby="measure-at-events-heading">
      <h2 id="measure-at-events-heading">{t('gait.guide.heading')}</h2>
      <p className="muted small">{t('gait.guide.hint')}</p>
      <div className="guide-start">
        <select aria-label={t('gait.guide.preset')} value={choice} onChange={(event) => setChoice(event.target.value)} data-testid="guide-preset">
          {presets.map((preset) => (
            <option key={preset.key} value={preset.key}>
              {preset.name[language]}
            </option>
          ))}
        </select>
        <button type="button" disabled={frameCount === 0} onClick={() => guide.start(choice)} data-testid="guide-start">
          {t('gait.guide.start', { count: frameCount })}
        </button>
      </div>
      {frameCount === 0 && chosen && <p className="muted small">{t('gait.guide.none', { event: t(`gait.kind.${chosen.phase as GaitEvent['kind']}`) })}</p>}
      {summary.length > 0 && (
        <table className="timing-table measure-summary" data-testid="measure-summary">
          <thead>
            <tr>
              <th scope="col">{t('gait.guide.measure')}</th>
              <th scope="col">{t('gait.meanSd')}</th>
              <th scope="col">n</th>
              <th scope="col">{t('gait.guide.range')}</th>
            </tr>
          </thead>
          <tbody>
            {summary.map(([key, entry]) => {
              const unit = entry.convention === 'length' ? (cmPerPx ? ' cm' : ' px') : '°';
              return (
                <tr key={key} data-testid={`summary-${key}`} data-mean={entry.mean}>
                  <th scope="row">{presetByKey(key)?.name[language] ?? key}</th>
                  <td>
                    {number(entry.mean)}
                    {unit}
                    {entry.sd !== null && <span className="timing-sd">± {number(entry.sd)}</span>}
                  </td>
                  <td>{entry.n}</td>
                  <td>
                    {number(entry.min)}–{number(entry.max)}
                    {unit}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** While guiding: which measure, which event of how many, and the way on. */
export function GuideBar({ guide }: { guide: GuidedMeasure }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'nl' ? 'nl' : 'en';
  const { active } = guide;
  if (!active) return null;
  const frame = active.frames[active.index];
  return (
    <div className="guide-bar" role="status" data-testid="guide-bar">
      <span>
        {t('gait.guide.bar', { name: active.preset.name[language], index: active.index + 1, count: active.frames.length, frame })}
      </span>
      <span className="muted small">{active.preset.placement[language]}</span>
      <span className="spacer" />
      <button type="button" onClick={() => guide.step(-1)} disabled={active.index === 0}>
        {t('gait.guide.previous')}
      </button>
      <button type="button" onClick={() => guide.step(1)}>
        {active.index + 1 < active.frames.length ? t('gait.guide.next') : t('gait.guide.finish')}
      </button>
      <button type="button" onClick={guide.stop}>
        {t('gait.guide.stop')}
      </button>
    </div>
  );
}
