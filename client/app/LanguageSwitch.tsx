import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../shared/date-label';
import { loadLanguage, setLanguage } from '../lib/i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <fieldset className="language-switch">
      <legend className="visually-hidden">{t('app.language')}</legend>
      {LANGUAGES.map((language) => {
        // Pointed at or focused, a language's messages are asked for, so that the click finds them
        // here (one that failed is asked for again by the click).
        const preload = () => void loadLanguage(language).catch(() => {});
        return (
          <button
            key={language}
            type="button"
            lang={language}
            aria-pressed={i18n.language === language}
            onPointerEnter={preload}
            onFocus={preload}
            onClick={() => setLanguage(language)}
          >
            {language === 'ru' ? 'Русский' : 'English'}
          </button>
        );
      })}
    </fieldset>
  );
}
