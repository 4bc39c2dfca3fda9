import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../../common/error-text.ts';
import type { ProjectState } from '../../../common/contract/project.ts';
import { folderOf } from './paths.ts';
import { useAutosaver, useProject, useSaveStatus } from './ProjectProvider.tsx';
import { usePathPicker } from './use-path-picker.tsx';
import { formatClockTime } from './ui.tsx';

/**
 * For the workspace header: whether everything typed is on disk ("All changes saved · 14:02:11"),
 * still on its way, or failed — then with what to do about it. Also marks read-only and untitled projects.
 */
export function SaveStatus() {
  const { t, i18n } = useTranslation();
  const { project } = useProject();
  const status = useSaveStatus();
  const autosaver = useAutosaver();
  if (!project) return null;

  if (project.readOnly) {
    return (
      <div className="pj-status" role="status">
        <span className="pj-badge pj-badge-readonly">{t('project.status.readOnly')}</span>
        <span className="pj-status-text">{t('project.status.readOnlyHint')}</span>
        <SaveAsButton compact label={t('project.notice.saveCopy')} />
      </div>
    );
  }

  let text: string;
  let title: string | undefined;
  let tone: 'ok' | 'busy' | 'failed';
  if (status.kind === 'failed') {
    const failure = errorText(status.error, i18n.language);
    text = t('project.status.failed', { message: failure.text });
    title = failure.detail ? `${text}\n${failure.detail}` : text;
    tone = 'failed';
  } else if (status.kind === 'saving') {
    text = t('project.status.saving');
    tone = 'busy';
  } else if (status.kind === 'unsubmitted') {
    text = t('project.status.unsubmitted');
    tone = 'busy';
  } else if (status.kind === 'saved') {
    text = t('project.status.savedAt', { time: formatClockTime(status.savedAt, i18n.language) });
    tone = 'ok';
  } else {
    text = t('project.status.saved');
    tone = 'ok';
  }

  return (
    <div className={`pj-status pj-status-${tone}`} role="status">
      <span className="pj-status-dot" aria-hidden="true" />
      <span className="pj-status-text" title={title ?? text}>
        {text}
      </span>
      {status.kind === 'failed' && (
        <button type="button" className="pj-compact" onClick={() => void autosaver.retryFailed()}>
          {t('project.status.retry')}
        </button>
      )}
      {project.untitled && (
        <>
          <span className="pj-badge pj-badge-untitled" title={t('project.status.untitledHint')}>
            {t('project.status.untitled')}
          </span>
          <SaveAsButton compact />
        </>
      )}
    </div>
  );
}

/** "Save as…": asks for a place (native dialog or the folder browser) and continues in the copy. */
export function SaveAsButton({ compact = false, label }: { compact?: boolean; label?: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={compact ? 'pj-compact' : undefined} onClick={() => setOpen(true)}>
        {label ?? t('project.saveAs.button')}
      </button>
      {open && <SaveAsDialog onClose={() => setOpen(false)} />}
    </>
  );
}

/**
 * Saves the open project under a new name: mounted, it asks where (native save dialog, or the in-app folder
 * browser in browser mode), writes the copy and calls onClose with the new state (null when cancelled/failed).
 */
export function SaveAsDialog({ onClose }: { onClose: (saved: ProjectState | null) => void }) {
  const { t } = useTranslation();
  const { project, activeClient, saveAs } = useProject();
  const { pickSave } = usePathPicker();
  const started = useRef(false);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    // Once, also under StrictMode's double effects: a second dialog must not open.
    if (started.current || !project) return;
    started.current = true;
    const suggestion = project.untitled ? (activeClient?.name ?? t('project.newProject.defaultName')) : project.name;
    void (async () => {
      const target = await pickSave({
        folder: project.untitled ? null : folderOf(project.path),
        defaultName: suggestion,
        title: t('project.saveAs.title'),
        confirmLabel: t('project.saveDialog.save'),
      });
      const saved = target ? await saveAs(target.path, { overwrite: target.overwrite }) : null;
      onCloseRef.current(saved);
    })();
  }, [project, activeClient, pickSave, saveAs, t]);

  return null;
}
