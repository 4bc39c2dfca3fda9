import { useEffect, useId, useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import {
  CameraSetup,
  Client,
  ClipView,
  SessionHistory,
  SessionNotes,
  SessionProtocol,
  Session,
  type SessionNotes as SessionNotesRecord,
} from '../../../common/contract/project.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { useErrorReporter } from '../app/errors.tsx';
import { SavedDateField, SavedNumberField, SavedTextField } from './fields.tsx';
import { ProjectNotice } from './ProjectNotice.tsx';
import { useAutosaver, useFieldSaveState, useProject } from './ProjectProvider.tsx';
import { checkNumber, hasCameraSetup, maxLengthOf, previousSession, sameCameraSetup } from './session-logic.ts';
import { ConfirmDialog, formatSessionDate, Section } from './ui.tsx';

/**
 * The side panel's project part: who is being assessed (client), which session, and everything written
 * down for it. Every field saves itself.
 */
export function SessionPanel() {
  const { t } = useTranslation();
  const { project, activeClient, activeSession } = useProject();
  if (!project) return null;
  return (
    <div className="pj-panel" aria-label={t('project.panel.label')} role="region">
      <ProjectNotice />
      <ClientPicker />
      {activeClient && <ClientDetails key={activeClient.id} />}
      {activeClient && <SessionList />}
      {activeSession && <SessionForm key={activeSession.id} session={activeSession} />}
    </div>
  );
}

function ClientPicker() {
  const { t } = useTranslation();
  const { project, clients, activeClientId, selectClient } = useProject();
  const [adding, setAdding] = useState(false);
  const selectId = useId();
  const readOnly = project?.readOnly ?? false;
  const showForm = adding || (clients.length === 0 && !readOnly);
  return (
    <div className="pj-client-picker">
      {clients.length > 0 && (
        <div className="pj-field">
          <label htmlFor={selectId}>{t('project.client.label')}</label>
          <div className="pj-row">
            <select
              id={selectId}
              value={activeClientId ?? ''}
              onChange={(event) => selectClient(event.target.value || null)}
            >
              {activeClientId === null && <option value="">{t('project.client.choose')}</option>}
              {clients.map((client) => (
                <option key={client.id} value={client.id}>
                  {client.externalId ? `${client.name} (${client.externalId})` : client.name}
                </option>
              ))}
            </select>
            {!adding && (
              <button type="button" disabled={readOnly} onClick={() => setAdding(true)}>
                {t('project.client.new')}
              </button>
            )}
          </div>
        </div>
      )}
      {clients.length === 0 && <p className="pj-empty">{readOnly ? t('project.client.noneReadOnly') : t('project.client.none')}</p>}
      {showForm && <NewClientForm onDone={() => setAdding(false)} cancellable={clients.length > 0} />}
    </div>
  );
}

function NewClientForm({ onDone, cancellable }: { onDone: () => void; cancellable: boolean }) {
  const { t } = useTranslation();
  const { edits } = useProject();
  const ids = { name: useId(), birthYear: useId(), externalId: useId(), notes: useId() };
  const [name, setName] = useState('');
  const [birthYear, setBirthYear] = useState('');
  const [externalId, setExternalId] = useState('');
  const [notes, setNotes] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Typed here is not stored until "Add client": the header must not say everything is saved meanwhile.
  const autosaver = useAutosaver();
  const typed = [name, birthYear, externalId, notes].some((text) => text.trim() !== '');
  useEffect(() => autosaver.holdUnsubmitted('new-client', typed), [autosaver, typed]);
  useEffect(() => () => autosaver.holdUnsubmitted('new-client', false), [autosaver]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '') return setProblem(t('project.client.nameRequired'));
    const year = checkNumber(birthYear, Client.shape.birthYear);
    if (!year.ok) return setProblem(t('project.client.birthYearInvalid'));
    setProblem(null);
    setBusy(true);
    // Typed text stays in the form when adding fails, so it can be tried again.
    const created = await edits.createClient({
      name: name.trim(),
      birthYear: year.value,
      externalId: externalId.trim() || null,
      notes,
    });
    setBusy(false);
    if (created) onDone();
  };

  return (
    <form className="pj-new-client" aria-label={t('project.client.newTitle')} onSubmit={(event) => void submit(event)}>
      <h3 className="pj-form-title">{t('project.client.newTitle')}</h3>
      <div className="pj-field">
        <label htmlFor={ids.name}>{t('project.client.name')}</label>
        <input
          id={ids.name}
          value={name}
          required
          autoFocus={cancellable}
          maxLength={maxLengthOf(Client.shape.name)}
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      <div className="pj-row pj-two">
        <div className="pj-field">
          <label htmlFor={ids.birthYear}>{t('project.client.birthYear')}</label>
          <input id={ids.birthYear} inputMode="numeric" value={birthYear} onChange={(event) => setBirthYear(event.target.value)} />
        </div>
        <div className="pj-field">
          <label htmlFor={ids.externalId}>{t('project.client.externalId')}</label>
          <input
            id={ids.externalId}
            value={externalId}
            maxLength={100}
            onChange={(event) => setExternalId(event.target.value)}
          />
        </div>
      </div>
      <div className="pj-field">
        <label htmlFor={ids.notes}>{t('project.client.notes')}</label>
        <textarea id={ids.notes} rows={2} value={notes} onChange={(event) => setNotes(event.target.value)} />
      </div>
      {problem && (
        <p className="pj-field-problem" role="alert">
          {problem}
        </p>
      )}
      <div className="pj-actions">
        {cancellable && (
          <button type="button" onClick={onDone}>
            {t('project.common.cancel')}
          </button>
        )}
        <button type="submit" className="pj-primary" disabled={busy}>
          {t('project.client.add')}
        </button>
      </div>
    </form>
  );
}

