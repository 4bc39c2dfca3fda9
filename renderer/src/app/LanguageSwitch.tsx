import { useTranslation } from 'react-i18next';
import { Language } from '../../../common/contract/app.ts';
import { useApi } from '../api/ApiProvider.tsx';
import { changeLanguage } from '../i18n/setup.ts';
import { useErrorReporter } from './errors.tsx';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const { report } = useErrorReporter();
  const select = async (language: Language) => {
    await changeLanguage(language);
    // Remembered in the user's settings so the next launch starts in the same language.
    api.call('settings.update', { language }).catch(report);
  };
  return (
    <div className="segmented" role="group" aria-label={t('app.language')}>
      {Language.options.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          aria-pressed={i18n.language === language}
          onClick={() => void select(language)}
        >
          {t(`app.languages.${language}`)}
        </button>
      ))}
    </div>
  );
}
