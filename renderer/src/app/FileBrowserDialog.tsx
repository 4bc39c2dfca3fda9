import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirectoryEntry, FileKind } from '../../../common/contract/app.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { joinPath, PROJECT_EXTENSION, projectFileName } from '../project/paths.ts';
import '../styles/project.css';
import { useErrorReporter } from './errors.tsx';

interface Listing {
  path: string;
  parent: string | null;
  entries: DirectoryEntry[];
}

/**
 * Browser mode has no native file dialog, and a browser <input type=file> hides the real path,
 * which the project needs to find media again. So Midstance lists folders through its own API.
 *
 * mode 'save' (a project, or an export with `extension`): browse to a folder and type a file name; an existing
 * file is only replaced after the user said so, and then onPick gets overwrite: true.
 */
export function FileBrowserDialog({
  kind,
  onPick,
  onCancel,
  mode = 'open',
  initialFolder = null,
  defaultName = '',
  title,
  confirmLabel,
  extension = PROJECT_EXTENSION,
  texts,
  accept,
}: {
  kind: FileKind;
  onPick: (path: string, options: { overwrite: boolean }) => void;
  onCancel: () => void;
  mode?: 'open' | 'save';
  /** Folder to start in; when null, where files of this kind were last used (else the project's folder, else home). */
  initialFolder?: string | null;
  /** Save mode: the file name offered. */
  defaultName?: string;
  title?: string;
  /** Save mode: the text of the confirming button. */
  confirmLabel?: string;
  /** Save mode: the extension the file gets (a project's by default). */
  extension?: string;
  /** Save mode for another kind of file (listed by its extension): what the list shows, when empty, what it hides. */
  texts?: { filter: string; empty: string; hidden: (count: number) => string; replace: (name: string) => string };
  /** With texts: the extensions listed (default: the save extension), e.g. pictures to open. */
  accept?: readonly string[];
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { report } = useErrorReporter();
  const [listing, setListing] = useState<Listing | null>(null);
  const [typedPath, setTypedPath] = useState('');
  const [fileName, setFileName] = useState(defaultName);
  const [nameProblem, setNameProblem] = useState<string | null>(null);
  const [replacing, setReplacing] = useState<{ path: string; name: string } | null>(null);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const fileNameId = useId();
  const saving = mode === 'save';

  // Only the newest listing counts, and a path the user is typing is never overwritten by a listing that was
  // asked for before they started typing (e.g. the first folder, still loading).
  const latestLoad = useRef(0);
  const typedSinceLoad = useRef(false);
  const load = (path: string | null) => {
    const id = ++latestLoad.current;
    typedSinceLoad.current = false;
    api
      .call('files.list', { path, kind })
      .then((result) => {
        if (id !== latestLoad.current) return;
        setListing(result);
        if (!typedSinceLoad.current) setTypedPath(result.path);
        setReplacing(null);
      })
      .catch((error: unknown) => {
        if (id !== latestLoad.current) return;
        report(error);
        // A folder given by the caller may be gone (e.g. a moved project): fall back to the home folder.
        if (path !== null && listing === null) load(null);
      });
  };

  useEffect(() => {
    dialogRef.current?.showModal();
    load(initialFolder);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const exporting = saving && !texts && extension !== PROJECT_EXTENSION;
  const listed = (entry: { kind: string; name: string }) =>
    entry.kind === 'directory' ||
    (texts
      ? (accept ?? [extension]).some((ext) => entry.name.toLowerCase().endsWith(ext))
      : exporting
        ? entry.name.toLowerCase().endsWith(extension)
        : entry.kind === kind);
  const visible = listing?.entries.filter(listed) ?? [];
  const hiddenCount = (listing?.entries.length ?? 0) - visible.length;
  const locale = i18n.language === 'nl' ? 'nl-NL' : 'en-GB';
  const formatters = useMemo(
    () => ({
      size: (bytes: number) => formatFileSize(bytes, locale),
      date: new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }),
    }),
    [locale],
  );

  const submitName = () => {
    if (!listing) return;
    const checked = projectFileName(fileName, extension);
    if (!checked.ok) {
      setNameProblem(t(`project.saveDialog.invalid.${checked.reason}`));
      return;
    }
    setNameProblem(null);
    const existing = listing.entries.find((entry) => entry.name.toLowerCase() === checked.fileName.toLowerCase());
    if (existing?.kind === 'directory') {
      setNameProblem(t('project.saveDialog.isFolder', { name: existing.name }));
      return;
    }
    if (existing) {
      setReplacing({ path: existing.path, name: existing.name });
      return;
    }
    onPick(joinPath(listing.path, checked.fileName), { overwrite: false });
  };

  return (
    <dialog
      ref={dialogRef}
      className="file-dialog"
      aria-label={title ?? t('files.title')}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2>{title ?? t('files.title')}</h2>
      <form
        className="path-row"
        onSubmit={(event) => {
          event.preventDefault();
          load(typedPath);
        }}
      >
        <button type="button" disabled={!listing?.parent} onClick={() => listing?.parent && load(listing.parent)}>
          {t('files.up')}
        </button>
        <input
          aria-label={t('files.path')}
          value={typedPath}
          onChange={(event) => {
            typedSinceLoad.current = true;
            setTypedPath(event.target.value);
          }}
        />
        <button type="submit">{t('files.go')}</button>
      </form>
      <p className="muted small">
        {texts ? texts.filter : exporting ? t('export.browserFilter', { extension }) : saving ? t('project.saveDialog.filter') : t(kind === 'project' ? 'files.filterProject' : 'files.filterVideo')}
      </p>
      <ul className="file-list" aria-label={listing?.path ?? ''}>
        {visible.map((entry) => (
          <li key={entry.path}>
            <button
              type="button"
              className={`file-entry ${entry.kind}`}
              onClick={() => {
                if (entry.kind === 'directory') load(entry.path);
                else if (saving) setFileName(entry.name);
                else onPick(entry.path, { overwrite: false });
              }}
            >
              <span aria-hidden="true" className="file-icon">
                {entry.kind === 'directory' ? '▸' : entry.kind === 'project' ? '◆' : entry.kind === 'video' ? '▶' : '▪'}
              </span>
              <span className="file-name">{entry.name}</span>
              <span className="file-size">{entry.size === null ? '' : formatters.size(entry.size)}</span>
              <span className="file-date">{entry.modifiedAt ? formatters.date.format(new Date(entry.modifiedAt)) : ''}</span>
            </button>
          </li>
        ))}
        {listing && visible.length === 0 && (
          <li className="muted">{texts ? texts.empty : exporting ? t('export.browserEmpty', { extension }) : saving ? t('project.saveDialog.emptyFolder') : t(kind === 'project' ? 'files.emptyProject' : 'files.emptyVideo')}</li>
        )}
      </ul>
      {listing && hiddenCount > 0 && (
        <p className="muted small" data-testid="files-hidden">
          {texts ? texts.hidden(hiddenCount) : exporting ? t('export.browserHidden', { count: hiddenCount, extension }) : t(kind === 'project' ? 'files.hiddenProject' : 'files.hiddenVideo', { count: hiddenCount })}
        </p>
      )}
      {saving ? (
        <form
          className="save-name-row"
          onSubmit={(event) => {
            event.preventDefault();
            submitName();
          }}
        >
          <label htmlFor={fileNameId}>{t('project.saveDialog.fileName')}</label>
          <div className="save-name-input">
            <input
              id={fileNameId}
              value={fileName}
              autoFocus
              aria-invalid={nameProblem !== null}
              aria-describedby={nameProblem ? `${fileNameId}-problem` : undefined}
              onChange={(event) => {
                setFileName(event.target.value);
                setNameProblem(null);
                setReplacing(null);
              }}
            />
            <span className="muted small">{extension}</span>
          </div>
          {nameProblem && (
            <p className="save-name-problem" id={`${fileNameId}-problem`} role="alert">
              {nameProblem}
            </p>
          )}
          {replacing ? (
            <div className="save-replace" role="alert">
              <p>{texts ? texts.replace(replacing.name) : t(exporting ? 'export.replaceQuestion' : 'project.saveDialog.replaceQuestion', { name: replacing.name })}</p>
              <div className="dialog-actions">
                <button type="button" onClick={() => setReplacing(null)}>
                  {t('project.saveDialog.otherName')}
                </button>
                <button type="button" className="pj-danger" onClick={() => onPick(replacing.path, { overwrite: true })}>
                  {t('project.saveDialog.replace')}
                </button>
              </div>
            </div>
          ) : (
            <div className="dialog-actions">
              <button type="button" onClick={onCancel}>
                {t('files.cancel')}
              </button>
              <button type="submit" className="pj-primary" disabled={!listing}>
                {confirmLabel ?? t('project.saveDialog.save')}
              </button>
            </div>
          )}
        </form>
      ) : (
        <div className="dialog-actions">
          <button type="button" onClick={onCancel}>
            {t('files.cancel')}
          </button>
        </div>
      )}
    </dialog>
  );
}

/** 1.2 MB, 830 kB — decimal units, as file managers show them, in the UI's number format. */
export function formatFileSize(bytes: number, locale: string): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value)} ${units[unit]}`;
}
