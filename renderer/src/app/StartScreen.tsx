import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FileKind, RecentItem } from '../../../common/contract/app.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { UntitledProjectsList } from '../project/index.ts';
import { AboutDialog } from './AboutDialog.tsx';
import { ErrorMessage, useErrorReporter } from './errors.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

export interface StartActions {
  newProject(): void;
  pick(kind: FileKind): void;
  open(kind: FileKind, path: string): void;
}

export function StartScreen({ actions, onProjectOpened }: { actions: StartActions; onProjectOpened?: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const { report } = useErrorReporter();
  const [recent, setRecent] = useState<RecentItem[] | null>(null);
  const [about, setAbout] = useState(false);

  const [ffmpegProblem, setFfmpegProblem] = useState<string | null>(null);

  useEffect(() => {
    api.call('recent.list', {}).then(setRecent).catch(report);
    // Say up front when videos cannot be opened, not after the user picked one.
    api
      .call('media.diagnostics', {})
      .then((diagnostics) => setFfmpegProblem(diagnostics.ok ? null : diagnostics.problem))
      .catch(() => {});
  }, [api, report]);

  const forget = (path: string) => api.call('recent.forget', { path }).then(setRecent).catch(report);
  const tips = t('start.filmingTips', { returnObjects: true }) as string[];

  return (
    <div className="start-screen">
      <header className="start-header">
        <div className="brand">
          <Logo />
          <div>
            <h1>{t('app.name')}</h1>
            <p className="muted">{t('app.tagline')}</p>
          </div>
        </div>
        <LanguageSwitch />
      </header>

      {ffmpegProblem && (
        <p className="viewer-error start-warning" role="alert">
          {/* Diagnostics report only this: ffmpeg/ffprobe missing or too old (the core's words as detail). */}
          <ErrorMessage error={{ code: 'ffmpeg-missing', message: ffmpegProblem }} />
        </p>
      )}
      <UntitledProjectsList onOpened={onProjectOpened} />
      <main className="start-main">
        <section aria-labelledby="start-heading" className="start-actions">
          <h2 id="start-heading" className="visually-hidden">
            {t('start.heading')}
          </h2>
          <ActionCard primary title={t('start.newProject')} hint={t('start.newProjectHint')} icon="+" onClick={actions.newProject} />
          <ActionCard
            title={t('start.openProject')}
            hint={t('start.openProjectHint')}
            icon="◆"
            onClick={() => actions.pick('project')}
          />
          <ActionCard
            title={t('start.openVideo')}
            hint={t('start.openVideoHint')}
            icon="▶"
            onClick={() => actions.pick('video')}
          />
        </section>

        <section aria-labelledby="recent-heading" className="recent">
          <h2 id="recent-heading">{t('start.recent')}</h2>
          {recent !== null && recent.length === 0 && <p className="muted">{t('start.recentEmpty')}</p>}
          <ul className="recent-list">
            {recent?.map((item) => (
              <li key={item.path}>
                <button type="button" className="recent-open" title={item.path} onClick={() => actions.open(item.kind, item.path)}>
                  <span className={`badge ${item.kind}`}>{t(`start.kinds.${item.kind}`)}</span>
                  <span className="recent-name">{item.name}</span>
                  <span className="recent-path muted">{item.path}</span>
                </button>
                <button
                  type="button"
                  className="ghost icon"
                  aria-label={t('start.forget', { name: item.name })}
                  onClick={() => void forget(item.path)}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        </section>

        <aside className="tips" aria-labelledby="tips-heading">
          <h2 id="tips-heading">{t('start.filmingTitle')}</h2>
          <ul>
            {tips.map((tip) => (
              <li key={tip}>{tip}</li>
            ))}
          </ul>
        </aside>
      </main>
      <footer className="start-footer muted small">
        {t('app.offline')} ·{' '}
        <button type="button" className="footer-link" onClick={() => setAbout(true)}>
          {t('about.open')}
        </button>
      </footer>
      {about && <AboutDialog onClose={() => setAbout(false)} />}
    </div>
  );
}

function ActionCard({
  title,
  hint,
  icon,
  onClick,
  primary = false,
}: {
  title: string;
  hint: string;
  icon: string;
  onClick: () => void;
  primary?: boolean;
}) {
  return (
    <button type="button" className={primary ? 'action-card primary' : 'action-card'} onClick={onClick}>
      <span className="action-icon" aria-hidden="true">
        {icon}
      </span>
      <span className="action-title">{title}</span>
      <span className="action-hint">{hint}</span>
    </button>
  );
}

export function Logo() {
  // A runner's stance leg and the goniometer arc: the two things this app is about.
  return (
    <svg className="logo" viewBox="0 0 48 48" aria-hidden="true">
      <rect width="48" height="48" rx="10" fill="#14532d" />
      <path d="M14 36 L24 22 L34 36" fill="none" stroke="#4ade80" strokeWidth="3.5" strokeLinecap="round" strokeLinejoin="round" />
      <path d="M19 29 A7 7 0 0 1 29 29" fill="none" stroke="#fbbf24" strokeWidth="2.5" strokeLinecap="round" />
      <circle cx="24" cy="13" r="4" fill="#4ade80" />
    </svg>
  );
}
