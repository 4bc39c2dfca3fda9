import { useCallback, useEffect, useState } from 'react';
import type { FileKind, OpenRequest } from '../../../common/contract/app.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { useErrorReporter } from './errors.tsx';
import { FileBrowserDialog } from './FileBrowserDialog.tsx';
import { StartScreen } from './StartScreen.tsx';
import { Workspace } from './Workspace.tsx';

export function App() {
  const api = useApi();
  const { report } = useErrorReporter();
  const [document, setDocument] = useState<OpenRequest | null>(null);
  const [browsing, setBrowsing] = useState<FileKind | null>(null);

  const open = useCallback((kind: FileKind, path: string) => setDocument({ kind, path }), []);

  // Files handed over on the command line or by the OS (second instance, file association).
  useEffect(() => {
    const drain = () =>
      api
        .call('app.takeOpenRequests', {})
        .then((requests) => {
          const last = requests.at(-1);
          if (last) open(last.kind, last.path);
        })
        .catch(report);
    drain();
    return api.on('app.openRequested', drain);
  }, [api, open, report]);

  const pick = async (kind: FileKind) => {
    try {
      const result = await api.call('dialog.pickFile', { purpose: kind === 'project' ? 'open-project' : 'open-video' });
      if (!result.supported) setBrowsing(kind);
      else if (result.path) open(kind, result.path);
    } catch (error) {
      report(error);
    }
  };

  return (
    <>
      {document ? (
        <Workspace document={document} onClose={() => setDocument(null)} />
      ) : (
        <StartScreen actions={{ newProject: () => void pick('project'), pick: (kind) => void pick(kind), open }} />
      )}
      {browsing && (
        <FileBrowserDialog
          kind={browsing}
          onCancel={() => setBrowsing(null)}
          onPick={(path) => {
            setBrowsing(null);
            open(browsing, path);
          }}
        />
      )}
    </>
  );
}
