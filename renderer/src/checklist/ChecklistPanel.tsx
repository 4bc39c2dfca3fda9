import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RUNNING_TECHNIQUE_CHECKLIST } from '../../../common/checklist/checklist.ts';
import type { ChecklistEvaluation, EvaluatedItem } from '../../../common/checklist/evaluate.ts';
import { measureByKey, normDefinition } from '../../../common/checklist/measures.ts';
import type { ProjectNorms } from '../../../common/checklist/norms.ts';
import { SessionNotes, type ChecklistStill, type Clip } from '../../../common/contract/project.ts';
import type { AngleConvention, UiLanguage } from '../../../common/geometry/conventions.ts';
import { useAutosaver, useProject } from '../project/ProjectProvider.tsx';
import { SavedTextField } from '../project/fields.tsx';
import '../styles/checklist.css';
import { formatNorm, formatValue, type UnitTexts } from './format.ts';
import { ItemCard, StatusBadge } from './ItemCard.tsx';
import { NormsView } from './NormsView.tsx';
import { notesKey, useChecklist, type ChecklistData } from './use-checklist.ts';
import { useViewerLink } from './viewer-link.tsx';

const checklist = RUNNING_TECHNIQUE_CHECKLIST;
const VIEWS: readonly string[] = ['overview', ...checklist.groups.map((group) => group.key), 'norms'];
/** The view survives switching side-panel tabs (the panel unmounts) for the rest of the launch. */
let lastView = 'overview';

const isTyping = (target: EventTarget) => {
  const element = target as HTMLElement;
  return element.tagName === 'INPUT' || element.tagName === 'TEXTAREA' || element.tagName === 'SELECT' || element.isContentEditable;
};

/**
 * The Checklist tab: a summary of flagged items with findings and advice, then the e-book's checklist view by
 * view (values against norms, status, note, stills, drills), then the project's norms.
 */
export function ChecklistPanel() {
  const { t } = useTranslation();
  const { activeSession, clips, project } = useProject();
  const link = useViewerLink();
  const data = useChecklist(activeSession?.id ?? null, clips, link.viewer);
  const [view, setViewState] = useState(lastView);
  const [focusItem, setFocusItem] = useState<string | null>(null);
  const viewRef = useRef<HTMLDivElement>(null);

  const setView = (next: string, item: string | null = null) => {
    lastView = next;
    setViewState(next);
    setFocusItem(item);
  };
  useEffect(() => {
    if (!focusItem) return;
    const element = document.getElementById(`cl-item-${focusItem.replace(/\./g, '-')}`);
    element?.scrollIntoView({ block: 'start' });
    element?.focus({ preventScroll: true });
  }, [focusItem, view]);

  if (!activeSession || !project) {
    return (
      <section className="panel-section cl-panel" aria-labelledby="cl-heading">
        <h2 id="cl-heading">{t('checklist.heading')}</h2>
        <p className="muted small">{t('checklist.noSession')}</p>
      </section>
    );
  }
  const evaluation = data.evaluation;
  const step = (delta: number) => {
    const index = VIEWS.indexOf(view);
    const next = VIEWS[(index + delta + VIEWS.length) % VIEWS.length]!;
    setView(next);
    requestAnimationFrame(() => document.getElementById(`cl-view-${next}`)?.focus());
  };
  // Page Up/Down move between views from anywhere in the panel; the viewer's own keys stay with the viewer.
  const onKeyDown = (event: KeyboardEvent) => {
    if (isTyping(event.target)) return;
    if (event.key === 'PageDown' || event.key === 'PageUp') {
      event.preventDefault();
      event.stopPropagation();
      step(event.key === 'PageDown' ? 1 : -1);
    }
  };
  const readOnly = project.readOnly;
  return (
    <section className="panel-section cl-panel" aria-labelledby="cl-heading" onKeyDown={onKeyDown} data-testid="checklist-panel">
      <div className="cl-title">
        <h2 id="cl-heading">{t('checklist.heading')}</h2>
        <span className="cl-version" title={t('checklist.viewKeys')}>
          {t('checklist.version', { version: checklist.version })}
        </span>
      </div>
      <ViewSwitcher view={view} evaluation={evaluation} onView={(next) => setView(next)} />
      {!evaluation ? (
        <p className="muted small">{t('checklist.loading')}</p>
      ) : (
        <div className="cl-view" ref={viewRef} id={`cl-view-${view}`} tabIndex={-1} role="tabpanel" aria-labelledby={`cl-tab-${view}`}>
          {view === 'overview' ? (
            <Overview evaluation={evaluation} data={data} sessionId={activeSession.id} readOnly={readOnly} norms={project.settings.norms} convention={link.convention} onOpen={(item) => setView(item.group, item.key)} />
          ) : view === 'norms' ? (
            <NormsView
              norms={project.settings.norms}
              convention={link.convention}
              readOnly={readOnly}
              onChange={(key, norm) => void data.setNorm(key, norm)}
            />
          ) : (
            <GroupView groupKey={view} evaluation={evaluation} data={data} sessionId={activeSession.id} clips={clips} readOnly={readOnly} norms={project.settings.norms} convention={link.convention} />
          )}
          <NextView view={view} onNext={() => step(1)} />
        </div>
      )}
    </section>
  );
}

