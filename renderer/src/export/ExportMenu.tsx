import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ViewerState } from '../checklist/viewer-link.tsx';
import { ExportDialog } from './ExportDialog.tsx';

/**
 * The header's Export button: opens the export dialog for the clip (and frame, range) on screen; `readViewer`
 * gives the focused viewer's state at the moment the menu opens.
 */
export function ExportMenu({ readViewer }: { readViewer: () => ViewerState | null }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<{ viewer: ViewerState | null } | null>(null);
  return (
    <>
      <button type="button" className="export-button" aria-haspopup="dialog" onClick={() => setOpen({ viewer: readViewer() })}>
        {t('export.button')}
      </button>
      {open && <ExportDialog viewer={open.viewer} onClose={() => setOpen(null)} />}
    </>
  );
}
