import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NORM_DEFINITIONS, type NormDefinition } from '../../../common/checklist/measures.ts';
import { normForDisplay, normFromDisplay, normInForce, type ProjectNorms } from '../../../common/checklist/norms.ts';
import type { AngleConvention, UiLanguage } from '../../../common/geometry/conventions.ts';
import type { MeasurementNorm } from '../../../common/measurements/presets.ts';
import { parseDecimal } from '../project/session-logic.ts';
import { CONVENTION_LABELS, conventionLabelKey } from '../../../common/geometry/conventions.ts';
import { formatNorm, formatNumber, unitOf, type UnitTexts } from './format.ts';

const SECTIONS: readonly { title: 'normsAngles' | 'normsDistances' | 'normsTiming'; kinds: readonly NormDefinition['kind'][] }[] = [
  { title: 'normsAngles', kinds: ['angle'] },
  { title: 'normsDistances', kinds: ['distance'] },
  { title: 'normsTiming', kinds: ['ms', 'spm', 'pct'] },
];

/**
 * Every norm of the project in one list: target and tolerance typed in the convention shown at the top (stored
 * as interior angles), the default beside it, and Reset. A norm is saved when its field is left or Enter is
 * pressed, and re-flags the checklist at once.
 */
export function NormsView({
  norms,
  convention,
  readOnly,
  onChange,
}: {
  norms: ProjectNorms;
  convention: AngleConvention;
  readOnly: boolean;
  onChange(key: string, norm: MeasurementNorm | null): void;
}) {
  const { t } = useTranslation();
  return (
    <div className="cl-norms">
      <h3>{t('checklist.normsHeading')}</h3>
      <p className="cl-hint">{t('checklist.normsHint')}</p>
      {SECTIONS.map((section) => (
        <table key={section.title} className="cl-norms-table">
          <caption>{t(`checklist.${section.title}`)}</caption>
          <thead>
            <tr>
              <th scope="col">{t('checklist.measure')}</th>
              <th scope="col">{t('checklist.target')}</th>
              <th scope="col">{t('checklist.tolerance')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('checklist.reset')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {NORM_DEFINITIONS.filter((definition) => section.kinds.includes(definition.kind)).map((definition) => (
              <NormRow key={definition.key} definition={definition} norms={norms} convention={convention} readOnly={readOnly} onChange={onChange} />
            ))}
          </tbody>
        </table>
      ))}
    </div>
  );
}

function NormRow({
  definition,
  norms,
  convention,
  readOnly,
  onChange,
}: {
  definition: NormDefinition;
  norms: ProjectNorms;
  convention: AngleConvention;
  readOnly: boolean;
  onChange(key: string, norm: MeasurementNorm | null): void;
}) {
  const { t, i18n } = useTranslation();
  const language: UiLanguage = i18n.language === 'nl' ? 'nl' : 'en';
  const units = t('checklist.units', { returnObjects: true }) as UnitTexts;
  const id = useId();
  const norm = normInForce(definition.key, norms);
  const shown = norm ? normForDisplay(definition, norm, convention) : null;
  const decimals = definition.kind === 'angle' || definition.kind === 'distance' || definition.kind === 'pct' ? 1 : 0;
  const text = (value: number | undefined) => (value === undefined ? '' : formatNumber(value, language, decimals).replace(/([.,]\d*?)0+$/, '$1').replace(/[.,]$/, ''));
  const [target, setTarget] = useState(text(shown?.target));
  const [tolerance, setTolerance] = useState(text(shown?.tolerance));
  const [problem, setProblem] = useState(false);
  const editing = useRef(false);
  const shownKey = `${shown?.target}:${shown?.tolerance}:${language}`;
  useEffect(() => {
    if (editing.current) return;
    setTarget(text(shown?.target));
    setTolerance(text(shown?.tolerance));
    setProblem(false);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shownKey]);

  const commit = () => {
    editing.current = false;
    const parsedTarget = parseDecimal(target);
    const parsedTolerance = parseDecimal(tolerance);
    if (parsedTarget === null && parsedTolerance === null && !norm) return;
    if (typeof parsedTarget !== 'number' || typeof parsedTolerance !== 'number' || parsedTolerance < 0) {
      setProblem(true);
      return;
    }
    setProblem(false);
    if (shown && Math.abs(parsedTarget - shown.target) < 1e-9 && Math.abs(parsedTolerance - shown.tolerance) < 1e-9) return;
    onChange(definition.key, normFromDisplay(definition, { target: parsedTarget, tolerance: parsedTolerance }, convention));
  };
  const input = (value: string, set: (text: string) => void, label: string, suffix: string) => (
    <input
      id={`${id}-${suffix}`}
      type="text"
      inputMode="decimal"
      value={value}
      readOnly={readOnly}
      aria-label={`${definition.name[language]}: ${label}`}
      aria-invalid={problem}
      onFocus={() => (editing.current = true)}
      onChange={(event) => set(event.target.value)}
      onBlur={commit}
      onKeyDown={(event) => {
        if (event.key === 'Enter') commit();
      }}
    />
  );
  const fallback = definition.defaultNorm;
  const unit = unitOf(definition.kind);
  const unitText =
    unit === '°' && definition.rule
      ? CONVENTION_LABELS[conventionLabelKey(definition.rule, convention)][language].long
      : unit === 'ms'
        ? units.ms
        : unit === 'spm'
          ? units.spm
          : unit;
  return (
    <tr data-norm={definition.key} className={norm?.source === 'project' ? 'cl-norm-changed' : undefined}>
      <th scope="row">
        {definition.name[language]}
        <span className="cl-norm-source">
          {norm?.source === 'project' ? t('checklist.changed') : fallback ? t('checklist.default') : t('checklist.noDefault')} · {unitText}
        </span>
        {problem && <span className="cl-norm-problem"> {t('checklist.invalidNumber')}</span>}
      </th>
      <td>{input(target, setTarget, t('checklist.target'), 'target')}</td>
      <td>{input(tolerance, setTolerance, t('checklist.tolerance'), 'tolerance')}</td>
      <td>
        {norm?.source === 'project' && !readOnly && (
          <button
            type="button"
            className="ghost cl-reset"
            title={fallback ? t('checklist.resetHint', { norm: formatNorm(definition, fallback, convention, language, units) }) : undefined}
            onClick={() => onChange(definition.key, null)}
          >
            {fallback ? t('checklist.reset') : t('checklist.clear')}
          </button>
        )}
      </td>
    </tr>
  );
}
