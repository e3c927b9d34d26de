import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES, type Language } from '../../shared/date-label';
import { ru } from '../../shared/i18n/ru';
import { linkLanguage, setLinkLanguage } from './url-state';
// Every schema's message an i18n key, here as on the server (installed on import).
import '../../shared/validation-messages';

const STORAGE_KEY = 'roadmap.language';

function storedLanguage(): Language {
  // A link that names its language wins over the reader's last choice.
  const linked = linkLanguage(window.location.search);
  if (linked) return linked;
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return (LANGUAGES as readonly string[]).includes(value ?? '') ? (value as Language) : 'ru';
  } catch {
    return 'ru';
  }
}

let englishLoading: Promise<void> | null = null;

/**
 * The messages of a language, in i18next once this resolves. Russian, the default and the
 * fallback, comes with the first screen's code; English, a sixth of it on a slow link (bench:
 * network), is fetched when chosen, or before: the switch asks for it when pointed at or focused.
 */
export function loadLanguage(language: Language): Promise<void> {
  if (language === 'ru') return Promise.resolve();
  englishLoading ??= import('../../shared/i18n/en').then(
    ({ en }) => {
      i18next.addResourceBundle('en', 'translation', en);
    },
    (error: unknown) => {
      // Not cached: choosing English again tries again.
      englishLoading = null;
      throw error;
    },
  );
  return englishLoading;
}

let chosen: Language | null = null;

export function setLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  chosen = language;
  // Only the last choice applies: Russian chosen while English is on its way stays.
  void loadLanguage(language).then(() => {
    if (chosen === language) void i18next.changeLanguage(language);
  });
}

i18next.on('languageChanged', (language) => {
  document.documentElement.lang = language;
  if ((LANGUAGES as readonly string[]).includes(language)) setLinkLanguage(language as Language);
});

const startLanguage = storedLanguage();
void i18next.use(initReactI18next).init({
  resources: { ru: { translation: ru } },
  lng: startLanguage,
  fallbackLng: 'ru',
  // React escapes what it renders; i18next must not escape a second time.
  interpolation: { escapeValue: false },
  returnNull: false,
});

/**
 * Resolves when the messages of the language the page starts in are there; main.tsx renders then.
 * English that did not arrive leaves the page in Russian, the fallback, rather than blank.
 */
export const startMessages: Promise<void> = loadLanguage(startLanguage).catch(() => {});

export const i18n = i18next;
