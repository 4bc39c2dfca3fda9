import { useEffect, useId, useRef, useState, type ReactNode, type Ref } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { SavedAnswer } from './autosaver.ts';
import { useAutosaver, useFieldSaveState } from './ProjectProvider.tsx';
import { formatIsoDate, parseDateInput } from './date-input.ts';
import { checkNumber, formatDecimal, maxLengthOf, parseDecimal, type NumberBounds } from './session-logic.ts';

/**
 * Form fields that save themselves, through the one autosaver (autosaver.ts) — used for every free-text
 * field, in the project panels and the viewer alike: a change is sent after a short pause and at once when
 * the field loses focus. The field always shows what the user typed — also when saving failed, until it succeeds.
 * In a read-only project they are readOnly (not disabled), so stored text can still be selected and copied.
 */

interface SavedFieldProps<T> {
  /** Unique per record and field, e.g. "session:<id>:history.goals". */
  saveKey: string;
  label: string;
  value: T;
  save: (value: T) => Promise<SavedAnswer>;
  disabled?: boolean;
  hint?: ReactNode;
  /** Show the hint only while the field has focus (for hints that would crowd a narrow panel). */
  hintOnFocus?: boolean;
  className?: string;
}

/**
 * Local text of a field: starts from a pending or failed draft if there is one, else from the stored value,
 * and follows the stored value when it changes elsewhere while the field holds no unsaved text.
 */
function useFieldText<T>(saveKey: string, value: T, toText: (value: T) => string, matches: (text: string, value: T) => boolean) {
  const autosaver = useAutosaver();
  const [text, setText] = useState(() => {
    const draft = autosaver.draft(saveKey);
    return draft && typeof draft.value === 'string' ? draft.value : toText(value);
  });
  const textRef = useRef(text);
  textRef.current = text;
  const toTextRef = useRef(toText);
  toTextRef.current = toText;
  const matchesRef = useRef(matches);
  matchesRef.current = matches;
  useEffect(() => {
    if (autosaver.fieldState(saveKey) !== 'clean') return;
    if (!matchesRef.current(textRef.current, value)) setText(toTextRef.current(value));
  }, [autosaver, saveKey, value]);
  return [text, setText] as const;
}

