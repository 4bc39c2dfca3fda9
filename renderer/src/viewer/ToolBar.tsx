import { useTranslation } from 'react-i18next';
import { TOOL_IDS, toolInfo } from '../../tools/registry.ts';
import type { ToolId } from '../../tools/types.ts';
import { TOOL_ICONS } from './tool-icons.tsx';

export function ToolBar({ tool, onTool, disabled = false }: { tool: ToolId; onTool(tool: ToolId): void; disabled?: boolean }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'nl' ? 'nl' : 'en';
  return (
    <nav className="toolbar" aria-label={t('workspace.tools')}>
      {TOOL_IDS.map((id) => {
        const info = toolInfo(id);
        return (
          <button
            key={id}
            type="button"
            className="tool"
            aria-pressed={tool === id}
            disabled={disabled}
            title={info.hint[language]}
            onClick={() => onTool(id)}
          >
            <span className="tool-icon" aria-hidden="true">
              {TOOL_ICONS[id]}
            </span>
            <span className="tool-name">{info.name[language]}</span>
          </button>
        );
      })}
    </nav>
  );
}
