import { useTranslation } from 'react-i18next';

const stroke = { fill: 'none', stroke: 'currentColor', strokeWidth: 1.8, strokeLinecap: 'round', strokeLinejoin: 'round' } as const;

/** The Track point tool in the tool bar (key P): armed, a click on the frame picks the point to follow. */
export function TrackPointButton({ armed, onToggle }: { armed: boolean; onToggle(): void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="tool" aria-pressed={armed} aria-keyshortcuts="P" title={`${t('tracks.toolHint')} (P)`} onClick={onToggle}>
      <span className="tool-icon" aria-hidden="true">
        <svg viewBox="0 0 20 20" aria-hidden="true">
          <path d="M2.5 15 Q6 13 8 10.5 T13.5 6" {...stroke} strokeDasharray="2 2.2" />
          <circle cx="15" cy="5" r="2.6" {...stroke} />
        </svg>
      </span>
      <span className="tool-name">{t('tracks.tool')}</span>
      <kbd className="tool-key" aria-hidden="true">
        P
      </kbd>
    </button>
  );
}
