import { useCallback, useEffect, useState } from 'react';
import type { FileKind } from '../../../common/contract/app.ts';
import type { Clip, ProjectState } from '../../../common/contract/project.ts';
import { useApi } from '../api/ApiProvider.tsx';
import type { ViewerClip } from '../viewer/ClipViewer.tsx';
import { useErrorReporter } from './errors.tsx';
import { FileBrowserDialog } from './FileBrowserDialog.tsx';
import { StartScreen } from './StartScreen.tsx';
import { Workspace } from './Workspace.tsx';

interface OpenDocument {
  project: ProjectState;
  clip: ViewerClip | null;
}

const toViewerClip = (clip: Clip): ViewerClip | null =>
  clip.media.state === 'found' && clip.media.path ? { id: clip.id, path: clip.media.path, captureFps: clip.captureFps } : null;

export function App() {
  const api = useApi();
  const { report } = useErrorReporter();
  const [document, setDocument] = useState<OpenDocument | null>(null);
  const [browsing, setBrowsing] = useState<FileKind | null>(null);

  const open = useCallback(
    async (kind: FileKind, path: string) => {
      try {
        if (kind === 'project') {
          const project = await api.call('project.open', { path });
          const [first] = await api.call('clips.list', {});
          const located = first ? await api.call('clips.locate', { id: first.id }) : null;
          setDocument({ project, clip: located ? toViewerClip(located) : null });
        } else {
          // A video without a project starts an untitled project, so nothing drawn is ever lost.
          const project = (await api.call('project.current', {})) ?? (await api.call('project.create', {}));
          // The same video opened again is the same clip, with its measurements.
          const existing = (await api.call('clips.list', {})).find((clip) => clip.absolutePath === path);
          const clip = existing ? await api.call('clips.locate', { id: existing.id }) : (await api.call('clips.add', { path })).record;
          setDocument({ project, clip: toViewerClip(clip) });
        }
      } catch (error) {
        report(error);
      }
    },
    [api, report],
  );

  // Files handed over on the command line or by the OS (second instance, file association).
  useEffect(() => {
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
  }, [api, open, report]);

  const pick = async (kind: FileKind) => {
    try {
      const result = await api.call('dialog.pickFile', { purpose: kind === 'project' ? 'open-project' : 'open-video' });
      if (!result.supported) setBrowsing(kind);
      else if (result.path) void open(kind, result.path);
    } catch (error) {
      report(error);
    }
  };

  const newProject = async () => {
    try {
      setDocument({ project: await api.call('project.create', {}), clip: null });
    } catch (error) {
      report(error);
    }
  };

  const close = async () => {
    await api.call('project.close', {}).catch(report);
    setDocument(null);
  };

  return (
    <>
      {document ? (
        <Workspace title={document.project.name} clip={document.clip} onClose={() => void close()} />
      ) : (
        <StartScreen actions={{ newProject: () => void newProject(), pick: (kind) => void pick(kind), open: (kind, path) => void open(kind, path) }} />
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
