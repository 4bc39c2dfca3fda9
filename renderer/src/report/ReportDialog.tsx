import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language, Settings } from '../../../common/contract/app.ts';
import { MidstanceError } from '../../../common/contract/errors.ts';
import type { RenderedReport, ReportStage } from '../../../common/contract/report.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { ErrorMessage } from '../app/errors.tsx';
import { FileBrowserDialog } from '../app/FileBrowserDialog.tsx';
import { baseName } from '../project/paths.ts';
import { ReportPreview } from './ReportPreview.tsx';
import '../styles/report.css';

type Phase =
  | { kind: 'making'; stage: ReportStage; fraction: number | null }
  | { kind: 'ready'; report: RenderedReport; pdf: Uint8Array }
  | { kind: 'cancelled' }
  | { kind: 'failed'; error: unknown };

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * "Report": makes the session's PDF in the core (progress, Cancel), shows its pages, and saves exactly those
 * bytes where the user chooses (the native dialog in Electron, Midstance's folder browser in browser mode).
 */
export function ReportDialog({ sessionId, onClose }: { sessionId: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [language, setLanguage] = useState<Language>(i18n.language === 'en' ? 'en' : 'nl');
  const [phase, setPhase] = useState<Phase>({ kind: 'making', stage: 'reading', fraction: null });
  const [attempt, setAttempt] = useState(0);
  const [saved, setSaved] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [browsing, setBrowsing] = useState(false);
  const [choosingLogo, setChoosingLogo] = useState(false);
  const [settings, setSettings] = useState<Settings | null>(null);
  const jobRef = useRef<string | null>(null);

  useEffect(() => {
    dialogRef.current?.showModal();
    api.call('settings.get', {}).then(setSettings).catch(() => {});
  }, [api]);

  useEffect(() => {
    const jobId = `report-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    jobRef.current = jobId;
    setPhase({ kind: 'making', stage: 'reading', fraction: null });
    setSaved(null);
    setSaveError(null);
    const off = api.on('report.progress', (progress) => {
      if (progress.jobId === jobId) setPhase({ kind: 'making', stage: progress.stage, fraction: progress.fraction });
    });
    api
      .call('report.create', { sessionId, language, jobId })
      .then((report) => {
        if (jobRef.current === jobId) setPhase({ kind: 'ready', report, pdf: decodeBase64(report.pdfBase64) });
      })
      .catch((error: unknown) => {
        if (jobRef.current !== jobId) return;
        setPhase(error instanceof MidstanceError && error.code === 'cancelled' ? { kind: 'cancelled' } : { kind: 'failed', error });
      });
    return () => {
      off();
      if (jobRef.current === jobId) jobRef.current = null;
      void api.call('report.cancel', { jobId }).catch(() => {});
    };
  }, [api, sessionId, language, attempt]);

  /** Stops the job in the core and drops its answer, should it still come (a Cancel that raced the finish). */
  const cancel = () => {
    const jobId = jobRef.current;
    if (!jobId) return;
    jobRef.current = null;
    void api.call('report.cancel', { jobId }).catch(() => {});
    setPhase((current) => (current.kind === 'making' ? { kind: 'cancelled' } : current));
  };

  const close = () => {
    if (phase.kind === 'making') cancel();
    onClose();
  };

  const saveTo = useCallback(
    async (path: string, overwrite: boolean) => {
      if (phase.kind !== 'ready') return;
      setSaveError(null);
      try {
        const result = await api.call('report.save', { reportId: phase.report.reportId, path, overwrite });
        setSaved(result.path);
      } catch (error) {
        setSaveError(error);
      }
    },
    [api, phase],
  );

  const save = async () => {
    if (phase.kind !== 'ready') return;
    try {
      const native = await api.call('report.pickSavePath', { suggestedName: phase.report.suggestedName });
      if (native.supported) {
        if (native.path) await saveTo(native.path, true);
        return;
      }
    } catch (error) {
      setSaveError(error);
      return;
    }
    setBrowsing(true);
  };

  const updatePractice = (patch: Partial<Pick<Settings, 'practiceName' | 'practiceLogoPath'>>) => {
    setSettings((current) => (current ? { ...current, ...patch } : current));
    api.call('settings.update', patch).then(setSettings).catch(() => {});
  };

  const chooseLogo = async () => {
    try {
      const native = await api.call('report.pickLogo', {});
      if (native.supported) {
        if (native.path) updatePractice({ practiceLogoPath: native.path });
        return;
      }
    } catch (error) {
      setSaveError(error);
      return;
    }
    setChoosingLogo(true);
  };

  const size = useMemo(() => {
    if (phase.kind !== 'ready') return '';
    const kb = phase.report.bytes / 1024;
    return kb >= 1024 ? `${(kb / 1024).toLocaleString(language === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 1 })} MB` : `${Math.round(kb)} kB`;
  }, [phase, language]);

  const stageText = phase.kind === 'making' ? t(`report.stage.${phase.stage}`, { percent: Math.round((phase.fraction ?? 0) * 100) }) : '';

  return (
    <dialog
      ref={dialogRef}
      className="report-dialog"
      aria-label={t('report.title')}
      onCancel={(event) => {
        event.preventDefault();
        close();
      }}
    >
      <header className="report-head">
        <h2>{t('report.title')}</h2>
        <div className="segmented" role="group" aria-label={t('report.language')}>
          {(['nl', 'en'] as const).map((code) => (
            <button key={code} type="button" aria-pressed={language === code} onClick={() => setLanguage(code)}>
              {t(`app.languages.${code}`)}
            </button>
          ))}
        </div>
      </header>

      <div className="report-body">
        <section className="report-view">
          {phase.kind === 'making' && (
            <div className="report-making" role="status">
              <p>{stageText}</p>
              <progress className="opening-progress" max={1} value={phase.fraction ?? undefined} aria-label={stageText} />
              <button type="button" onClick={cancel}>
                {t('report.cancel')}
              </button>
            </div>
          )}
          {phase.kind === 'cancelled' && <p className="report-making muted">{t('report.cancelled')}</p>}
          {phase.kind === 'failed' && (
            <p className="report-making viewer-error" role="alert">
              <ErrorMessage error={phase.error} />
            </p>
          )}
          {phase.kind === 'ready' && <ReportPreview pdf={phase.pdf} />}
        </section>

        <aside className="report-side">
          {phase.kind === 'ready' && (
            <>
              <p className="report-size">{t('report.pages', { count: phase.report.pages, size })}</p>
              {phase.report.warnings.length > 0 && (
                <div className="report-warnings" role="note">
                  <strong>{t('report.warnings')}</strong>
                  <ul>
                    {phase.report.warnings.map((warning) => (
                      <li key={warning}>{warning}</li>
                    ))}
                  </ul>
                </div>
              )}
            </>
          )}
          {settings && (
            <fieldset className="report-practice">
              <legend>{t('report.practice')}</legend>
              <label>
                {t('report.practiceName')}
                <input
                  value={settings.practiceName}
                  maxLength={200}
                  placeholder={t('report.practiceNamePlaceholder')}
                  onChange={(event) => updatePractice({ practiceName: event.target.value })}
                />
              </label>
              <div className="report-logo">
                <span>{t('report.logo')}</span>
                <span className={settings.practiceLogoPath ? 'report-logo-path' : 'report-logo-path muted'} title={settings.practiceLogoPath ?? ''}>
                  {settings.practiceLogoPath ? baseName(settings.practiceLogoPath) : t('report.noLogo')}
                </span>
                <div className="report-logo-actions">
                  <button type="button" onClick={() => void chooseLogo()}>
                    {t('report.chooseLogo')}
                  </button>
                  {settings.practiceLogoPath && (
                    <button type="button" className="ghost" onClick={() => updatePractice({ practiceLogoPath: null })}>
                      {t('report.removeLogo')}
                    </button>
                  )}
                </div>
              </div>
              <p className="muted small">{t('report.practiceHint')}</p>
              <button type="button" disabled={phase.kind === 'making'} onClick={() => setAttempt((n) => n + 1)}>
                {t('report.remake')}
              </button>
            </fieldset>
          )}
          {saved && (
            <p className="report-saved" role="status">
              {t('report.saved', { path: saved })}
            </p>
          )}
          {saveError !== null && (
            <p className="viewer-error" role="alert">
              <ErrorMessage error={saveError} />
            </p>
          )}
        </aside>
      </div>

      <div className="dialog-actions">
        <button type="button" className="ghost" onClick={close}>
          {t('report.close')}
        </button>
        <button type="button" className="primary" disabled={phase.kind !== 'ready'} onClick={() => void save()}>
          {t('report.save')}
        </button>
      </div>

      {choosingLogo && (
        <FileBrowserDialog
          kind="project"
          title={t('report.logoTitle')}
          accept={['.png', '.jpg', '.jpeg']}
          texts={{
            filter: t('report.logoFilter'),
            empty: t('report.logoEmpty'),
            hidden: (count) => t('report.logoHidden', { count }),
            replace: (name) => name,
          }}
          onCancel={() => setChoosingLogo(false)}
          onPick={(path) => {
            setChoosingLogo(false);
            updatePractice({ practiceLogoPath: path });
          }}
        />
      )}
      {browsing && phase.kind === 'ready' && (
        <FileBrowserDialog
          kind="project"
          mode="save"
          extension=".pdf"
          texts={{ filter: t('report.saveFilter'), empty: t('report.saveEmpty'), hidden: (count) => t('report.saveHidden', { count }), replace: (name) => t('report.saveReplace', { name }) }}
          defaultName={phase.report.suggestedName.replace(/\.pdf$/i, '')}
          title={t('report.saveTitle')}
          confirmLabel={t('report.save').replace('…', '')}
          onCancel={() => setBrowsing(false)}
          onPick={(path, { overwrite }) => {
            setBrowsing(false);
            void saveTo(path, overwrite);
          }}
        />
      )}
    </dialog>
  );
}
