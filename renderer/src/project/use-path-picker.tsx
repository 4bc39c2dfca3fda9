import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileKind } from '../../../common/contract/app.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { FileBrowserDialog } from '../app/FileBrowserDialog.tsx';
import { useErrorReporter } from '../app/errors.tsx';

export interface SaveTarget {
  path: string;
  /** The user agreed to replace an existing file (the native dialog asks that itself). */
  overwrite: boolean;
}

type Request =
  | { mode: 'open'; kind: FileKind; resolve: (path: string | null) => void }
  | {
      mode: 'save';
      folder: string | null;
      defaultName: string;
      title: string;
      confirmLabel: string;
      extension: string | undefined;
      resolve: (target: SaveTarget | null) => void;
    };

interface SaveOptions {
  folder?: string | null;
  defaultName: string;
  title?: string;
  confirmLabel?: string;
  extension?: string;
}

export interface PathPicker {
  pickOpen(kind: FileKind): Promise<string | null>;
  /** `extension` (".csv", ".png", ".mp4"): an export, not a project. */
  pickSave(options: SaveOptions): Promise<SaveTarget | null>;
}

const PathPickerContext = createContext<PathPicker | null>(null);

/**
 * Asking the user for a file: the native dialog where the shell has one (Electron), else Midstance's own
 * folder browser. The browser lives here, at the root, and not in the component that asked: a side panel that
 * is rebuilt while a clip opens must not take an open file browser away with it.
 */
export function PathPickerProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const api = useApi();
  const { report } = useErrorReporter();
  const [request, setRequest] = useState<Request | null>(null);
  const requestRef = useRef(request);
  requestRef.current = request;

  const pickOpen = useCallback(
    async (kind: FileKind): Promise<string | null> => {
      try {
        const native = await api.call('dialog.pickFile', { purpose: kind === 'project' ? 'open-project' : 'open-video' });
        if (native.supported) return native.path;
      } catch (error) {
        report(error);
        return null;
      }
      return new Promise((resolve) => setRequest({ mode: 'open', kind, resolve }));
    },
    [api, report],
  );

  const pickSave = useCallback(
    async (options: SaveOptions) => {
      try {
        const native = await api.call(
          'dialog.pickFile',
          options.extension ? { purpose: 'save-export', defaultName: `${options.defaultName}${options.extension}` } : { purpose: 'save-project' },
        );
        if (native.supported) return native.path ? { path: native.path, overwrite: true } : null;
      } catch (error) {
        report(error);
        return null;
      }
      return new Promise<SaveTarget | null>((resolve) =>
        setRequest({
          mode: 'save',
          folder: options.folder ?? null,
          defaultName: options.defaultName,
          title: options.title ?? t('project.saveAs.title'),
          confirmLabel: options.confirmLabel ?? t('project.saveDialog.save'),
          extension: options.extension,
          resolve,
        }),
      );
    },
    [api, report, t],
  );

  const finish = (path: string | null, overwrite = false) => {
    const current = requestRef.current;
    setRequest(null);
    if (!current) return;
    if (current.mode === 'open') current.resolve(path);
    else current.resolve(path === null ? null : { path, overwrite });
  };

  const dialog =
    request === null ? null : request.mode === 'open' ? (
      <FileBrowserDialog kind={request.kind} onCancel={() => finish(null)} onPick={(path) => finish(path)} />
    ) : (
      <FileBrowserDialog
        kind="project"
        mode="save"
        initialFolder={request.folder}
        defaultName={request.defaultName}
        title={request.title}
        confirmLabel={request.confirmLabel}
        extension={request.extension}
        onCancel={() => finish(null)}
        onPick={(path, { overwrite }) => finish(path, overwrite)}
      />
    );

  const picker = useMemo(() => ({ pickOpen, pickSave }), [pickOpen, pickSave]);
  return (
    <PathPickerContext.Provider value={picker}>
      {children}
      {dialog}
    </PathPickerContext.Provider>
  );
}

/** The pick functions resolve to null when the user cancels. */
export function usePathPicker(): PathPicker {
  const picker = useContext(PathPickerContext);
  if (!picker) throw new Error('usePathPicker needs a PathPickerProvider above it');
  return picker;
}
