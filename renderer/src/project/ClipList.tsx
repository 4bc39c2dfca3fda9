import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Clip, ClipView } from '../../../common/contract/project.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { useErrorReporter } from '../app/errors.tsx';
import { SavedNumberField, SavedTextField } from './fields.tsx';
import { useAutosaver, useFieldSaveState, useProject } from './ProjectProvider.tsx';
import { likelyViewForNewClip } from './session-logic.ts';
import { ConfirmDialog, formatFileSize, Section } from './ui.tsx';
import { usePathPicker } from './use-path-picker.tsx';

/**
 * The clips of the active session (or the unfiled ones): pick one to show it, set its view and capture
 * rate, add videos, remove one, and point a clip at its video again when the file has moved.
 */
export function ClipList() {
  const { t } = useTranslation();
  const { project, clips, activeSession, activeClipId, selectClip, addClip } = useProject();
  const { pickOpen } = usePathPicker();
  const [busy, setBusy] = useState(false);
  if (!project) return null;
  const readOnly = project.readOnly;

  const add = async () => {
    const path = await pickOpen('video');
    if (!path) return;
    setBusy(true);
    await addClip(path, { view: activeSession ? likelyViewForNewClip(activeSession.camera.views, clips) : null });
    setBusy(false);
  };

  return (
    <Section
      id="clips"
      title={t(activeSession ? 'project.sections.clips' : 'project.sections.unfiledClips')}
      summary={clips.length > 0 ? String(clips.length) : undefined}
    >
      {clips.length === 0 && (
        <p className="pj-empty">{t(activeSession ? 'project.clips.none' : 'project.clips.noneUnfiled')}</p>
      )}
      {clips.length > 0 && (
        <ul className="pj-clip-list" aria-label={t('project.clips.listLabel')}>
          {clips.map((clip) => (
            <ClipRow
              key={clip.id}
              clip={clip}
              active={clip.id === activeClipId}
              readOnly={readOnly}
              onSelect={() => selectClip(clip.id)}
            />
          ))}
        </ul>
      )}
      {activeSession && !readOnly && <UnfiledClipsOffer sessionId={activeSession.id} />}
      {!readOnly && (
        <div className="pj-actions pj-actions-start">
          <button type="button" disabled={busy} onClick={() => void add()}>
            {t('project.clips.add')}
          </button>
        </div>
      )}
    </Section>
  );
}

function ClipRow({ clip, active, readOnly, onSelect }: { clip: Clip; active: boolean; readOnly: boolean; onSelect: () => void }) {
  const { t } = useTranslation();
  const { activeMedia, edits } = useProject();
  const [removing, setRemoving] = useState(false);
  const [moreOpen, setMoreOpen] = useState(false);
  const detailsId = useId();
  const moreId = useId();
  // The selected clip's media was checked with its fingerprint; the others only by name and size.
  const missing = active && activeMedia ? activeMedia.status === 'missing' : clip.media.state === 'missing';
  const locating = active && activeMedia?.status === 'locating';
  const viewLabel = clip.view ? t(`project.views.${clip.view}`) : t('project.clips.viewUnknown');
  const key = (field: string) => `clip:${clip.id}:${field}`;

  return (
    <li className={`pj-clip${active ? ' pj-clip-active' : ''}${missing ? ' pj-clip-missing' : ''}`}>
      <button
        type="button"
        className="pj-clip-select"
        aria-pressed={active}
        aria-controls={active ? detailsId : undefined}
        aria-label={t('project.clips.select', { name: clip.name })}
        onClick={onSelect}
      >
        <span className="pj-clip-name">{clip.name}</span>
        <span className="pj-clip-meta">
          <span className={`pj-view-tag${clip.view ? '' : ' pj-view-unset'}`}>{viewLabel}</span>
          {clip.captureFps !== null && <span>{t('project.clips.fpsValue', { fps: clip.captureFps })}</span>}
          {clip.annotationCount > 0 && <span>{t('project.clips.annotations', { count: clip.annotationCount })}</span>}
          {missing && <span className="pj-missing-tag">{t('project.clips.missing')}</span>}
          {locating && <span className="pj-muted">{t('project.clips.locating')}</span>}
        </span>
      </button>
      {missing && <RelinkOffer clip={clip} readOnly={readOnly} />}
      {active && (
        <div className="pj-clip-details" id={detailsId}>
          <div className="pj-row pj-two">
            <ClipViewSelect clip={clip} disabled={readOnly} />
            <SavedNumberField
              saveKey={key('captureFps')}
              label={t('project.clips.fps')}
              value={clip.captureFps}
              schema={Clip.shape.captureFps}
              placeholder={t('project.clips.fpsPlaceholder')}
              hint={t('project.clips.fpsHint')}
              hintOnFocus
              disabled={readOnly}
              save={(captureFps) => edits.updateClip(clip.id, { captureFps })}
            />
          </div>
          <button
            type="button"
            className="pj-more"
            aria-expanded={moreOpen}
            aria-controls={moreId}
            onClick={() => setMoreOpen((open) => !open)}
          >
            {t('project.clips.more')}
          </button>
          <div id={moreId} className="pj-clip-more" hidden={!moreOpen}>
            <SavedTextField
              saveKey={key('name')}
              label={t('project.clips.name')}
              value={clip.name}
              schema={Clip.shape.name}
              requiredMessage={t('project.clips.nameRequired')}
              disabled={readOnly}
              save={(name) => edits.updateClip(clip.id, { name: name.trim() })}
            />
            <p className="pj-path" title={clip.absolutePath}>
              {clip.absolutePath}
            </p>
            {!readOnly && (
              <div className="pj-actions">
                <button type="button" className="pj-subtle-danger" onClick={() => setRemoving(true)}>
                  {t('project.clips.remove')}
                </button>
              </div>
            )}
          </div>
        </div>
      )}
      {removing && (
        <ConfirmDialog
          title={t('project.clips.removeTitle', { name: clip.name })}
          confirmLabel={t('project.clips.removeConfirm')}
          danger
          onCancel={() => setRemoving(false)}
          onConfirm={() => void edits.removeClip(clip.id).finally(() => setRemoving(false))}
        >
          <p>
            {clip.annotationCount > 0
              ? t('project.clips.removeTextWithMeasurements', { count: clip.annotationCount })
              : t('project.clips.removeText')}
          </p>
        </ConfirmDialog>
      )}
    </li>
  );
}

