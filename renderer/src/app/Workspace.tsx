import { useTranslation } from 'react-i18next';
import type { OpenRequest } from '../../../common/contract/app.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { Logo } from './StartScreen.tsx';

const TOOLS = ['select', 'goniometer', 'angleHorizontal', 'angleVertical', 'line', 'ruler', 'marker', 'text'] as const;

/** The analysis layout: tool bar, frame area, side panel and timeline. */
export function Workspace({ document, onClose }: { document: OpenRequest; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="workspace">
      <header className="workspace-header">
        <button type="button" className="ghost" onClick={onClose} aria-label={t('workspace.back')}>
          <Logo />
        </button>
        <span className="document-name" title={document.path}>
          {document.path.split(/[\\/]/).pop()}
        </span>
        <span className="spacer" />
        <LanguageSwitch />
      </header>
      <nav className="toolbar" aria-label={t('workspace.tools')}>
        {TOOLS.map((tool) => (
          <button key={tool} type="button" className="tool" aria-pressed={tool === 'select'}>
            {t(`tool.${tool}`)}
          </button>
        ))}
      </nav>
      <main className="frame-area" aria-label={t('workspace.frameArea')}>
        <p className="muted">{t('workspace.noClip')}</p>
      </main>
      <aside className="side-panel" aria-label={t('workspace.sidePanel')} />
      <footer className="timeline" aria-label={t('workspace.timeline')} />
    </div>
  );
}
