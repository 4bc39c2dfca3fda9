import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { localKeyNames } from './key-names.ts';
import { SHORTCUTS } from './shortcuts.ts';

export function ShortcutOverlay({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  useEffect(() => dialogRef.current?.showModal(), []);
  return (
    <dialog ref={dialogRef} className="shortcut-dialog" aria-label={t('shortcuts.title')} onCancel={onClose} onClose={onClose}>
      <h2>{t('shortcuts.title')}</h2>
      <table>
        <tbody>
          {SHORTCUTS.map((shortcut) => (
            <tr key={`${shortcut.command}-${shortcut.display}`}>
              <td>
                <kbd>{localKeyNames(shortcut.display, t)}</kbd>
              </td>
              <td>{t(`commands.${shortcut.command}`)}</td>
            </tr>
          ))}
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
