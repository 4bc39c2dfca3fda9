import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A real length typed in cm ("50", "52,5"); null when it is not one. */
export function parseLengthCm(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value > 0 && value <= 100_000 ? value : null;
}

/**
 * Asked as soon as a calibration ruler's two ends are placed: its real length. Until it is answered the ruler
 * calibrates nothing, so no length is ever shown in cm from a guessed scale. Esc or Cancel drops the ruler.
 */
export function RulerLengthPrompt({ onConfirm, onCancel }: { onConfirm(lengthCm: number): void; onCancel(): void }) {
  const { t } = useTranslation();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState(false);
  const hintId = useId();
  const problemId = useId();
  useEffect(() => {
    dialogRef.current?.showModal();
    inputRef.current?.focus();
  }, []);
  return (
    <dialog
      ref={dialogRef}
      className="ruler-prompt"
      aria-labelledby={`${hintId}-title`}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const value = parseLengthCm(text);
          if (value === null) {
            setProblem(true);
            inputRef.current?.focus();
            return;
          }
          onConfirm(value);
        }}
      >
        <h2 id={`${hintId}-title`}>{t('measure.rulerPrompt.title')}</h2>
        <p id={hintId} className="muted small">
          {t('measure.rulerPrompt.hint')}
        </p>
        <label className="field">
          <span>{t('measure.rulerPrompt.field')}</span>
          <span className="ruler-prompt-input">
            <input
              ref={inputRef}
              inputMode="decimal"
              autoComplete="off"
              value={text}
              placeholder={t('measure.rulerPrompt.placeholder')}
              aria-invalid={problem}
              aria-describedby={problem ? `${hintId} ${problemId}` : hintId}
              onChange={(event) => {
                setText(event.target.value);
                if (problem) setProblem(parseLengthCm(event.target.value) === null);
              }}
            />
            <span aria-hidden="true">cm</span>
          </span>
        </label>
        {problem && (
          <p id={problemId} className="field-problem" role="alert">
            {t('measure.rulerPrompt.invalid')}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onCancel}>
            {t('measure.rulerPrompt.cancel')}
          </button>
          <button type="submit" className="primary">
            {t('measure.rulerPrompt.confirm')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