function ClientDetails() {
  const { t } = useTranslation();
  const { project, activeClient, sessions, edits } = useProject();
  const [confirmDelete, setConfirmDelete] = useState(false);
  if (!activeClient) return null;
  const client = activeClient;
  const readOnly = project?.readOnly ?? false;
  const key = (field: string) => `client:${client.id}:${field}`;
  const summary = [client.birthYear, client.externalId].filter((part) => part !== null && part !== '').join(' · ');
  return (
    <Section id="client" title={t('project.sections.client')} summary={summary || undefined} defaultOpen={false}>
      <SavedTextField
        saveKey={key('name')}
        label={t('project.client.name')}
        value={client.name}
        schema={Client.shape.name}
        requiredMessage={t('project.client.nameRequired')}
        disabled={readOnly}
        save={(name) => edits.updateClient(client.id, { name: name.trim() })}
      />
      <div className="pj-row pj-two">
        <SavedNumberField
          saveKey={key('birthYear')}
          label={t('project.client.birthYear')}
          value={client.birthYear}
          schema={Client.shape.birthYear}
          disabled={readOnly}
          save={(birthYear) => edits.updateClient(client.id, { birthYear })}
        />
        <SavedTextField
          saveKey={key('externalId')}
          label={t('project.client.externalId')}
          value={client.externalId ?? ''}
          schema={Client.shape.externalId}
          disabled={readOnly}
          save={(externalId) => edits.updateClient(client.id, { externalId: externalId.trim() || null })}
        />
      </div>
      <SavedTextField
        saveKey={key('notes')}
        label={t('project.client.notes')}
        value={client.notes}
        schema={Client.shape.notes}
        multiline
        disabled={readOnly}
        save={(notes) => edits.updateClient(client.id, { notes })}
      />
      {sessions.length === 0 && !readOnly && (
        <div className="pj-actions">
          <button type="button" className="pj-subtle-danger" onClick={() => setConfirmDelete(true)}>
            {t('project.client.delete')}
          </button>
        </div>
      )}
      {confirmDelete && (
        <ConfirmDialog
          title={t('project.client.deleteTitle', { name: client.name })}
          confirmLabel={t('project.client.deleteConfirm')}
          danger
          onCancel={() => setConfirmDelete(false)}
          onConfirm={() => void edits.deleteClient(client.id).finally(() => setConfirmDelete(false))}
        >
          <p>{t('project.client.deleteText')}</p>
        </ConfirmDialog>
      )}
    </Section>
  );
}

