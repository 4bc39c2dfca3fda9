import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProject } from './ProjectProvider.tsx';
import { SaveAsButton } from './SaveStatus.tsx';

/**
 * What the user should know right after opening: the file is read-only, it was not closed properly last
 * time (what was recovered, where a copy is kept), or it was updated from an older Midstance (and where
 * the original was kept). Can be hidden; it comes back when another project opens.
 */
export function ProjectNotice() {
  const { t } = useTranslation();
  const { project } = useProject();
  const [hiddenFor, setHiddenFor] = useState<string | null>(null);
  if (!project || hiddenFor === project.path) return null;

  let text: string | null = null;
  const recovery = project.recovery;
  if (project.readOnly) text = t('project.notice.readOnly');
  else if (recovery) {
    const key = recovery.lostChanges === null ? 'recoveredUnreadable' : recovery.lostChanges > 0 ? 'recoveredWithLoss' : 'recovered';
    text = t(`project.notice.${key}`, {
      recovered: t('project.notice.recoveredCount', { count: recovery.recoveredChanges }),
      lost: t('project.notice.lostCount', { count: recovery.lostChanges ?? 0 }),
      folder: recovery.folder ?? '',
    });
  } else if (project.backupPath) text = t('project.notice.migrated', { path: project.backupPath });
  // A notice the core has and this table has no words for is still shown, in the core's words.
  else if (project.notice) text = project.notice;
  if (!text) return null;

  return (
    <div className={`pj-notice${project.readOnly ? ' pj-notice-readonly' : ''}`} role="note" aria-label={t('project.notice.label')}>
      <p>{text}</p>
      <div className="pj-actions">
        {project.readOnly && <SaveAsButton label={t('project.notice.saveCopy')} />}
        <button type="button" className="ghost" onClick={() => setHiddenFor(project.path)}>
          {t('project.notice.dismiss')}
        </button>
      </div>
    </div>
  );
}