function ClipViewSelect({ clip, disabled }: { clip: Clip; disabled: boolean }) {
  const { t } = useTranslation();
  const { edits } = useProject();
  const autosaver = useAutosaver();
  const id = useId();
  const saveKey = `clip:${clip.id}:view`;
  const state = useFieldSaveState(saveKey);
  const [view, setView] = useState<ClipView | null>(() => {
    const draft = autosaver.draft(saveKey);
    return draft ? (draft.value as ClipView | null) : clip.view;
  });
  useEffect(() => {
    if (autosaver.fieldState(saveKey) === 'clean') setView(clip.view);
  }, [autosaver, saveKey, clip.view]);
  return (
    <div className="pj-field">
      <label htmlFor={id}>{t('project.clips.view')}</label>
      <select
        id={id}
        value={view ?? ''}
        disabled={disabled}
        aria-invalid={state === 'failed'}
        onChange={(event) => {
          const next = ClipView.safeParse(event.target.value);
          const value = next.success ? next.data : null;
          setView(value);
          autosaver.schedule(saveKey, value, () => edits.updateClip(clip.id, { view: value }));
          void autosaver.flush(saveKey);
        }}
      >
        <option value="">{t('project.clips.viewUnknown')}</option>
        {ClipView.options.map((option) => (
          <option key={option} value={option}>
            {t(`project.views.${option}`)}
          </option>
        ))}
      </select>
      {state === 'failed' && <p className="pj-field-problem">{t('project.field.notSaved')}</p>}
    </div>
  );
}

/**
 * The clip's video is not where it was. The user points at the file; a file with another fingerprint is
 * a different recording, and is only linked after an explicit yes — measurements must stay on their frames.
 */
function RelinkOffer({ clip, readOnly }: { clip: Clip; readOnly: boolean }) {
  const { t, i18n } = useTranslation();
  const { edits } = useProject();
  const { pickOpen } = usePathPicker();
  const [mismatch, setMismatch] = useState<{ path: string; expectedSize: number; actualSize: number } | null>(null);
  const { report } = useErrorReporter();

  const relink = async () => {
    const path = await pickOpen('video');
    if (!path) return;
    const result = await edits.relinkClip(clip.id, path, false);
    if (result?.status === 'mismatch') setMismatch({ path, expectedSize: result.expected.size, actualSize: result.actual.size });
  };

  return (
    <div className="pj-relink" role="group" aria-label={t('project.clips.missingLabel', { name: clip.name })}>
      <p>{t('project.clips.missingHint', { path: clip.absolutePath })}</p>
      {!readOnly && (
        <button type="button" onClick={() => void relink().catch(report)}>
          {t('project.clips.relink')}
        </button>
      )}
      {mismatch && (
        <ConfirmDialog
          title={t('project.clips.mismatchTitle')}
          confirmLabel={t('project.clips.mismatchConfirm')}
          danger
          onCancel={() => setMismatch(null)}
          onConfirm={() =>
            void edits.relinkClip(clip.id, mismatch.path, true).finally(() => setMismatch(null))
          }
        >
          <p>{t('project.clips.mismatchText', { name: clip.name })}</p>
          {mismatch.actualSize !== mismatch.expectedSize && (
            <p className="pj-muted">
              {t('project.clips.mismatchSizes', {
                expected: formatFileSize(mismatch.expectedSize, i18n.language),
                actual: formatFileSize(mismatch.actualSize, i18n.language),
              })}
            </p>
          )}
          <p className="pj-path">{mismatch.path}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

/** Clips that are in the project but under no session (e.g. opened before a client was chosen). */
function UnfiledClipsOffer({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const api = useApi();
  const { edits, clips } = useProject();
  const [unfiled, setUnfiled] = useState<Clip[]>([]);
  useEffect(() => {
    let alive = true;
    api
      .call('clips.list', { sessionId: null })
      .then((list) => alive && setUnfiled(list))
      .catch(() => alive && setUnfiled([]));
    return () => {
      alive = false;
    };
    // clips: a clip moved here or removed changes what is unfiled.
  }, [api, sessionId, clips]);
  if (unfiled.length === 0) return null;
  return (
    <div className="pj-hint">
      <p>{t('project.clips.unfiled', { count: unfiled.length })}</p>
      <button
        type="button"
        onClick={() =>
          void edits.moveClipsToSession(
            unfiled.map((clip) => clip.id),
            sessionId,
          )
        }
      >
        {t('project.clips.fileHere', { count: unfiled.length })}
      </button>
    </div>
  );
}
