import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirectoryEntry, FileKind } from '../../../common/contract/app.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { useErrorReporter } from './errors.tsx';

interface Listing {
  path: string;
  parent: string | null;
  entries: DirectoryEntry[];
}

/**
 * Browser mode has no native file dialog, and a browser <input type=file> hides the real path,
 * which the project needs to find media again. So Midstance lists folders through its own API.
 */
export function FileBrowserDialog({
  kind,
  onPick,
  onCancel,
}: {
  kind: FileKind;
  onPick: (path: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const { report } = useErrorReporter();
  const [listing, setListing] = useState<Listing | null>(null);
  const [typedPath, setTypedPath] = useState('');
  const dialogRef = useRef<HTMLDialogElement>(null);

  const load = (path: string | null) => {
    api
      .call('files.list', { path })
      .then((result) => {
        setListing(result);
        setTypedPath(result.path);
      })
      .catch(report);
  };

  useEffect(() => {
    dialogRef.current?.showModal();
    load(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const visible = listing?.entries.filter((entry) => entry.kind === 'directory' || entry.kind === kind) ?? [];

  return (
    <dialog ref={dialogRef} className="file-dialog" aria-label={t('files.title')} onCancel={onCancel}>
      <h2>{t('files.title')}</h2>
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
        <input aria-label={t('files.path')} value={typedPath} onChange={(event) => setTypedPath(event.target.value)} />
        <button type="submit">{t('files.go')}</button>
      </form>
      <p className="muted small">{t(kind === 'project' ? 'files.filterProject' : 'files.filterVideo')}</p>
      <ul className="file-list" aria-label={listing?.path ?? ''}>
        {visible.map((entry) => (
          <li key={entry.path}>
            <button
              type="button"
              className={`file-entry ${entry.kind}`}
              onClick={() => (entry.kind === 'directory' ? load(entry.path) : onPick(entry.path))}
            >
              <span aria-hidden="true" className="file-icon">
                {entry.kind === 'directory' ? '▸' : entry.kind === 'project' ? '◆' : '▶'}
              </span>
              {entry.name}
            </button>
          </li>
        ))}
        {listing && visible.length === 0 && <li className="muted">{t('files.empty')}</li>}
      </ul>
      <div className="dialog-actions">
        <button type="button" onClick={onCancel}>
          {t('files.cancel')}
        </button>
      </div>
    </dialog>
  );
}
