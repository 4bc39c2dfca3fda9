import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TOOL_IDS, toolInfo } from '../../tools/registry.ts';
import type { ToolId } from '../../tools/types.ts';
import { toolKey } from './shortcuts.ts';
import { TOOL_ICONS } from './tool-icons.tsx';

export function ToolBar({
  tool,
  onTool,
  disabled = false,
  keepTool = false,
  onToggleKeepTool,
  extra,
}: {
  tool: ToolId;
  onTool(tool: ToolId): void;
  disabled?: boolean;
  keepTool?: boolean;
  onToggleKeepTool?(): void;
  /** More tools that are not drawing tools (Track point). */
  extra?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'nl' ? 'nl' : 'en';
  return (
    <nav className="toolbar" aria-label={t('workspace.tools')}>
      {TOOL_IDS.map((id) => {
        const info = toolInfo(id);
        const key = toolKey(id);
        return (
          <button
            key={id}
            type="button"
            className="tool"
            aria-pressed={tool === id}
            aria-keyshortcuts={key ?? undefined}
            disabled={disabled}
            title={key ? `${info.hint[language]} (${key})` : info.hint[language]}
            onClick={() => onTool(id)}
          >
            <span className="tool-icon" aria-hidden="true">
              {TOOL_ICONS[id]}
            </span>
            <span className="tool-name">{info.name[language]}</span>
            {key && (
              <kbd className="tool-key" aria-hidden="true">
                {key}
              </kbd>
            )}
          </button>
        );
      })}
      {extra}
      <label className="keep-tool" title={t('measure.keepToolHint')}>
        <input type="checkbox" checked={keepTool} disabled={disabled || !onToggleKeepTool} onChange={() => onToggleKeepTool?.()} aria-keyshortcuts="K" />
        <span>{t('measure.keepTool')}</span>
        <kbd className="tool-key" aria-hidden="true">
          K
        </kbd>
      </label>
    </nav>
  );
}
