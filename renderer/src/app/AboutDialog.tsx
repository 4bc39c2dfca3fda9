import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../common/contract/app.ts';
import type { MediaDiagnostics } from '../../../common/contract/media.ts';
import { useApi } from '../api/ApiProvider.tsx';

/** Version, shell and the ffmpeg in use — what support asks first. */
export function AboutDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [app, setApp] = useState<AppInfo | null>(null);
  const [media, setMedia] = useState<MediaDiagnostics | null>(null);

  useEffect(() => {
    dialogRef.current?.showModal();
    api.call('app.info', {}).then(setApp).catch(() => {});
    api.call('media.diagnostics', {}).then(setMedia).catch(() => {});
  }, [api]);

  const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;
  return (
    <dialog ref={dialogRef} className="about-dialog" aria-label={t('about.title')} onCancel={onClose} onClose={onClose}>
      <h2>{t('about.title')}</h2>
      {media && !media.ok && (
        <p className="viewer-error" role="alert">
          {media.problem}
        </p>
      )}
      <dl className="about-list">
        <dt>{t('about.version')}</dt>
        <dd data-testid="about-version">{app ? `${app.name} ${app.version}` : '…'}</dd>
        <dt>{t('about.shell')}</dt>
        <dd>{app ? t(`about.shells.${app.shell}`) : '…'}</dd>
        <dt>Node.js</dt>
        <dd>{app?.nodeVersion ?? '…'}</dd>
        {media && (
          <>
            <dt>ffmpeg</dt>
            <dd data-testid="about-ffmpeg">
              {media.ffmpeg.version ?? t('about.notFound')}
              {media.ffmpeg.path && <span className="muted small"> · {media.ffmpeg.path} ({t(`about.sources.${media.ffmpeg.source ?? 'path'}`)})</span>}
            </dd>
            <dt>ffprobe</dt>
            <dd>
              {media.ffprobe.version ?? t('about.notFound')}
              {media.ffprobe.path && <span className="muted small"> · {media.ffprobe.path}</span>}
            </dd>
            <dt>{t('about.frames')}</dt>
            <dd>
              {media.ffmpeg.version ? t('about.decoder', { version: media.ffmpeg.version }) : t('about.decoderMissing')} · {t('about.preview', { width: media.previewWidth })} · {t('about.cache', { used: megabytes(media.cacheBytes), bound: megabytes(media.cacheBoundBytes) })}
            </dd>
          </>
        )}
      </dl>
      <p className="muted small">{t('app.offline')}</p>
      <div className="dialog-actions">
        <button type="button" onClick={onClose} autoFocus>
          {t('shortcuts.close')}
        </button>
      </div>
    </dialog>
  );
}
