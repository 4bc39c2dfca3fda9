import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MidstanceError } from '../../../common/contract/errors.ts';
import { errorText, type ErrorText } from '../../../common/error-text.ts';

interface ErrorReporter {
  report(error: unknown): void;
}

const ErrorContext = createContext<ErrorReporter>({ report: (error) => console.error(error) });

export const useErrorReporter = () => useContext(ErrorContext);

/** Turns any error of a call into words in the UI's language (common/error-text.ts, the one translation). */
export function useErrorText(): (error: unknown) => ErrorText {
  const { i18n } = useTranslation();
  return useCallback((error: unknown) => errorText(error, i18n.language), [i18n.language]);
}

/** An error in the user's language; the core's English words, when they add something, small beneath. */
export function ErrorMessage({ error }: { error: unknown }) {
  const { text, detail } = useErrorText()(error);
  return (
    <>
      {text}
      {detail && <span className="error-detail">{detail}</span>}
    </>
  );
}

/** Shows failed calls in one place, in the user's language (also after switching it); keeps the last few. */
export function ErrorProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [messages, setMessages] = useState<{ id: number; error: unknown }[]>([]);
  const report = useCallback((error: unknown) => {
    if (!(error instanceof MidstanceError)) console.error(error);
    setMessages((current) => [...current.slice(-2), { id: Date.now() + Math.random(), error }]);
  }, []);
  const value = useMemo(() => ({ report }), [report]);
  return (
    <ErrorContext.Provider value={value}>
      {children}
      {messages.length > 0 && (
        <div className="error-stack" role="alert" aria-label={t('errors.title')}>
          {messages.map((message) => (
            <div className="error-item" key={message.id}>
              <span>
                <ErrorMessage error={message.error} />
              </span>
              <button
                type="button"
                className="ghost"
                onClick={() => setMessages((current) => current.filter((m) => m.id !== message.id))}
              >
                {t('errors.dismiss')}
              </button>
            </div>
          ))}
        </div>
      )}
    </ErrorContext.Provider>
  );
}
