import { useTranslation } from 'react-i18next';
import type { ChecklistItem } from '../../../common/checklist/checklist.ts';
import type { ChecklistValue, EvaluatedItem } from '../../../common/checklist/evaluate.ts';
import { measureByKey, normDefinition, type ChecklistMeasure } from '../../../common/checklist/measures.ts';
import { normInForce, type ProjectNorms } from '../../../common/checklist/norms.ts';
import { ChecklistAnswer, type ChecklistStatus, type ChecklistStill, type Clip } from '../../../common/contract/project.ts';
import type { AngleConvention, UiLanguage } from '../../../common/geometry/conventions.ts';
import { SavedTextField } from '../project/fields.tsx';
import { RUNNING_TECHNIQUE_CHECKLIST } from '../../../common/checklist/checklist.ts';
import type { SavedAnswer } from '../project/autosaver.ts';
import { conventionText, formatNorm, formatSpread, formatValue, type UnitTexts } from './format.ts';
import type { ViewerState } from './viewer-link.tsx';

const STATUSES: readonly ChecklistStatus[] = ['good', 'needs-attention', 'not-assessed'];
const MIN_STEPS = 7;

export interface ItemCardProps {
  sessionId: string;
  evaluated: EvaluatedItem;
  norms: ProjectNorms;
  convention: AngleConvention;
  clips: readonly Clip[];
  viewer: ViewerState | null;
  readOnly: boolean;
  advice: string;
  onStatus(answer: ChecklistStatus | ''): void;
  saveNote(note: string): Promise<SavedAnswer>;
  onStills(stills: ChecklistStill[]): void;
  onShowStill(still: ChecklistStill): void;
  onDrill(line: string): void;
}

/** One checklist item: what to look for, the values against their norms, status, note, stills and drills. */
export function ItemCard(props: ItemCardProps) {
  const { t, i18n } = useTranslation();
  const language: UiLanguage = i18n.language === 'nl' ? 'nl' : 'en';
  const { evaluated, sessionId, readOnly } = props;
  const item = evaluated.item;
  const id = `cl-item-${item.key.replace(/\./g, '-')}`;
  return (
    <section className="cl-item" id={id} tabIndex={-1} aria-labelledby={`${id}-title`} data-status={evaluated.status} data-item={item.key}>
      <header className="cl-item-head">
        <h3 id={`${id}-title`}>{item.title[language]}</h3>
        <StatusBadge status={evaluated.status} set={evaluated.statusSource === 'set'} />
      </header>
      <p className="cl-look">{item.look[language]}</p>
      {item.measures.length > 0 && <ValuesTable item={item} evaluated={evaluated} norms={props.norms} convention={props.convention} />}
      <fieldset className="cl-status" disabled={readOnly}>
        <legend>{t('checklist.statusLabel')}</legend>
        <div className="cl-status-options">
          {STATUSES.map((status) => (
            <label key={status} className={`cl-status-option cl-${status}`}>
              <input
                type="radio"
                name={`${id}-status`}
                value={status}
                checked={evaluated.status === status}
                onChange={() => props.onStatus(status)}
              />
              <span>{t(`checklist.status.${status}`)}</span>
              {evaluated.proposed === status && <span className="cl-proposed">({t('checklist.proposed')})</span>}
            </label>
          ))}
        </div>
        <p className="cl-status-source">
          {evaluated.statusSource === 'set'
            ? t('checklist.overridden', { status: t(`checklist.status.${evaluated.proposed}`) })
            : t('checklist.proposedFrom', { status: t(`checklist.status.${evaluated.proposed}`) })}
          {evaluated.statusSource === 'set' && (
            <button type="button" className="cl-link" onClick={() => props.onStatus('')}>
              {t('checklist.useProposal')}
            </button>
          )}
        </p>
      </fieldset>
      <SavedTextField
        saveKey={`checklist:${sessionId}:${item.key}:note`}
        label={t('checklist.note')}
        value={evaluated.note}
        schema={ChecklistAnswer.shape.note}
        multiline
        rows={2}
        disabled={readOnly}
        save={props.saveNote}
      />
      <Stills {...props} />
      <Drills item={item} open={evaluated.status === 'needs-attention'} advice={props.advice} readOnly={readOnly} onDrill={props.onDrill} />
    </section>
  );
}

export function StatusBadge({ status, set }: { status: ChecklistStatus; set: boolean }) {
  const { t } = useTranslation();
  return (
    <span className={`cl-badge cl-${status}`} data-testid="status-badge" title={set ? t('checklist.setByYou') : t('checklist.proposed')}>
      {t(`checklist.status.${status}`)}
      {set ? ' ✎' : ''}
    </span>
  );
}

