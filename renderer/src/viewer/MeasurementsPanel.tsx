import { memo, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Annotation, AnnotationStyle } from '../../../common/contract/annotation.ts';
import type { AngleConvention } from '../../../common/contract/app.ts';
import { formatMeasurement } from '../../../common/geometry/conventions.ts';
import { measureAnnotation } from '../../../common/measurements/measure.ts';
import { checkAgainstNorm, labelText, normIn, presetByKey, presetsForKind } from '../../../common/measurements/presets.ts';
import { normInForce } from '../../../common/checklist/norms.ts';
import { useProject } from '../project/ProjectProvider.tsx';
import { ANNOTATION_PALETTE } from '../../canvas/index.tsx';
import { toolInfo } from '../../tools/registry.ts';
import type { CreateFollowUp } from '../../tools/types.ts';
import { valueRows } from '../../../common/measurements/value-rows.ts';
import { SavedTextField, type SavedAnswer } from '../project/index.ts';
import { typedFieldKey, type AnnotationPatch, type TypedField } from './use-annotations.ts';

type Language = 'nl' | 'en';

export interface MeasurementsPanelProps {
  annotations: readonly Annotation[];
  currentFrame: number;
  selectedId: string | null;
  convention: AngleConvention;
  language: Language;
  cmPerPx: number | null;
  followUp: { id: string; kind: CreateFollowUp } | null;
  style: AnnotationStyle;
  onStyle(style: AnnotationStyle): void;
  onSelect(id: string): void;
  onUpdate(id: string, patch: AnnotationPatch): void;
  /** Shows a change live without storing it (the next onUpdate of that annotation stores it as one edit). */
  onPreview(id: string, patch: AnnotationPatch): void;
  /** Stores a label or note text as it is typed (through the autosaver); throws when it failed. */
  onSaveTyped(id: string, field: TypedField, value: string | null): Promise<SavedAnswer>;
  onDelete(id: string): void;
  onCopyToFrame(id: string, delta: number): void;
  onFollowUpDone(): void;
}

/** Every drawing of the clip with its value; the selected one with its details and both conventions. */
export function MeasurementsPanel(props: MeasurementsPanelProps) {
  const { t } = useTranslation();
  const { annotations, selectedId, convention, language, cmPerPx } = props;
  const selected = annotations.find((a) => a.id === selectedId) ?? null;
  // Stable across renders, so stepping a frame re-renders only the rows whose "on this frame" flag changed.
  const onSelectRef = useRef(props.onSelect);
  onSelectRef.current = props.onSelect;
  const select = useCallback((id: string) => onSelectRef.current(id), []);

  return (
    <section className="panel-section measurements" aria-labelledby="measurements-heading">
      <h2 id="measurements-heading">{t('measure.heading')}</h2>
      {annotations.length === 0 && <p className="muted small">{t('measure.empty')}</p>}
      <ul className="measurement-list" aria-label={t('measure.heading')}>
        {annotations.map((annotation) => (
          <MeasurementRow
            key={annotation.id}
            annotation={annotation}
            selected={annotation.id === selectedId}
            onFrame={annotation.frameIndex === props.currentFrame}
            convention={convention}
            language={language}
            cmPerPx={cmPerPx}
            onSelect={select}
          />
        ))}
      </ul>
      {selected ? (
        <AnnotationDetails key={selected.id} annotation={selected} {...props} />
      ) : (
        <div className="new-style" role="group" aria-labelledby="new-style-heading">
          <h3 id="new-style-heading" className="style-heading">
            {t('measure.newStyle')}
          </h3>
          <p className="muted small">{t('measure.newStyleHint')}</p>
          <StylePicker style={props.style} onStyle={props.onStyle} language={language} />
        </div>
      )}
    </section>
  );
}