function viewTitle(view: string, language: UiLanguage, t: (key: string) => string, form: 'short' | 'title' = 'short'): string {
  if (view === 'overview') return t('checklist.overview');
  if (view === 'norms') return t('checklist.norms');
  const group = checklist.groups.find((g) => g.key === view);
  return group ? group[form][language] : view;
}

function ViewSwitcher({ view, evaluation, onView }: { view: string; evaluation: ChecklistEvaluation | null; onView(view: string): void }) {
  const { t, i18n } = useTranslation();
  const language: UiLanguage = i18n.language === 'nl' ? 'nl' : 'en';
  const flaggedIn = (group: string) => evaluation?.flagged.filter((item) => item.group === group).length ?? 0;
  const onKeyDown = (event: KeyboardEvent) => {
    const delta = event.key === 'ArrowRight' || event.key === 'ArrowDown' ? 1 : event.key === 'ArrowLeft' || event.key === 'ArrowUp' ? -1 : 0;
    if (delta === 0) return;
    event.preventDefault();
    event.stopPropagation();
    const next = VIEWS[(VIEWS.indexOf(view) + delta + VIEWS.length) % VIEWS.length]!;
    onView(next);
    requestAnimationFrame(() => document.getElementById(`cl-tab-${next}`)?.focus());
  };
  return (
    <div className="cl-views" role="tablist" aria-label={t('checklist.views')} onKeyDown={onKeyDown}>
      {VIEWS.map((key) => {
        const flagged = key === 'overview' ? (evaluation?.flagged.length ?? 0) : key === 'norms' ? 0 : flaggedIn(key);
        return (
          <button
            key={key}
            type="button"
            role="tab"
            id={`cl-tab-${key}`}
            aria-selected={view === key}
            aria-controls={`cl-view-${key}`}
            tabIndex={view === key ? 0 : -1}
            title={viewTitle(key, language, t, 'title')}
            onClick={() => onView(key)}
          >
            {viewTitle(key, language, t)}
            {flagged > 0 && <span className="cl-count">{flagged}</span>}
          </button>
        );
      })}
    </div>
  );
}

function NextView({ view, onNext }: { view: string; onNext(): void }) {
  const { t, i18n } = useTranslation();
  const language: UiLanguage = i18n.language === 'nl' ? 'nl' : 'en';
  const index = VIEWS.indexOf(view);
  if (index === VIEWS.length - 1) return null;
  return (
    <p className="cl-next">
      <button type="button" className="cl-small" onClick={onNext} title={t('checklist.viewKeys')}>
        {t('checklist.next', { title: viewTitle(VIEWS[index + 1]!, language, t, 'title') })} →
      </button>
    </p>
  );
}

interface ViewProps {
  evaluation: ChecklistEvaluation;
  data: ChecklistData;
  sessionId: string;
  readOnly: boolean;
  norms: ProjectNorms;
  convention: AngleConvention;
}

/** Plain-language reasons for a flag: the values outside their norm, or that the physio set it. */
function reasons(item: EvaluatedItem, convention: AngleConvention, language: UiLanguage, units: UnitTexts, t: (key: string) => string): string {
  const outside = item.values.filter((value) => value.inside === false);
  if (outside.length === 0) return item.statusSource === 'set' ? t('checklist.setByYou') : '';
  return outside
    .map((value) => {
      const measure = measureByKey(value.presetKey)!;
      const definition = normDefinition(measure.normKey)!;
      const norm = value.norm ? ` (${t('checklist.norm').toLowerCase()} ${formatNorm(definition, value.norm, convention, language, units)})` : '';
      return `${measure.name[language]}: ${formatValue(value.mean, value.unit, measure.rule, convention, language, units)}${norm}`;
    })
    .join('; ');
}

