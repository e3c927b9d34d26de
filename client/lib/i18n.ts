import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '../../shared/date-label';
import { en } from '../../shared/i18n/en';
import { ru } from '../../shared/i18n/ru';
import { parseView, setLinkLanguage } from './url-state';
// Every schema's message an i18n key, here as on the server (installed on import).
import '../../shared/validation-messages';

const STORAGE_KEY = 'roadmap.language';

function storedLanguage(): Language {
  // A link that names its language wins over the reader's last choice.
  const linked = parseView(window.location.search).lang;
  if (linked) return linked;
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return (LANGUAGES as readonly string[]).includes(value ?? '') ? (value as Language) : 'ru';
  } catch {
    return 'ru';
  }
}

export function setLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  void i18next.changeLanguage(language);
}

i18next.on('languageChanged', (language) => {
  document.documentElement.lang = language;
  if ((LANGUAGES as readonly string[]).includes(language)) setLinkLanguage(language as Language);
});

void i18next.use(initReactI18next).init({
  resources: { ru: { translation: ru }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: 'ru',
  // React escapes what it renders; i18next must not escape a second time.
  interpolation: { escapeValue: false },
  returnNull: false,
});

export const i18n = i18next;
