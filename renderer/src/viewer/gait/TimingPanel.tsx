import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { gaitProblemText, gaitWarningText } from '../../../../common/gait/gait-text.ts';
import type { Stat } from '../../../../common/gait/stats.ts';
import type { AsymmetryFigure, GaitTiming, PerSide } from '../../../../common/gait/timing.ts';
import '../../styles/gait.css';
import { AsymmetryThreshold } from './AsymmetryThreshold.tsx';

type Figure = 'contactTimeMs' | 'flightTimeMs' | 'stepTimeMs' | 'strideTimeMs' | 'cadenceSpm' | 'dutyFactor' | 'stepLengthCm';
const UNIT: Record<Figure, { unit: 'ms' | 'spm' | 'pct' | 'cm'; scale: number; digits: number }> = {
  contactTimeMs: { unit: 'ms', scale: 1, digits: 1 },
  flightTimeMs: { unit: 'ms', scale: 1, digits: 1 },
  stepTimeMs: { unit: 'ms', scale: 1, digits: 1 },
  strideTimeMs: { unit: 'ms', scale: 1, digits: 1 },
  cadenceSpm: { unit: 'spm', scale: 1, digits: 1 },
  dutyFactor: { unit: 'pct', scale: 100, digits: 1 },
  stepLengthCm: { unit: 'cm', scale: 1, digits: 0 },
};
const SIDES = ['left', 'right', 'all'] as const;

/** The timing of the marked events: per foot and together, with resolution, warnings and marks to check. */
export function TimingPanel({
  timing,
  eventCount,
  treadmillSpeedKmh,
  asymmetryThresholdPct,
  onGoTo,
  children,
}: {
  timing: GaitTiming;
  eventCount: number;
  treadmillSpeedKmh: number | null;
  asymmetryThresholdPct: number;
  onGoTo(frame: number): void;
  /** More sections below the timing (measuring at events). */
  children?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'nl' ? 'nl' : 'en';
  const locale = language === 'nl' ? 'nl-NL' : 'en-GB';
  const number = (value: number, digits: number) => new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
  const figures: Figure[] = ['contactTimeMs', 'flightTimeMs', 'stepTimeMs', 'strideTimeMs', 'cadenceSpm', 'dutyFactor'];
  if (timing.stepLengthCm) figures.push('stepLengthCm');
  const figureOf = (figure: Figure): PerSide<Stat | null> | null => (figure === 'stepLengthCm' ? timing.stepLengthCm : timing[figure]);

  return (
    <>
    <section className="panel-section timing-panel" aria-labelledby="timing-heading" data-testid="timing-panel">
      <h2 id="timing-heading">{t('gait.heading')}</h2>
      <p className="timing-rate" data-testid="timing-rate">
        {t('gait.rate', { fps: number(timing.captureFps, Number.isInteger(timing.captureFps) ? 0 : 1), ms: number(timing.resolutionMs, 1) })}
      </p>
      {eventCount === 0 ? (
        <p className="muted small">{t('gait.empty')}</p>
      ) : (
        <>
          <p className="timing-steps">{t('gait.steps', timing.steps)}</p>
          <table className="timing-table">
            <thead>
              <tr>
                <th scope="col">{t('gait.figure')}</th>
                <th scope="col">{t('gait.left')}</th>
                <th scope="col">{t('gait.right')}</th>
                <th scope="col">{t('gait.all')}</th>
                <th scope="col">{t('gait.asymmetry')}</th>
              </tr>
            </thead>
            <tbody>
              {figures.map((figure) => {
                const values = figureOf(figure);
                const { unit, scale, digits } = UNIT[figure];
                const asymmetry = figure in timing.asymmetryPct ? timing.asymmetryPct[figure as AsymmetryFigure] : undefined;
                const flag = timing.warnings.find((warning) => warning.code === 'asymmetry' && warning.figure === figure);
                const flagged = flag?.code === 'asymmetry';
                const threshold = flag?.code === 'asymmetry' ? number(flag.threshold, 0) : '';
                return (
                  <tr key={figure}>
                    <th scope="row">
                      {t(`gait.figures.${figure}`)} <span className="muted small">{t(`gait.units.${unit}`)}</span>
                    </th>
                    {SIDES.map((side) => {
                      const stat = values?.[side] ?? null;
                      return (
                        <td key={side} data-testid={`timing-${figure}-${side}`} data-mean={stat ? stat.mean * scale : ''} data-n={stat?.n ?? 0}>
                          {stat ? (
                            <>
                              <span className="timing-mean">{number(stat.mean * scale, digits)}</span>
                              <span className="timing-sd">
                                {stat.sd !== null && `± ${number(stat.sd * scale, digits)} · `}
                                {t('gait.n', { n: stat.n })}
                              </span>
                            </>
                          ) : (
                            <span className="muted">–</span>
                          )}
                        </td>
                      );
                    })}
                    <td
                      className={flagged ? 'timing-flag' : undefined}
                      aria-description={flagged ? t('gait.asymmetryFlag', { threshold }) : undefined}
                      data-testid={`timing-${figure}-asymmetry`}
                      title={flagged ? t('gait.asymmetryFlag', { threshold }) : undefined}
                    >
                      {asymmetry == null ? '' : `${number(asymmetry, 1)} %`}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <AsymmetryThreshold value={asymmetryThresholdPct} />
          <p className="muted small">{treadmillSpeedKmh ? t('gait.stepLengthNote', { speed: number(treadmillSpeedKmh, 1) }) : t('gait.noSpeed')}</p>
          {timing.problems.length > 0 && (
            <div className="timing-problems" data-testid="timing-problems">
              <h3>{t('gait.problems')}</h3>
              <ul>
                {timing.problems.map((problem, i) => (
                  <li key={`${problem.code}-${problem.frameIndex}-${i}`}>
                    <button type="button" className="link-button" onClick={() => onGoTo(problem.frameIndex)} title={t('gait.goToProblem', { frame: problem.frameIndex })}>
                      {t('gait.goToFrame', { frame: problem.frameIndex })}
                    </button>{' '}
                    {gaitProblemText(problem, language)}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
      {timing.warnings.length > 0 && (
        <div className="timing-warnings" data-testid="timing-warnings">
          <h3>{t('gait.warnings')}</h3>
          <ul>
            {timing.warnings.map((warning, i) => (
              <li key={`${warning.code}-${i}`}>{gaitWarningText(warning, language)}</li>
            ))}
          </ul>
        </div>
      )}
      <p className="muted small timing-context">{t('gait.context')}</p>
      <details className="timing-definitions">
        <summary className="small">{t('gait.definitionsTitle')}</summary>
        <p className="muted small">{t('gait.definitions')}</p>
      </details>
    </section>
    {children}
    </>
  );
}