function Overview({ evaluation, data, sessionId, readOnly, convention, onOpen }: ViewProps & { onOpen(item: EvaluatedItem): void }) {
  const { t, i18n } = useTranslation();
  const language: UiLanguage = i18n.language === 'nl' ? 'nl' : 'en';
  const units = t('checklist.units', { returnObjects: true }) as UnitTexts;
  const count = (status: string) => evaluation.items.filter((item) => item.status === status).length;
  const groupShort = (key: string) => checklist.groups.find((g) => g.key === key)?.short[language] ?? key;
  return (
    <div className="cl-overview">
      <p className="cl-counts" data-testid="checklist-counts">
        {t('checklist.counts', { attention: count('needs-attention'), good: count('good'), open: count('not-assessed') })}
      </p>
      <h3>{t('checklist.flaggedHeading')}</h3>
      {evaluation.flagged.length === 0 ? (
        <p className="cl-hint">{t('checklist.noneFlagged')}</p>
      ) : (
        <ul className="cl-flagged" data-testid="checklist-flagged">
          {evaluation.flagged.map((item) => (
            <li key={item.key} data-item={item.key}>
              <div>
                <strong>{item.item.title[language]}</strong> <span className="cl-group-name">· {groupShort(item.group)}</span>
                {item.statusSource === 'set' && <StatusBadge status={item.status} set />}
                <p className="cl-reason">{[reasons(item, convention, language, units, t), item.note].filter(Boolean).join(' — ')}</p>
              </div>
              <button type="button" className="cl-small" onClick={() => onOpen(item)} aria-label={`${t('checklist.openItem')}: ${item.item.title[language]}`}>
                {t('checklist.openItem')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('checklist.notesHeading')}</h3>
      <p className="cl-hint">{t('checklist.notesHint')}</p>
      {data.notes === null ? (
        <p className="cl-hint">{t('checklist.loading')}</p>
      ) : (
        <>
          <SavedTextField
            saveKey={notesKey(sessionId, 'findings')}
            label={t('project.notes.findings')}
            value={data.notes.findings}
            schema={SessionNotes.shape.findings}
            multiline
            rows={4}
            disabled={readOnly}
            save={(findings) => data.saveNotes({ findings })}
          />
          <SavedTextField
            saveKey={notesKey(sessionId, 'advice')}
            label={t('project.notes.advice')}
            value={data.notes.advice}
            schema={SessionNotes.shape.advice}
            multiline
            rows={5}
            disabled={readOnly}
            save={(advice) => data.saveNotes({ advice })}
          />
        </>
      )}
      {evaluation.retired.length > 0 && (
        <>
          <h3>{t('checklist.retiredHeading')}</h3>
          <ul className="cl-retired">
            {evaluation.retired.map((answer) => (
              <li key={answer.itemKey}>
                <code>{answer.itemKey}</code> (v{answer.checklistVersion}){answer.answer ? ` · ${answer.answer}` : ''}
                {answer.note ? ` — ${answer.note}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function GroupView({ groupKey, evaluation, data, sessionId, clips, readOnly, norms, convention }: ViewProps & { groupKey: string; clips: readonly Clip[] }) {
  const { t, i18n } = useTranslation();
  const language: UiLanguage = i18n.language === 'nl' ? 'nl' : 'en';
  const link = useViewerLink();
  const { selectClip } = useProject();
  const autosaver = useAutosaver();
  const group = checklist.groups.find((g) => g.key === groupKey);
  if (!group) return null;
  const current = clips.find((clip) => clip.id === link.viewer?.clipId) ?? null;
  const fitting = clips.find((clip) => clip.view !== null && group.views.includes(clip.view)) ?? null;
  const showStill = (still: ChecklistStill) => {
    if (link.viewer?.clipId === still.clipId) link.viewer.goTo(still.frameIndex);
    else {
      link.placeFrame(still.clipId, still.frameIndex);
      selectClip(still.clipId);
    }
  };
  return (
    <div className="cl-group">
      <h3 className="cl-group-title">{group.title[language]}</h3>
      <p className="cl-hint">{group.hint[language]}</p>
      <p className="cl-hint">
        {t('checklist.viewHint', { views: group.views.map((v) => t(`project.views.${v}`)).join(', ') })}
        {fitting && (!current?.view || !group.views.includes(current.view)) && (
          <>
            {' '}
            <button type="button" className="cl-link" onClick={() => selectClip(fitting.id)}>
              {t('checklist.openClip', { clip: fitting.name })}
            </button>
          </>
        )}
      </p>
      {group.key === 'timing' && (
        <p className="cl-hint" data-testid="timing-source">
          {data.timingClip ? t('checklist.timingFrom', { clip: data.timingClip.name }) : t('checklist.noTiming')}
        </p>
      )}
      {evaluation.items
        .filter((item) => item.group === group.key)
        .map((item) => (
          <ItemCard
            key={item.key}
            sessionId={sessionId}
            evaluated={item}
            norms={norms}
            convention={convention}
            clips={clips}
            viewer={link.viewer}
            readOnly={readOnly}
            advice={data.notes?.advice ?? ''}
            onStatus={(answer) => {
              // A note still being typed is sent first, so the two edits of one item arrive in order.
              void autosaver.flush(`checklist:${sessionId}:${item.key}:note`).then(() => data.setStatus(item.key, answer));
            }}
            saveNote={(note) => data.saveNote(item.key, note)}
            onStills={(stills) => void data.setStills(item.key, stills)}
            onShowStill={showStill}
            onDrill={(line) => void data.appendToAdvice(line)}
          />
        ))}
    </div>
  );
}
