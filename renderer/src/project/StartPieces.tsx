import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectState, UntitledProject } from '../../../common/contract/project.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { useErrorReporter } from '../app/errors.tsx';
import { useProject } from './ProjectProvider.tsx';
import { SaveAsDialog } from './SaveStatus.tsx';
import { ConfirmDialog, formatDateTime } from './ui.tsx';
import { projectDisplayName } from './untitled-name.ts';
import { usePathPicker } from './use-path-picker.tsx';

/**
 * "New project": a file in a folder the user chooses, or straight to work without choosing (an untitled
 * project that Midstance keeps until it is saved or discarded). onClose gets the new project, or null.
 */
export function NewProjectDialog({ onClose }: { onClose: (created: ProjectState | null) => void }) {
  const { t } = useTranslation();
  const { createProject } = useProject();
  const { pickSave } = usePathPicker();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const element = ref.current;
    if (element && !element.open) element.showModal();
  }, []);

  const chooseFile = async () => {
    setBusy(true);
    const target = await pickSave({
      defaultName: t('project.newProject.defaultName'),
      title: t('project.newProject.pickTitle'),
      confirmLabel: t('project.newProject.create'),
    });
    const created = target ? await createProject(target.path, { overwrite: target.overwrite }) : null;
    setBusy(false);
    if (created) onClose(created);
  };

  const startUntitled = async () => {
    setBusy(true);
    const created = await createProject();
    setBusy(false);
    if (created) onClose(created);
  };

  return (
    <dialog
      ref={ref}
      className="pj-dialog pj-new-project"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose(null);
      }}
    >
      <h2 id={titleId} className="pj-dialog-title">
        {t('project.newProject.title')}
      </h2>
      <p className="pj-dialog-text">{t('project.newProject.intro')}</p>
      <div className="pj-choices">
        <button type="button" className="pj-choice pj-choice-primary" disabled={busy} onClick={() => void chooseFile()}>
          <span className="pj-choice-title">{t('project.newProject.chooseFile')}</span>
          <span className="pj-choice-hint">{t('project.newProject.chooseFileHint')}</span>
        </button>
        <button type="button" className="pj-choice" disabled={busy} onClick={() => void startUntitled()}>
          <span className="pj-choice-title">{t('project.newProject.untitled')}</span>
          <span className="pj-choice-hint">{t('project.newProject.untitledHint')}</span>
        </button>
      </div>
      <div className="dialog-actions">
        <button type="button" disabled={busy} onClick={() => onClose(null)}>
          {t('project.common.cancel')}
        </button>
      </div>
    </dialog>
  );
}

/**
 * Untitled projects Midstance is keeping (started without choosing a file): open one again, save it
 * somewhere, or discard it. Renders nothing when there are none. onOpened gets the project that is now open.
 */
export function UntitledProjectsList({ onOpened }: { onOpened?: (project: ProjectState) => void }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { report } = useErrorReporter();
  const { project, openProject, closeProject, discardUntitled } = useProject();
  const [items, setItems] = useState<UntitledProject[] | null>(null);
  const [discarding, setDiscarding] = useState<UntitledProject | null>(null);
  const [savingAs, setSavingAs] = useState<{ item: UntitledProject; wasOpen: boolean } | null>(null);
  const headingId = useId();

  const load = useCallback(() => {
    api.call('project.listUntitled', {}).then(setItems).catch(report);
  }, [api, report]);
  useEffect(() => {
    load();
    return api.on('project.changed', load);
  }, [api, load]);

  if (!items || items.length === 0) return null;

  const open = async (item: UntitledProject) => {
    const opened = await openProject(item.path);
    if (opened) onOpened?.(opened);
  };

  const saveAs = async (item: UntitledProject) => {
    const wasOpen = project?.path === item.path;
    if (!wasOpen && !(await openProject(item.path))) return;
    setSavingAs({ item, wasOpen });
  };

  return (
    <section className="pj-untitled" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('project.untitled.heading')}</h2>
      <p className="pj-muted pj-small">{t('project.untitled.hint')}</p>
      <ul className="pj-untitled-list">
        {items.map((shown) => {
          const item = { ...shown, name: projectDisplayName(shown.name, t, i18n.language) };
          return (
          <li key={item.path}>
            <div className="pj-untitled-info">
              <span className="pj-untitled-name">{item.name}</span>
              <span className="pj-muted pj-small">
                {t('project.untitled.changed', { when: formatDateTime(item.modifiedAt, i18n.language) })}
                {' · '}
                {item.clipCount === null ? t('project.untitled.unreadable') : t('project.untitled.clips', { count: item.clipCount })}
                {item.isOpen && ` · ${t('project.untitled.isOpen')}`}
              </span>
            </div>
            <div className="pj-untitled-actions">
              <button type="button" aria-label={t('project.untitled.openLabel', { name: item.name })} onClick={() => void open(item)}>
                {t('project.untitled.open')}
              </button>
              <button type="button" aria-label={t('project.untitled.saveAsLabel', { name: item.name })} onClick={() => void saveAs(item)}>
                {t('project.untitled.saveAs')}
              </button>
              <button
                type="button"
                className="pj-subtle-danger"
                aria-label={t('project.untitled.discardLabel', { name: item.name })}
                onClick={() => setDiscarding(item)}
              >
                {t('project.untitled.discard')}
              </button>
            </div>
          </li>
          );
        })}
      </ul>
      {discarding && (
        <ConfirmDialog
          title={t('project.untitled.discardTitle', { name: projectDisplayName(discarding.name, t, i18n.language) })}
          confirmLabel={t('project.untitled.discardConfirm')}
          danger
          onCancel={() => setDiscarding(null)}
          onConfirm={() =>
            void discardUntitled(discarding.path).finally(() => {
              setDiscarding(null);
              load();
            })
          }
        >
          <p>{t('project.untitled.discardText')}</p>
        </ConfirmDialog>
      )}
      {savingAs && (
        <SaveAsDialog
          onClose={(saved) => {
            const { wasOpen } = savingAs;
            setSavingAs(null);
            if (saved) onOpened?.(saved);
            // Cancelled: leave things as they were (it was only opened to be copied).
            else if (!wasOpen) void closeProject().then(load);
            load();
          }}
        />
      )}
    </section>
  );
}
