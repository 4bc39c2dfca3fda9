import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ASYMMETRY_NORM_KEY } from '../../../../common/gait/timing.ts';
import { useApi } from '../../api/ApiProvider.tsx';
import { useErrorReporter } from '../../app/errors.tsx';

/** The project's asymmetry threshold (norm `gait.asymmetry`: 0 % ± this), saved when the field is left. */
export function AsymmetryThreshold({ value }: { value: number }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { report } = useErrorReporter();
  const id = useId();
  const shown = value.toLocaleString(i18n.language);
  const [draft, setDraft] = useState(shown);
  const [invalid, setInvalid] = useState(false);
  useEffect(() => setDraft(shown), [shown]);

  const save = async () => {
    const next = Number(draft.trim().replace(',', '.'));
    if (draft.trim() === '' || !Number.isFinite(next) || next < 0 || next > 100) return setInvalid(true);
    setInvalid(false);
    if (next === value) return;
    try {
      const project = await api.call('project.current', {});
      if (!project) return;
      await api.call('project.updateSettings', { norms: { ...project.settings.norms, [ASYMMETRY_NORM_KEY]: { target: 0, tolerance: next } } });
    } catch (error) {
      report(error);
    }
  };

  return (
    <p className="asymmetry-threshold small">
      <label htmlFor={id}>{t('gait.threshold')}</label>{' '}
      <input
        id={id}
        inputMode="decimal"
        size={4}
        value={draft}
        aria-invalid={invalid}
        aria-describedby={invalid ? `${id}-error` : undefined}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={() => void save()}
        onKeyDown={(event) => {
          if (event.key === 'Enter') void save();
        }}
        data-testid="asymmetry-threshold"
      />{' '}
      %
      {invalid && (
        <span id={`${id}-error`} className="field-error" role="alert">
          {' '}
          {t('gait.thresholdInvalid')}
        </span>
      )}
    </p>
  );
}