function FieldFrame({
  id,
  label,
  hint,
  hintOnFocus = false,
  problem,
  className,
  children,
}: {
  id: string;
  label: string;
  hint?: ReactNode;
  hintOnFocus?: boolean | undefined;
  problem: string | null;
  className?: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className={`pj-field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {problem ? (
        <p className="pj-field-problem" id={`${id}-problem`}>
          {problem}
        </p>
      ) : (
        hint && (
          <p className={`pj-field-hint${hintOnFocus ? ' pj-focus-hint' : ''}`} id={`${id}-hint`}>
            {hint}
          </p>
        )
      )}
    </div>
  );
}

export function SavedTextField({
  saveKey,
  label,
  value,
  save,
  disabled,
  hint,
  className,
  multiline = false,
  rows = 3,
  schema,
  placeholder,
  requiredMessage,
  // Saves usually trim: a space typed before a pause is still what was typed, not a change from elsewhere.
  sameText = (typed, stored) => typed.trim() === stored.trim(),
  inputRef,
}: SavedFieldProps<string> & {
  multiline?: boolean;
  rows?: number;
  schema?: z.ZodType;
  placeholder?: string;
  /** When given, an empty field is not saved and this is shown instead. */
  requiredMessage?: string;
  /** Whether the typed text is what is stored (e.g. when the save trims it), so the field keeps what was typed. */
  sameText?: (typed: string, stored: string) => boolean;
  inputRef?: Ref<HTMLInputElement & HTMLTextAreaElement>;
}) {
  const { t } = useTranslation();
  const id = useId();
  const autosaver = useAutosaver();
  const state = useFieldSaveState(saveKey);
  const [text, setText] = useFieldText(saveKey, value, (v) => v, sameText);
  const missing = requiredMessage !== undefined && text.trim() === '';
  const problem = missing ? requiredMessage : state === 'failed' ? t('project.field.notSaved') : null;
  const common = {
    id,
    value: text,
    readOnly: disabled,
    placeholder,
    maxLength: schema ? maxLengthOf(schema) : undefined,
    'aria-invalid': problem !== null,
    'aria-describedby': problem ? `${id}-problem` : hint ? `${id}-hint` : undefined,
    onBlur: () => void autosaver.flush(saveKey),
    ref: inputRef,
  };
  const change = (next: string) => {
    setText(next);
    if (requiredMessage !== undefined && next.trim() === '') return;
    autosaver.schedule(saveKey, next, () => save(next));
  };
  return (
    <FieldFrame id={id} label={label} hint={hint} problem={problem} className={className}>
      {multiline ? (
        <textarea {...common} rows={rows} onChange={(event) => change(event.target.value)} />
      ) : (
        <input {...common} type="text" onChange={(event) => change(event.target.value)} />
      )}
    </FieldFrame>
  );
}

/** A number typed with a comma or a point, checked against the contract's limits before it is sent. */
export function SavedNumberField({
  saveKey,
  label,
  value,
  save,
  disabled,
  hint,
  hintOnFocus,
  className,
  schema,
  placeholder,
}: SavedFieldProps<number | null> & { schema: z.ZodType; placeholder?: string }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const autosaver = useAutosaver();
  const state = useFieldSaveState(saveKey);
  const [text, setText] = useFieldText(
    saveKey,
    value,
    (v) => formatDecimal(v, i18n.language),
    (typed, stored) => parseDecimal(typed) === stored,
  );
  const [invalid, setInvalid] = useState<NumberBounds | null>(null);
  const problem = invalid
    ? numberProblem(t, invalid)
    : state === 'failed'
      ? t('project.field.notSaved')
      : null;
  const change = (next: string) => {
    setText(next);
    const checked = checkNumber(next, schema);
    if (!checked.ok) {
      setInvalid(checked.bounds);
      return;
    }
    setInvalid(null);
    // The draft is the typed text, so a failed save shows exactly what was typed.
    autosaver.schedule(saveKey, next, () => save(checked.value));
  };
  return (
    <FieldFrame id={id} label={label} hint={hint} hintOnFocus={hintOnFocus} problem={problem} className={className}>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        value={text}
        readOnly={disabled}
        placeholder={placeholder}
        aria-invalid={problem !== null}
        aria-describedby={problem ? `${id}-problem` : hint ? `${id}-hint` : undefined}
        onChange={(event) => change(event.target.value)}
        onBlur={() => void autosaver.flush(saveKey)}
      />
    </FieldFrame>
  );
}

function numberProblem(t: TFunction, bounds: NumberBounds): string {
  if (bounds.min !== null && bounds.max !== null) {
    return t(bounds.integer ? 'project.field.wholeNumberBetween' : 'project.field.numberBetween', {
      min: bounds.min,
      max: bounds.max,
    });
  }
  return t(bounds.integer ? 'project.field.wholeNumber' : 'project.field.number');
}

/**
 * A calendar date (stored YYYY-MM-DD), typed and shown in the UI's language (see date-input.ts for why this is not an
 * <input type="date">); an emptied or unreadable field is not saved (a session always has a date).
 */
export function SavedDateField({ saveKey, label, value, save, disabled, hint, className }: SavedFieldProps<string>) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const autosaver = useAutosaver();
  const state = useFieldSaveState(saveKey);
  const show = (iso: string) => formatIsoDate(iso, i18n.language);
  const [text, setText] = useFieldText(saveKey, value, show, (typed, stored) => parseDateInput(typed) === stored);
  // Another language: show the stored date the new way (unless something unsaved is being typed).
  useEffect(() => {
    if (autosaver.fieldState(saveKey) === 'clean' && parseDateInput(text) === value) setText(show(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [i18n.language]);
  const parsed = parseDateInput(text);
  const problem =
    text.trim() === ''
      ? t('project.field.dateRequired')
      : parsed === null
        ? t('project.field.dateUnreadable')
        : state === 'failed'
          ? t('project.field.notSaved')
          : null;
  return (
    <FieldFrame id={id} label={label} hint={hint} problem={problem} className={className}>
      <input
        id={id}
        type="text"
        inputMode="text"
        autoComplete="off"
        value={text}
        placeholder={t('project.field.datePlaceholder')}
        readOnly={disabled}
        required
        aria-invalid={problem !== null}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onChange={(event) => {
          const next = event.target.value;
          setText(next);
          const iso = parseDateInput(next);
          if (iso) autosaver.schedule(saveKey, iso, () => save(iso));
        }}
        onBlur={() => {
          // What was typed ("2-12-26") is shown the way the UI writes dates once it is read.
          if (parsed) setText(show(parsed));
          void autosaver.flush(saveKey);
        }}
      />
    </FieldFrame>
  );
}