function SessionList() {
  const { t, i18n } = useTranslation();
  const { project, activeClient, sessions, activeSessionId, selectSession, edits } = useProject();
  const [busy, setBusy] = useState(false);
  if (!activeClient) return null;
  const readOnly = project?.readOnly ?? false;
  const create = async () => {
    setBusy(true);
    await edits.createSession(activeClient.id);
    setBusy(false);
  };
  return (
    <Section
      id="sessions"
      title={t('project.sections.sessions')}
      summary={sessions.length > 0 ? String(sessions.length) : undefined}
    >
      {sessions.length === 0 && <p className="pj-empty">{t('project.session.none')}</p>}
      {sessions.length > 0 && (
        <ul className="pj-session-list" aria-label={t('project.session.listLabel', { name: activeClient.name })}>
          {sessions.map((session) => {
            const date = formatSessionDate(session.date, i18n.language);
            return (
              <li key={session.id}>
                <button
                  type="button"
                  aria-pressed={session.id === activeSessionId}
                  aria-label={t('project.session.select', { date })}
                  onClick={() => selectSession(session.id)}
                >
                  <span className="pj-session-date">{date}</span>
                  {session.assessor && <span className="pj-session-assessor">{session.assessor}</span>}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {!readOnly && (
        <div className="pj-actions pj-actions-start">
          <button type="button" disabled={busy} onClick={() => void create()}>
            {t('project.session.new')}
          </button>
        </div>
      )}
    </Section>
  );
}

function SessionForm({ session }: { session: Session }) {
  const { t, i18n } = useTranslation();
  const { project, sessions, edits } = useProject();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const readOnly = project?.readOnly ?? false;
  const key = (field: string) => `session:${session.id}:${field}`;
  const update = (patch: Parameters<typeof edits.updateSession>[1]) => edits.updateSession(session.id, patch);
  const date = formatSessionDate(session.date, i18n.language);

  return (
    <>
      <Section id="session" title={t('project.sections.session')} summary={date}>
        <div className="pj-row pj-two">
          <SavedDateField
            saveKey={key('date')}
            label={t('project.session.date')}
            value={session.date}
            disabled={readOnly}
            save={(value) => update({ date: value })}
          />
          <SavedTextField
            saveKey={key('assessor')}
            label={t('project.session.assessor')}
            value={session.assessor}
            schema={Session.shape.assessor}
            disabled={readOnly}
            save={(assessor) => update({ assessor })}
          />
        </div>
        {!readOnly && (
          <div className="pj-actions">
            <button type="button" className="pj-subtle-danger" onClick={() => setConfirmDelete(true)}>
              {t('project.session.delete')}
            </button>
          </div>
        )}
        {confirmDelete && (
          <ConfirmDialog
            title={t('project.session.deleteTitle', { date })}
            confirmLabel={t('project.session.deleteConfirm')}
            danger
            onCancel={() => setConfirmDelete(false)}
            onConfirm={() => void edits.deleteSession(session.id).finally(() => setConfirmDelete(false))}
          >
            <p>{t('project.session.deleteText')}</p>
          </ConfirmDialog>
        )}
      </Section>

      <Section id="history" title={t('project.sections.history')}>
        <SavedTextField
          saveKey={key('history.trainingVolume')}
          label={t('project.history.trainingVolume')}
          placeholder={t('project.history.trainingVolumePlaceholder')}
          value={session.history.trainingVolume}
          schema={SessionHistory.shape.trainingVolume}
          multiline
          rows={2}
          disabled={readOnly}
          save={(trainingVolume) => update({ history: { trainingVolume } })}
        />
        <SavedTextField
          saveKey={key('history.complaints')}
          label={t('project.history.complaints')}
          value={session.history.complaints}
          schema={SessionHistory.shape.complaints}
          multiline
          disabled={readOnly}
          save={(complaints) => update({ history: { complaints } })}
        />
        <SavedTextField
          saveKey={key('history.goals')}
          label={t('project.history.goals')}
          value={session.history.goals}
          schema={SessionHistory.shape.goals}
          multiline
          rows={2}
          disabled={readOnly}
          save={(goals) => update({ history: { goals } })}
        />
      </Section>

      <Section id="protocol" title={t('project.sections.protocol')}>
        <div className="pj-row pj-two">
          <SavedNumberField
            saveKey={key('protocol.treadmillSpeedKmh')}
            label={t('project.protocol.speed')}
            value={session.protocol.treadmillSpeedKmh}
            schema={SessionProtocol.shape.treadmillSpeedKmh}
            disabled={readOnly}
            save={(treadmillSpeedKmh) => update({ protocol: { treadmillSpeedKmh } })}
          />
          <SavedNumberField
            saveKey={key('protocol.inclinePercent')}
            label={t('project.protocol.incline')}
            value={session.protocol.inclinePercent}
            schema={SessionProtocol.shape.inclinePercent}
            disabled={readOnly}
            save={(inclinePercent) => update({ protocol: { inclinePercent } })}
          />
        </div>
        <div className="pj-row pj-shoes">
          <SavedTextField
            saveKey={key('protocol.shoes')}
            label={t('project.protocol.shoes')}
            value={session.protocol.shoes}
            schema={SessionProtocol.shape.shoes}
            disabled={readOnly}
            save={(shoes) => update({ protocol: { shoes } })}
          />
          <SavedNumberField
            saveKey={key('protocol.shoeMileageKm')}
            label={t('project.protocol.mileage')}
            value={session.protocol.shoeMileageKm}
            schema={SessionProtocol.shape.shoeMileageKm}
            disabled={readOnly}
            save={(shoeMileageKm) => update({ protocol: { shoeMileageKm } })}
          />
        </div>
      </Section>

      <Section id="camera" title={t('project.sections.camera')}>
        <CameraSetupHint session={session} previous={previousSession(sessions, session)} readOnly={readOnly} />
        <SavedViewsField session={session} disabled={readOnly} />
        <div className="pj-row pj-two">
          <SavedNumberField
            saveKey={key('camera.distanceM')}
            label={t('project.camera.distance')}
            value={session.camera.distanceM}
            schema={CameraSetup.shape.distanceM}
            disabled={readOnly}
            save={(distanceM) => update({ camera: { distanceM } })}
          />
          <SavedNumberField
            saveKey={key('camera.heightM')}
            label={t('project.camera.height')}
            value={session.camera.heightM}
            schema={CameraSetup.shape.heightM}
            disabled={readOnly}
            save={(heightM) => update({ camera: { heightM } })}
          />
        </div>
      </Section>

      <SessionNotesSection sessionId={session.id} readOnly={readOnly} />
    </>
  );
}

/** Views filmed, as four check boxes saved together. */
function SavedViewsField({ session, disabled }: { session: Session; disabled: boolean }) {
  const { t } = useTranslation();
  const { edits } = useProject();
  const autosaver = useAutosaver();
  const saveKey = `session:${session.id}:camera.views`;
  const state = useFieldSaveState(saveKey);
  const [views, setViews] = useState<ClipView[]>(() => {
    const draft = autosaver.draft(saveKey);
    return Array.isArray(draft?.value) ? (draft.value as ClipView[]) : session.camera.views;
  });
  const stored = session.camera.views.join(',');
  useEffect(() => {
    if (autosaver.fieldState(saveKey) === 'clean') setViews(stored ? (stored.split(',') as ClipView[]) : []);
  }, [autosaver, saveKey, stored]);

  const toggle = (view: ClipView, on: boolean) => {
    // Kept in the fixed order of the options, so the stored list does not depend on click order.
    const next = ClipView.options.filter((option) => (option === view ? on : views.includes(option)));
    setViews(next);
    autosaver.schedule(saveKey, next, () => edits.updateSession(session.id, { camera: { views: next } }));
  };
  return (
    <fieldset className="pj-views" aria-invalid={state === 'failed'}>
      <legend>{t('project.camera.views')}</legend>
      {ClipView.options.map((view) => (
        <label key={view} className="pj-check">
          <input
            type="checkbox"
            checked={views.includes(view)}
            disabled={disabled}
            onChange={(event) => toggle(view, event.target.checked)}
          />
          {t(`project.views.${view}`)}
        </label>
      ))}
      {state === 'failed' && <p className="pj-field-problem">{t('project.field.notSaved')}</p>}
    </fieldset>
  );
}

/** Shows whether this session repeats the previous one's set-up, and offers to copy it when not. */
function CameraSetupHint({ session, previous, readOnly }: { session: Session; previous: Session | null; readOnly: boolean }) {
  const { t, i18n } = useTranslation();
  const { edits, trackEdit } = useProject();
  const { report } = useErrorReporter();
  if (!previous || !hasCameraSetup(previous.camera)) {
    return <p className="pj-hint">{t('project.camera.firstTime')}</p>;
  }
  const date = formatSessionDate(previous.date, i18n.language);
  if (sameCameraSetup(session.camera, previous.camera)) {
    return (
      <p className="pj-hint pj-hint-ok">
        <span aria-hidden="true">✓ </span>
        {t('project.camera.same', { date })}
      </p>
    );
  }
  const setup = describeSetup(previous.camera, t, i18n.language);
  return (
    <div className="pj-hint pj-hint-warn">
      <p>{t('project.camera.differs', { date, setup })}</p>
      {!readOnly && (
        <button
          type="button"
          onClick={() =>
            void trackEdit(edits.updateSession(session.id, { camera: previous.camera })).catch(report)
          }
        >
          {t('project.camera.useSame')}
        </button>
      )}
    </div>
  );
}

function describeSetup(camera: Session['camera'], t: TFunction, language: string) {
  const number = (value: number) => new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(value);
  const parts = [
    camera.views.map((view) => t(`project.views.${view}`)).join(', '),
    camera.distanceM !== null ? t('project.camera.distanceValue', { value: number(camera.distanceM) }) : '',
    camera.heightM !== null ? t('project.camera.heightValue', { value: number(camera.heightM) }) : '',
  ];
  return parts.filter(Boolean).join(' · ');
}

function SessionNotesSection({ sessionId, readOnly }: { sessionId: string; readOnly: boolean }) {
  const { t } = useTranslation();
  const api = useApi();
  const { report } = useErrorReporter();
  const [notes, setNotes] = useState<SessionNotesRecord | null>(null);
  useEffect(() => {
    let alive = true;
    api
      .call('notes.get', { sessionId })
      .then((loaded) => alive && setNotes(loaded))
      .catch(report);
    return () => {
      alive = false;
    };
  }, [api, sessionId, report]);
  const save = async (patch: { findings?: string; advice?: string }) => {
    const saved = await api.call('notes.update', { sessionId, ...patch });
    setNotes((current) => (current && current.updatedAt > saved.record.updatedAt ? current : saved.record));
    return saved;
  };
  return (
    <Section id="notes" title={t('project.sections.notes')}>
      {notes === null ? (
        <p className="pj-empty">{t('project.common.loading')}</p>
      ) : (
        <>
          <SavedTextField
            saveKey={`notes:${sessionId}:findings`}
            label={t('project.notes.findings')}
            value={notes.findings}
            schema={SessionNotes.shape.findings}
            multiline
            rows={4}
            disabled={readOnly}
            save={(findings) => save({ findings })}
          />
          <SavedTextField
            saveKey={`notes:${sessionId}:advice`}
            label={t('project.notes.advice')}
            value={notes.advice}
            schema={SessionNotes.shape.advice}
            multiline
            rows={4}
            disabled={readOnly}
            save={(advice) => save({ advice })}
          />
        </>
      )}
    </Section>
  );
}