interface Row {
  base: string;
  label: string;
  left?: ChecklistMeasure;
  right?: ChecklistMeasure;
  single?: ChecklistMeasure;
}

/** The measure's name without its side ("Knee angle at midstance"). */
function baseName(measure: ChecklistMeasure, language: UiLanguage): string {
  return measure.name[language].split(' — ')[0]!;
}

function rowsOf(item: ChecklistItem, language: UiLanguage): Row[] {
  const rows: Row[] = [];
  for (const key of item.measures) {
    const measure = measureByKey(key);
    if (!measure) continue;
    const base = measure.side ? key.replace(/-(left|right)$/, '') : key;
    let row = rows.find((r) => r.base === base);
    if (!row) {
      row = { base, label: baseName(measure, language) };
      rows.push(row);
    }
    if (measure.side === 'left') row.left = measure;
    else if (measure.side === 'right') row.right = measure;
    else row.single = measure;
  }
  return rows;
}

function ValuesTable({ item, evaluated, norms, convention }: { item: ChecklistItem; evaluated: EvaluatedItem; norms: ProjectNorms; convention: AngleConvention }) {
  const { t, i18n } = useTranslation();
  const language: UiLanguage = i18n.language === 'nl' ? 'nl' : 'en';
  const units = t('checklist.units', { returnObjects: true }) as UnitTexts;
  const rows = rowsOf(item, language);
  const sided = rows.some((row) => row.left || row.right);
  const valueOf = (measure: ChecklistMeasure | undefined) => (measure ? evaluated.values.find((v) => v.presetKey === measure.key) : undefined);
  const normText = (measure: ChecklistMeasure | undefined) => {
    if (!measure) return '';
    const norm = normInForce(measure.normKey, norms);
    const definition = normDefinition(measure.normKey);
    return norm && definition ? formatNorm(definition, norm, convention, language, units) : t('checklist.noNorm');
  };
  const cell = (measure: ChecklistMeasure | undefined, colSpan = 1) => {
    if (!measure) return <td colSpan={colSpan} />;
    const value = valueOf(measure);
    if (!value) return <td className="cl-missing" colSpan={colSpan}>{t('checklist.notMeasured')}</td>;
    return <ValueCell value={value} measure={measure} convention={convention} units={units} colSpan={colSpan} />;
  };
  const anyMeasured = evaluated.values.length > 0;
  const angleRule = rows.map((row) => row.left ?? row.right ?? row.single).find((m) => m?.rule)?.rule ?? null;
  const presetNames = item.measures.flatMap((key) => {
    const preset = measureByKey(key)?.preset;
    return preset ? [`“${preset.name[language]}”`] : [];
  });
  return (
    <div className="cl-values">
      <table>
        <caption>
          {t('checklist.values')}
          {angleRule && <span className="cl-convention"> · {conventionText(angleRule, convention, language)}</span>}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('checklist.measure')}</th>
            {sided ? (
              <>
                <th scope="col">{t('checklist.left')}</th>
                <th scope="col">{t('checklist.right')}</th>
              </>
            ) : (
              <th scope="col">{t('checklist.value')}</th>
            )}
            <th scope="col">{t('checklist.norm')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const leftNorm = normText(row.left);
            const rightNorm = normText(row.right);
            const norm =
              row.single ? (
                normText(row.single)
              ) : leftNorm === rightNorm || !rightNorm || !leftNorm ? (
                leftNorm || rightNorm
              ) : (
                <>
                  <span className="cl-norm-side">L {leftNorm}</span>
                  <span className="cl-norm-side">R {rightNorm}</span>
                </>
              );
            return (
              <tr key={row.base}>
                <th scope="row">{row.label}</th>
                {sided && !row.single ? (
                  <>
                    {cell(row.left)}
                    {cell(row.right)}
                  </>
                ) : (
                  cell(row.single, sided ? 2 : 1)
                )}
                <td className="cl-norm">{norm}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {!anyMeasured && presetNames.length > 0 && <p className="cl-hint">{t('checklist.howToMeasure', { names: presetNames.join(', ') })}</p>}
    </div>
  );
}

function ValueCell({
  value,
  measure,
  convention,
  units,
  colSpan,
}: {
  value: ChecklistValue;
  measure: ChecklistMeasure;
  convention: AngleConvention;
  units: UnitTexts;
  colSpan: number;
}) {
  const { t, i18n } = useTranslation();
  const language: UiLanguage = i18n.language === 'nl' ? 'nl' : 'en';
  const verdict = value.inside === null ? (value.unit === 'px' && value.norm ? t('checklist.pixelsOnly') : t('checklist.noNorm')) : value.inside ? t('checklist.inside') : t('checklist.outside');
  const few = value.n < MIN_STEPS && measure.kind !== 'pct';
  const className = value.inside === null ? 'cl-value' : value.inside ? 'cl-value cl-in' : 'cl-value cl-out';
  return (
    <td className={className} colSpan={colSpan} title={[verdict, few ? t('checklist.fewSteps') : ''].filter(Boolean).join(' · ')} data-testid={`value-${value.presetKey}`}>
      <span className="cl-mean">{formatValue(value.mean, value.unit, measure.rule, convention, language, units)}</span>
      {value.inside === false && <span className="cl-flag" aria-label={t('checklist.outside')}> ▲</span>}
      <span className="cl-sd">
        {' '}
        {formatSpread(value.sd, value.unit, language)} {t('gait.n', { n: value.n })}
      </span>
    </td>
  );
}

function Stills({ evaluated, clips, viewer, readOnly, onStills, onShowStill }: ItemCardProps) {
  const { t } = useTranslation();
  const stills = evaluated.stills;
  const current = viewer && clips.some((clip) => clip.id === viewer.clipId) ? { clipId: viewer.clipId, frameIndex: viewer.frameIndex } : null;
  const linked = current ? stills.some((s) => s.clipId === current.clipId && s.frameIndex === current.frameIndex) : false;
  return (
    <div className="cl-stills">
      <span className="cl-subhead">{t('checklist.stills')}</span>
      {stills.length === 0 ? (
        <span className="cl-hint"> {t('checklist.noStills')}</span>
      ) : (
        <ul>
          {stills.map((still) => {
            const clip = clips.find((c) => c.id === still.clipId);
            const label = t('checklist.stillLabel', { clip: clip?.name ?? t('checklist.otherClip'), frame: still.frameIndex });
            return (
              <li key={`${still.clipId}:${still.frameIndex}`}>
                <button type="button" className="cl-link" title={t('checklist.goToStill')} onClick={() => onShowStill(still)} disabled={!clip}>
                  {label}
                </button>
                {!readOnly && (
                  <button
                    type="button"
                    className="ghost cl-remove"
                    aria-label={`${t('checklist.removeStill')}: ${label}`}
                    title={t('checklist.removeStill')}
                    onClick={() => onStills(stills.filter((s) => s !== still))}
                  >
                    ×
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {!readOnly && (
        <button
          type="button"
          className="cl-small cl-use-frame"
          disabled={!current || linked}
          title={current ? undefined : t('checklist.noFrame')}
          onClick={() => current && onStills([...stills, current])}
        >
          {t('checklist.useCurrentFrame')}
          {current ? ` (${current.frameIndex})` : ''}
        </button>
      )}
    </div>
  );
}

/** The advice line a drill adds, in the UI language. */
export function drillLine(key: string, language: UiLanguage): string | null {
  const drill = RUNNING_TECHNIQUE_CHECKLIST.drill(key);
  return drill ? `• ${drill.title[language]}: ${drill.text[language]}` : null;
}

function Drills({ item, open, advice, readOnly, onDrill }: { item: ChecklistItem; open: boolean; advice: string; readOnly: boolean; onDrill(line: string): void }) {
  const { t, i18n } = useTranslation();
  const language: UiLanguage = i18n.language === 'nl' ? 'nl' : 'en';
  return (
    <details className="cl-drills" open={open}>
      <summary>
        {t('checklist.drills')} ({item.drills.length})
      </summary>
      <ul>
        {item.drills.map((key) => {
          const drill = RUNNING_TECHNIQUE_CHECKLIST.drill(key);
          const line = drillLine(key, language);
          if (!drill || !line) return null;
          const added = advice.includes(line);
          return (
            <li key={key} data-drill={key}>
              <div className="cl-drill-text">
                <strong>{drill.title[language]}</strong> <span className="cl-kind">{t(`checklist.kinds.${drill.kind}`)}</span>
                <p>{drill.text[language]}</p>
              </div>
              {!readOnly && (
                <button type="button" className="cl-small" disabled={added} onClick={() => onDrill(line)}>
                  {added ? `✓ ${t('checklist.inAdvice')}` : t('checklist.addToAdvice')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </details>
  );
}
