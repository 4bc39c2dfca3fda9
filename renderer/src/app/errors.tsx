import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MidstanceError } from '../../../common/contract/errors.ts';

interface ErrorReporter {
  report(error: unknown): void;
}

const ErrorContext = createContext<ErrorReporter>({ report: (error) => console.error(error) });

export const useErrorReporter = () => useContext(ErrorContext);

/** Shows user-facing messages of failed calls in one place; keeps the last few. */
export function ErrorProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [messages, setMessages] = useState<{ id: number; text: string }[]>([]);
  const report = useCallback((error: unknown) => {
    const text = error instanceof MidstanceError ? error.message : error instanceof Error ? error.message : String(error);
    if (!(error instanceof MidstanceError)) console.error(error);
    setMessages((current) => [...current.slice(-2), { id: Date.now() + Math.random(), text }]);
  }, []);
  const value = useMemo(() => ({ report }), [report]);
  return (
    <ErrorContext.Provider value={value}>
      {children}
      {messages.length > 0 && (
        <div className="error-stack" role="alert" aria-label={t('errors.title')}>
          {messages.map((message) => (
            <div className="error-item" key={message.id}>
              <span>{message.text}</span>
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
