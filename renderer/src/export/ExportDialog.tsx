import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../common/contract/app.ts';
import type { CsvDialect } from '../../../common/export/csv.ts';
import { SLOW_FACTORS, planSlowVideo } from '../../../common/export/video-plan.ts';
import type { ViewerState } from '../checklist/viewer-link.tsx';
import { useApi } from '../api/ApiProvider.tsx';
import { ErrorMessage } from '../app/errors.tsx';
import { folderOf } from '../project/paths.ts';
import { usePathPicker } from '../project/use-path-picker.tsx';
import { useProject } from '../project/ProjectProvider.tsx';
import '../styles/export.css';
import { useExportJob, type JobState } from './use-export-job.ts';

const HOLD_CHOICES = [0, 1, 2, 3, 5] as const;

/** A file name from a clip name: letters, digits and a few marks kept, the rest a dash. */
function safeName(name: string): string {
  return name.replace(/[<>:"/\\|?*\u0000-\u001f]+/g, '-').replace(/\s+/g, ' ').trim().slice(0, 80) || 'export';
}

/**
 * The Export dialog: measurements as CSV (clip or session, standard or Dutch spreadsheet), frames with their
 * drawings as PNG, and a slowed MP4 of a range. Saving asks for the place (native dialog, or the in-app file
 * browser in browser mode); PNG and video show their progress and can be cancelled.
 */
export function ExportDialog({ viewer, onClose }: { viewer: ViewerState | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { pickSave } = usePathPicker();
  const project = useProject();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const { job, run, cancel } = useExportJob();
  const language: Language = i18n.language === 'nl' ? 'nl' : 'en';
  const clipName = project.activeClip?.name ?? '';
  const base = safeName(clipName);
  const folder = project.project ? folderOf(project.project.path) : null;
  const running = job.state === 'running';
  const ids = { scope: useId(), dialect: useId(), png: useId(), from: useId(), to: useId(), speed: useId(), hold: useId(), caption: useId() };

  const [scope, setScope] = useState<'clip' | 'session'>('clip');
  const [dialect, setDialect] = useState<CsvDialect>(language === 'nl' ? 'nl' : 'standard');
  const drawnFrames = useMemo(() => [...new Set(viewer?.annotations.map((a) => a.frameIndex) ?? [])].sort((a, b) => a - b), [viewer?.annotations]);
  const [pngChoice, setPngChoice] = useState<'current' | 'drawn'>('current');
  const last = (viewer?.frameCount ?? 1) - 1;
  const [from, setFrom] = useState(() => String(viewer?.range?.in ?? viewer?.frameIndex ?? 0));
  const [to, setTo] = useState(() => String(viewer?.range?.out ?? Math.min(last, (viewer?.frameIndex ?? 0) + 119)));
  const [slow, setSlow] = useState<(typeof SLOW_FACTORS)[number]>(8);
  const [hold, setHold] = useState<number>(2);
  const [caption, setCaption] = useState(true);

  useEffect(() => {
    dialogRef.current?.showModal();
  }, []);

  const fromIndex = /^\d+$/.test(from.trim()) ? Number(from) : Number.NaN;
  const toIndex = /^\d+$/.test(to.trim()) ? Number(to) : Number.NaN;
  const rangeOk = Number.isInteger(fromIndex) && Number.isInteger(toIndex) && fromIndex >= 0 && toIndex <= last && fromIndex <= toIndex;
  const estimate = useMemo(() => {
    if (!rangeOk || !viewer?.captureFps) return null;
    const count = toIndex - fromIndex + 1;
    // The estimate assumes even frame timing; the export itself uses every frame's own timestamp.
    const times = Array.from({ length: count }, (_, i) => i / viewer.captureFps!);
    const held = new Set(drawnFrames.filter((f) => f >= fromIndex && f <= toIndex).map((f) => f - fromIndex));
    const plan = planSlowVideo({ frames: { times }, rates: { fileFps: viewer.captureFps, captureFps: viewer.captureFps }, from: 0, to: count - 1, slow, heldFrames: held, holdSeconds: hold });
    return { frames: plan.totalFrames, seconds: plan.durationSeconds };
  }, [rangeOk, viewer?.captureFps, fromIndex, toIndex, drawnFrames, slow, hold]);

  const number = (value: number, digits = 1) => value.toLocaleString(i18n.language === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: digits });

  const saveCsv = async () => {
    const sessionId = project.activeSessionId;
    const target = await pickSave({ folder, defaultName: scope === 'session' ? `${base} - ${language === 'nl' ? 'sessie' : 'session'}` : base, extension: '.csv', title: t('export.saveTitle.csv'), confirmLabel: t('project.saveDialog.save') });
    if (!target || !viewer) return;
    await run(
      'csv',
      () => api.call('export.csv', { scope: scope === 'session' && sessionId ? { sessionId } : { clipId: viewer.clipId }, dialect, language, outPath: target.path }),
      (result) =>
        [t('export.csv.saved', { count: result.rows, path: result.path }), result.missingMedia.length > 0 ? t('export.csv.missing', { names: result.missingMedia.join(', ') }) : '']
          .filter(Boolean)
          .join(' '),
    );
  };

  const savePng = async () => {
    if (!viewer) return;
    const frames = pngChoice === 'drawn' && drawnFrames.length > 0 ? drawnFrames : [viewer.frameIndex];
    const target = await pickSave({ folder, defaultName: frames.length === 1 ? `${base} - ${frames[0]}` : base, extension: '.png', title: t('export.saveTitle.png'), confirmLabel: t('project.saveDialog.save') });
    if (!target) return;
    await run(
      'png',
      (jobId) => api.call('export.png', { clipId: viewer.clipId, frames, outPath: target.path, language, jobId }),
      (result) => t('export.png.saved', { count: result.paths.length, path: result.paths[0] }),
    );
  };

  const saveVideo = async () => {
    if (!viewer || !rangeOk) return;
    const target = await pickSave({ folder, defaultName: `${base} ${fromIndex}-${toIndex} 1-${slow}`, extension: '.mp4', title: t('export.saveTitle.video'), confirmLabel: t('project.saveDialog.save') });
    if (!target) return;
    await run(
      'video',
      (jobId) => api.call('export.video', { clipId: viewer.clipId, from: fromIndex, to: toIndex, slow, caption, holdSeconds: hold, outPath: target.path, language, jobId }),
      (result) => t('export.video.saved', { path: result.path, seconds: number(result.durationSeconds) }),
    );
  };

  const close = () => {
    if (running) cancel();
    onClose();
  };

  return (
    <dialog
      ref={dialogRef}
      className="export-dialog"
      aria-label={t('export.title')}
      onCancel={(event) => {
        event.preventDefault();
        close();
      }}
    >
      <header className="export-head">
        <h2>{t('export.title')}</h2>
        {clipName && <span className="muted small">{t('export.clipLine', { name: clipName })}</span>}
      </header>
      {!viewer ? (
        <p className="muted">{t('export.noClip')}</p>
      ) : (
        <div className="export-sections">
          <section className="export-card" aria-labelledby={`${ids.scope}-h`}>
            <h3 id={`${ids.scope}-h`}>{t('export.csv.heading')}</h3>
            <p className="muted small">{t('export.csv.hint')}</p>
            <fieldset disabled={running}>
              <legend>{t('export.csv.scope')}</legend>
              <label className="export-radio">
                <input type="radio" name={ids.scope} checked={scope === 'clip'} onChange={() => setScope('clip')} />
                {t('export.csv.scopeClip')}
              </label>
              <label className="export-radio">
                <input type="radio" name={ids.scope} checked={scope === 'session'} disabled={!project.activeSessionId} onChange={() => setScope('session')} />
                {t('export.csv.scopeSession')}
              </label>
            </fieldset>
            <fieldset disabled={running}>
              <legend>{t('export.csv.dialect')}</legend>
              <label className="export-radio">
                <input type="radio" name={ids.dialect} checked={dialect === 'nl'} onChange={() => setDialect('nl')} />
                {t('export.csv.dialectNl')}
              </label>
              <label className="export-radio">
                <input type="radio" name={ids.dialect} checked={dialect === 'standard'} onChange={() => setDialect('standard')} />
                {t('export.csv.dialectStandard')}
              </label>
            </fieldset>
            <div className="export-actions">
              <button type="button" className="pj-primary" disabled={running} onClick={() => void saveCsv()}>
                {t('export.csv.save')}
              </button>
            </div>
          </section>

          <section className="export-card" aria-labelledby={`${ids.png}-h`}>
            <h3 id={`${ids.png}-h`}>{t('export.png.heading')}</h3>
            <p className="muted small">{t('export.png.hint')}</p>
            <fieldset disabled={running}>
              <label className="export-radio">
                <input type="radio" name={ids.png} checked={pngChoice === 'current'} onChange={() => setPngChoice('current')} />
                {t('export.png.current', { frame: viewer.frameIndex })}
              </label>
              <label className="export-radio">
                <input type="radio" name={ids.png} checked={pngChoice === 'drawn'} disabled={drawnFrames.length === 0} onChange={() => setPngChoice('drawn')} />
                {drawnFrames.length === 0 ? t('export.png.drawnNone') : t('export.png.drawn', { count: drawnFrames.length })}
              </label>
            </fieldset>
            <div className="export-actions">
              <button type="button" className="pj-primary" disabled={running} onClick={() => void savePng()}>
                {t('export.png.save')}
              </button>
            </div>
          </section>

          <section className="export-card wide" aria-labelledby={`${ids.from}-h`}>
            <h3 id={`${ids.from}-h`}>{t('export.video.heading')}</h3>
            <p className="muted small">{t('export.video.hint')}</p>
            <fieldset disabled={running} className="export-grid">
              <label htmlFor={ids.from}>{t('export.video.from')}</label>
              <span className="export-range">
                <input id={ids.from} inputMode="numeric" value={from} aria-invalid={!rangeOk} onChange={(event) => setFrom(event.target.value)} />
                <label htmlFor={ids.to}>{t('export.video.to')}</label>
                <input id={ids.to} inputMode="numeric" value={to} aria-invalid={!rangeOk} onChange={(event) => setTo(event.target.value)} />
                {viewer.range && viewer.range.in !== null && viewer.range.out !== null && (
                  <button
                    type="button"
                    className="ghost small"
                    onClick={() => {
                      setFrom(String(viewer.range!.in));
                      setTo(String(viewer.range!.out));
                    }}
                  >
                    {t('export.video.useRange')}
                  </button>
                )}
              </span>
              <label htmlFor={ids.speed}>{t('export.video.speed')}</label>
              <select id={ids.speed} value={slow} onChange={(event) => setSlow(Number(event.target.value) as (typeof SLOW_FACTORS)[number])}>
                {SLOW_FACTORS.map((factor) => (
                  <option key={factor} value={factor}>
                    {t('export.video.speedOption', { factor })}
                  </option>
                ))}
              </select>
              <label htmlFor={ids.hold}>{t('export.video.hold')}</label>
              <select id={ids.hold} value={hold} onChange={(event) => setHold(Number(event.target.value))}>
                {HOLD_CHOICES.map((seconds) => (
                  <option key={seconds} value={seconds}>
                    {t('export.video.holdOption', { count: seconds })}
                  </option>
                ))}
              </select>
              <span />
              <label className="export-radio">
                <input id={ids.caption} type="checkbox" checked={caption} onChange={(event) => setCaption(event.target.checked)} />
                {t('export.video.caption')}
              </label>
            </fieldset>
            <p className={rangeOk ? 'muted small' : 'field-problem'} role={rangeOk ? undefined : 'alert'}>
              {rangeOk
                ? estimate && t('export.video.estimate', { frames: estimate.frames, seconds: number(estimate.seconds) })
                : t('export.video.badRange', { last })}
            </p>
            <div className="export-actions">
              <button type="button" className="pj-primary" disabled={running || !rangeOk} onClick={() => void saveVideo()}>
                {t('export.video.save')}
              </button>
            </div>
          </section>
        </div>
      )}
      <JobStatus job={job} onCancel={cancel} />
      <div className="dialog-actions">
        <button type="button" onClick={close}>
          {t('export.close')}
        </button>
      </div>
    </dialog>
  );
}

function JobStatus({ job, onCancel }: { job: JobState; onCancel: () => void }) {
  const { t } = useTranslation();
  if (job.state === 'idle') return null;
  if (job.state === 'done') return <p className="export-status done" role="status">{job.message}</p>;
  if (job.state === 'cancelled') return <p className="export-status" role="status">{t('export.progress.cancelled')}</p>;
  if (job.state === 'failed') {
    return (
      <p className="export-status failed" role="alert">
        <ErrorMessage error={job.error} />
      </p>
    );
  }
  const progress = job.progress;
  const fraction = progress?.fraction ?? null;
  const percent = fraction === null ? null : Math.round(fraction * 100);
  const label = !progress
    ? t('export.progress.preparing')
    : progress.stage === 'encoding'
      ? t('export.progress.encoding', { percent: percent ?? 0 })
      : progress.stage === 'frames'
        ? t('export.progress.frames', { done: progress.done + 1, total: progress.total })
        : t(`export.progress.${progress.stage}`);
  return (
    <div className="export-status running" role="status">
      <div className="export-progress-row">
        <progress max={100} value={percent ?? undefined} aria-label={label} />
        {job.kind !== 'csv' && (
          <button type="button" onClick={onCancel}>
            {t('export.progress.cancel')}
          </button>
        )}
      </div>
      <span className="small">{label}</span>
    </div>
  );
}
