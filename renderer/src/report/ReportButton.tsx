import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProject } from '../project/index.ts';
import { ReportDialog } from './ReportDialog.tsx';

/** The header's "Report" button: the PDF of the session chosen in the side panel. */
export function ReportButton() {
  const { t } = useTranslation();
  const { activeSessionId } = useProject();
  const [open, setOpen] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="report-button"
        disabled={activeSessionId === null}
        title={activeSessionId === null ? t('report.needsSession') : t('report.buttonHint')}
        onClick={() => setOpen(activeSessionId)}
      >
        {t('report.button')}
      </button>
      {open !== null && <ReportDialog sessionId={open} onClose={() => setOpen(null)} />}
    </>
  );
}
