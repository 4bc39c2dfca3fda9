import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatIsoDate } from './date-input.ts';

/**
 * A titled part of the side panel that folds away; whether it is open is remembered per section,
 * so the panel stays the way the user arranged it.
 */
export function Section({
  id,
  title,
  summary,
  defaultOpen = true,
  children,
}: {
  id: string;
  title: string;
  /** Shown next to the title, also when folded (e.g. "3 clips"). */
  summary?: ReactNode;
  defaultOpen?: boolean;
  children: ReactNode;
}) {
  const storageKey = `midstance.section:${id}`;
  const [open, setOpen] = useState(() => {
    try {
      const stored = localStorage.getItem(storageKey);
      return stored === null ? defaultOpen : stored === 'open';
    } catch {
      return defaultOpen;
    }
  });
  const bodyId = useId();
  const toggle = () => {
    setOpen((was) => {
      try {
        localStorage.setItem(storageKey, was ? 'closed' : 'open');
      } catch {
        // Not remembered; still toggles.
      }
      return !was;
    });
  };
  return (
    <section className="pj-section">
      <h3 className="pj-section-title">
        <button type="button" aria-expanded={open} aria-controls={bodyId} onClick={toggle}>
          <svg className="pj-chevron" viewBox="0 0 10 10" aria-hidden="true">
            <path d="M3.5 2 L7 5 L3.5 8" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          {title}
        </button>
        {summary !== undefined && <span className="pj-section-summary">{summary}</span>}
      </h3>
      <div id={bodyId} className="pj-section-body" hidden={!open}>
        {children}
      </div>
    </section>
  );
}

/** A modal question with one confirming and one cancelling answer (Escape cancels). */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  danger = false,
  onConfirm,
  onCancel,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      className="pj-dialog pj-confirm"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h2 id={titleId} className="pj-dialog-title">
        {title}
      </h2>
      <div className="pj-dialog-text">{children}</div>
      <div className="dialog-actions">
        {/* Cancel first in the tab order and focused: a slip of the Enter key must not delete anything. */}
        <button type="button" autoFocus onClick={onCancel}>
          {t('project.common.cancel')}
        </button>
        <button
          type="button"
          className={danger ? 'pj-danger' : 'pj-primary'}
          disabled={busy}
          onClick={() => {
            setBusy(true);
            onConfirm();
          }}
        >
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}

/** Hours:minutes:seconds in the user's language, for "saved at". */
export function formatClockTime(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(date);
}

/** A session date (YYYY-MM-DD, no time zone) as "12 Mar 2025" / "12 mrt 2025". */
export function formatSessionDate(isoDate: string, language: string): string {
  return formatIsoDate(isoDate, language);
}

/** A moment (ISO timestamp) as date and time, e.g. for "changed on". */
export function formatDateTime(iso: string, language: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** A file size for people: kB below one MB, else MB with one decimal, in the user's language. */
export function formatFileSize(bytes: number, language: string): string {
  const number = (value: number, digits: number) =>
    new Intl.NumberFormat(language, { maximumFractionDigits: digits, minimumFractionDigits: digits }).format(value);
  return bytes < 1_048_576 ? `${number(Math.max(1, Math.round(bytes / 1024)), 0)} kB` : `${number(bytes / 1_048_576, 1)} MB`;
}