const MeasurementRow = memo(function MeasurementRow({
  annotation,
  selected,
  onFrame,
  convention,
  language,
  cmPerPx,
  onSelect,
}: {
  annotation: Annotation;
  selected: boolean;
  onFrame: boolean;
  convention: AngleConvention;
  language: Language;
  cmPerPx: number | null;
  onSelect(id: string): void;
}) {
  const measured = measureAnnotation(annotation.geometry, annotation.label, cmPerPx);
  const name = labelText(annotation.label, language) ?? toolInfo(annotation.geometry.kind).name[language];
  return (
    <li>
      <button
        type="button"
        className="measurement-row"
        aria-current={selected}
        data-on-frame={onFrame}
        onClick={() => onSelect(annotation.id)}
      >
        <span className="swatch" style={{ background: annotation.style.color }} aria-hidden="true" />
        <span className="measurement-name">{name}</span>
        <span className="measurement-value" data-testid="measurement-value">
          {measured ? formatMeasurement(measured.measurement, convention, language, { withConvention: false }) : ''}
        </span>
        <span className="measurement-frame muted">#{annotation.frameIndex}</span>
      </button>
    </li>
  );
});

function AnnotationDetails({
  annotation,
  convention,
  language,
  cmPerPx,
  followUp,
  onUpdate,
  onPreview,
  onSaveTyped,
  onDelete,
  onCopyToFrame,
  onFollowUpDone,
}: MeasurementsPanelProps & { annotation: Annotation }) {
  const { t } = useTranslation();
  const { project } = useProject();
  const measured = measureAnnotation(annotation.geometry, annotation.label, cmPerPx);
  // A label given before presets were limited to their tool (e.g. a trunk angle on a line) stays selectable.
  const current = presetByKey(annotation.label);
  const offered = presetsForKind(annotation.geometry.kind);
  const presets = current && !offered.includes(current) ? [...offered, current] : offered;
  const isPreset = current !== null;
  const rows = valueRows(annotation.geometry, measured?.measurement ?? null, language);
  // "Own label" chosen but nothing typed yet: the label is still empty, the field must show anyway.
  const [customChosen, setCustomChosen] = useState(false);
  const textRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const labelRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const lengthRef = useRef<HTMLInputElement>(null);
  const geometry = annotation.geometry;

  useEffect(() => {
    if (followUp?.id !== annotation.id) return;
    (followUp.kind === 'edit-text' ? textRef.current : lengthRef.current)?.focus();
    (followUp.kind === 'edit-text' ? textRef.current : lengthRef.current)?.select();
    onFollowUpDone();
  }, [followUp, annotation.id, onFollowUpDone]);

  // The norm in force: the project's own where it set one, else the default (as the checklist judges).
  const norm = measured?.preset ? normInForce(measured.preset.key, project?.settings.norms ?? {}) : null;
  const verdict = measured && norm ? checkAgainstNorm(measured.measurement.interior, norm) : null;

  return (
    <div className="annotation-details" aria-label={t('measure.details')}>
      {(rows.length > 0 || (measured?.preset && norm && verdict)) && (
        <dl className="both-conventions">
          {rows.map((row, i) => (
            <div key={row.kind} data-active={row.convention === null || row.convention === convention}>
              <dt>
                {t(`measure.value.${row.kind}`)}
                {row.convention && <span className="muted"> · {t(`measure.conventionTag.${row.convention}`)}</span>}
              </dt>
              <dd data-testid={i === 0 ? 'value-interior' : 'value-clinical'}>{row.value}</dd>
            </div>
          ))}
          {measured?.preset && norm && verdict && (
            <div className={`norm ${verdict}`}>
              <dt>{t('measure.norm')}</dt>
              <dd>
                {(() => {
                  const range = normIn(measured.preset, norm, convention);
                  return `${Math.round(range.min)}–${Math.round(range.max)}° · ${t(`measure.verdict.${verdict}`)}`;
                })()}
              </dd>
            </div>
          )}
        </dl>
      )}
      {measured?.measurement.unit === 'px' && <p className="muted small">{t('measure.inPixels')}</p>}

      <label className="field">
        <span>{t('measure.label')}</span>
        <select
          value={isPreset ? (annotation.label ?? '') : annotation.label || customChosen ? '__custom' : ''}
          onChange={(event) => {
            const value = event.target.value;
            setCustomChosen(value === '__custom');
            if (value === '__custom') {
              if (isPreset) onUpdate(annotation.id, { label: null });
              requestAnimationFrame(() => labelRef.current?.focus());
            } else onUpdate(annotation.id, { label: value === '' ? null : value });
          }}
        >
          <option value="">{t('measure.noLabel')}</option>
          {presets.map((preset) => (
            <option key={preset.key} value={preset.key}>
              {preset.name[language]}
            </option>
          ))}
          <option value="__custom">{t('measure.customLabel')}</option>
        </select>
      </label>
      {!isPreset && (annotation.label !== null || customChosen) && (
        <SavedTextField
          className="field"
          saveKey={typedFieldKey(annotation.id, 'label')}
          label={t('measure.customLabel')}
          value={annotation.label ?? ''}
          sameText={(typed, stored) => typed.trim() === stored}
          save={(typed) => onSaveTyped(annotation.id, 'label', typed.trim() || null)}
          inputRef={labelRef}
        />
      )}

      {geometry.kind === 'ruler' && (
        <label className="field">
          <span>{t('measure.realLength')}</span>
          <input
            ref={lengthRef}
            type="number"
            min={0.1}
            step={0.1}
            defaultValue={geometry.realLengthCm}
            onBlur={(event) => {
              const value = Number(event.target.value);
              if (value > 0 && value !== geometry.realLengthCm) onUpdate(annotation.id, { geometry: { ...geometry, realLengthCm: value } });
            }}
          />
        </label>
      )}
      {geometry.kind === 'text' && (
        <SavedTextField
          className="field"
          multiline
          saveKey={typedFieldKey(annotation.id, 'text')}
          label={t('measure.noteText')}
          value={geometry.text}
          save={(typed) => onSaveTyped(annotation.id, 'text', typed)}
          inputRef={textRef}
        />
      )}

      <StylePicker
        style={annotation.style}
        onStyle={(style) => onUpdate(annotation.id, { style })}
        onPreview={(style) => onPreview(annotation.id, { style })}
        language={language}
      />

      <div className="detail-actions">
        <button type="button" onClick={() => onCopyToFrame(annotation.id, -1)}>
          {t('measure.copyPrevious')}
        </button>
        <button type="button" onClick={() => onCopyToFrame(annotation.id, 1)}>
          {t('measure.copyNext')}
        </button>
        <button type="button" className="danger" onClick={() => onDelete(annotation.id)}>
          {t('measure.delete')}
        </button>
      </div>
    </div>
  );
}

