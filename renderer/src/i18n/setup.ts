import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../../common/contract/app.ts';
import { en } from './en.ts';
import { nl } from './nl.ts';

export async function setupI18n(language: Language): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, nl: { translation: nl } },
    lng: language,
    fallbackLng: 'en',
    // React escapes output already.
    interpolation: { escapeValue: false },
    returnObjects: true,
  });
  document.documentElement.lang = language;
}

export async function changeLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
