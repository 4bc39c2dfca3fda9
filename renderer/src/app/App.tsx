import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileKind } from '../../../common/contract/app.ts';
import { asymmetryThreshold } from '../../../common/gait/timing.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { ChecklistPanel } from '../checklist/ChecklistPanel.tsx';
import { ReportButton } from '../report/ReportButton.tsx';
import { ClipList, NewProjectDialog, SaveStatus, SessionPanel, useProject } from '../project/index.ts';
import { projectDisplayName } from '../project/untitled-name.ts';
import type { ViewerClip } from '../viewer/ClipViewer.tsx';
import { useErrorReporter } from './errors.tsx';
import { FileBrowserDialog } from './FileBrowserDialog.tsx';
import { StartScreen } from './StartScreen.tsx';
import { Workspace } from './Workspace.tsx';

export function App() {
  const api = useApi();
  const { t, i18n } = useTranslation();
  const { report } = useErrorReporter();
  const projectUi = useProject();
  // open() is long-lived (it drains open requests); it reads the project UI through a ref.
  const projectRef = useRef(projectUi);
  projectRef.current = projectUi;
  const { project, loading, activeClip, activeMedia } = projectUi;
  const [browsing, setBrowsing] = useState<FileKind | null>(null);
  const [creating, setCreating] = useState(false);
  // A project the core still has open when the page loads (a reload) is where the user was: back to it. Otherwise
  // the workspace shows once the user opened or started something (or the core reopens the project open at quit).
  const [working, setWorking] = useState(false);
  const firstAnswer = useRef(true);
  useEffect(() => {
    if (loading) return;
    if (firstAnswer.current && project) setWorking(true);
    firstAnswer.current = false;
  }, [loading, project]);
  useEffect(() => {
    if (!project) setWorking(false);
  }, [project]);

  // The viewer shows the clip selected in the clip list, once its video has been found.
  const viewerClip: ViewerClip | null =
    activeClip && activeMedia?.status === 'found'
      ? {
          id: activeClip.id,
          path: activeMedia.path,
          captureFps: activeClip.captureFps,
          gait: {
            view: activeClip.view,
            treadmillSpeedKmh: projectUi.sessions.find((session) => session.id === activeClip.sessionId)?.protocol.treadmillSpeedKmh ?? null,
            asymmetryThresholdPct: project ? asymmetryThreshold(project.settings.norms) : undefined,
          },
        }
      : null;

  const open = useCallback(
    async (kind: FileKind, path: string) => {
      const projectUi = projectRef.current;
      try {
        if (kind === 'project') {
          if (await projectUi.openProject(path)) setWorking(true);
        } else {
          // A video without a project starts an untitled project, so nothing drawn is ever lost — but only
          // a file that is a readable video: anything else is refused before a project or clip exists.
          if (!(await api.call('project.current', {}))) {
            await api.call('media.check', { path });
            if (!(await projectUi.createProject())) return;
          }
          // The same video opened again is the same clip, with its measurements.
          const existing = (await api.call('clips.list', {})).find((clip) => clip.absolutePath === path);
          if (existing) {
            await projectUi.refresh();
            projectUi.selectClip(existing.id);
          } else if (!(await projectRef.current.addClip(path))) {
            return;
          }
          setWorking(true);
        }
      } catch (error) {
        report(error);
      }
    },
    [api, report],
  );

  // Files handed over on the command line or by the OS (second instance, file association) — once the open
  // project has landed on its remembered place, so that restoring it cannot take the new file's place.
  const readyForFiles = !projectUi.loading && projectUi.selectionSettled;
  useEffect(() => {
    if (!readyForFiles) return;
    const drain = () =>
      api
        .call('app.takeOpenRequests', {})
        .then((requests) => {
          const last = requests.at(-1);
          if (last) void open(last.kind, last.path);
        })
        .catch(report);
    drain();
    return api.on('app.openRequested', drain);
  }, [api, open, report, readyForFiles]);

  const pick = async (kind: FileKind) => {
    try {
      const result = await api.call('dialog.pickFile', { purpose: kind === 'project' ? 'open-project' : 'open-video' });
      if (!result.supported) setBrowsing(kind);
      else if (result.path) void open(kind, result.path);
    } catch (error) {
      report(error);
    }
  };


  return (
    <>
      {loading ? null : project && working ? (
        <Workspace
          // Another project is another set of remembered places (Save as keeps them: the core copies them along).
          key={project.path}
          // An untitled project's file name is English: it is named in the user's language instead.
          title={projectDisplayName(project.name, t, i18n.language)}
          clip={viewerClip}
          headerExtra={
            <>
              <SaveStatus />
              <ReportButton />
            </>
          }
          sideTabs={[
            { id: 'clips', label: t('project.sections.unfiledClips'), content: <ClipList /> },
            { id: 'session', label: t('project.panel.tab'), content: <SessionPanel /> },
            { id: 'checklist', label: t('checklist.tab'), content: <ChecklistPanel /> },
          ]}
          onClose={() => void projectUi.closeProject()}
        />
      ) : (
        <StartScreen
          actions={{ newProject: () => setCreating(true), pick: (kind) => void pick(kind), open: (kind, path) => void open(kind, path) }}
          onProjectOpened={() => setWorking(true)}
        />
      )}
      {creating && (
        <NewProjectDialog
          onClose={(created) => {
            setCreating(false);
            if (created) setWorking(true);
          }}
        />
      )}
      {browsing && (
        <FileBrowserDialog
          kind={browsing}
          onCancel={() => setBrowsing(null)}
          onPick={(path) => {
            setBrowsing(null);
            void open(browsing, path);
          }}
        />
      )}
    </>
  );
}
