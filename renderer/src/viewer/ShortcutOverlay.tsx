import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { GAIT_SHORTCUTS } from './gait/gait-keys.ts';
import { TOOL_IDS, toolInfo } from '../../tools/registry.ts';
import { localKeyNames } from './key-names.ts';
import { SHORTCUTS, toolKey, toolOfCommand } from './shortcuts.ts';

export function ShortcutOverlay({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'nl' ? 'nl' : 'en';
  const dialogRef = useRef<HTMLDialogElement>(null);
  useEffect(() => dialogRef.current?.showModal(), []);
  return (
    <dialog ref={dialogRef} className="shortcut-dialog" aria-label={t('shortcuts.title')} onCancel={onClose} onClose={onClose}>
      <h2>{t('shortcuts.title')}</h2>
      <table>
        <tbody>
          {SHORTCUTS.filter((s) => toolOfCommand(s.command) === null && s.command !== 'toggle-keep-tool' && s.command !== 'track-point').map((shortcut) => (
            <tr key={`${shortcut.command}-${shortcut.display}`}>
              <td>
                <kbd>{localKeyNames(shortcut.display, t)}</kbd>
              </td>
              <td>{t(`commands.${shortcut.command}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('shortcuts.tools')}</h3>
      <table data-testid="tool-shortcuts">
        <tbody>
          {TOOL_IDS.map((id) => (
            <tr key={id}>
              <td>
                <kbd>{toolKey(id)}</kbd>
              </td>
              <td>{toolInfo(id).name[language]}</td>
            </tr>
          ))}
          <tr>
            <td>
              <kbd>{SHORTCUTS.find((s) => s.command === 'track-point')?.display}</kbd>
            </td>
            <td>{t('tracks.tool')}</td>
          </tr>
          <tr>
            <td>
              <kbd>{SHORTCUTS.find((s) => s.command === 'toggle-keep-tool')?.display}</kbd>
            </td>
            <td>{t('shortcuts.keepTool')}</td>
          </tr>
        </tbody>
      </table>
      <h3>{t('gait.shortcutsHeading')}</h3>
      <table>
        <tbody>
          {GAIT_SHORTCUTS.map((shortcut) => (
            <tr key={shortcut.id}>
              <td>
                <kbd>{localKeyNames(shortcut.display, t)}</kbd>
              </td>
              <td>{t(`gait.commands.${shortcut.id}`)}</td>
            </tr>
          ))}
          <tr>
            <td>
              <kbd>Enter</kbd>
            </td>
            <td>{t('proposals.enterShortcut')}</td>
          </tr>
        </tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" onClick={onClose} autoFocus>
          {t('shortcuts.close')}
        </button>
      </div>
    </dialog>
  );
}