function StylePicker({
  style,
  onStyle,
  onPreview = onStyle,
  language,
}: {
  style: AnnotationStyle;
  /** A finished choice (stored, one undo step). */
  onStyle(style: AnnotationStyle): void;
  /** While the width slider is dragged: shown, not stored. */
  onPreview?(style: AnnotationStyle): void;
  language: Language;
}) {
  const { t } = useTranslation();
  // The width being dragged; committed once on release (pointer up, key up, focus leaving, or unmount).
  const [draftWidth, setDraftWidth] = useState<number | null>(null);
  const commit = useRef<() => void>(() => {});
  commit.current = () => {
    if (draftWidth === null) return;
    setDraftWidth(null);
    onStyle({ ...style, strokeWidth: draftWidth });
  };
  useEffect(() => () => commit.current(), []);
  return (
    <div className="style-picker">
      <div className="palette" role="radiogroup" aria-label={t('measure.colour')}>
        {ANNOTATION_PALETTE.map((entry) => (
          <button
            key={entry.color}
            type="button"
            role="radio"
            aria-checked={style.color.toLowerCase() === entry.color.toLowerCase()}
            aria-label={entry.name[language]}
            className="palette-swatch"
            style={{ background: entry.color }}
            onClick={() => onStyle({ ...style, color: entry.color })}
          />
        ))}
      </div>
      <label className="field inline">
        <span>{t('measure.stroke')}</span>
        <input
          type="range"
          min={1}
          max={6}
          step={0.5}
          value={draftWidth ?? style.strokeWidth}
          onChange={(event) => {
            const strokeWidth = Number(event.target.value);
            setDraftWidth(strokeWidth);
            onPreview({ ...style, strokeWidth });
          }}
          onPointerUp={() => commit.current()}
          onKeyUp={() => commit.current()}
          onBlur={() => commit.current()}
        />
      </label>
    </div>
  );
}
