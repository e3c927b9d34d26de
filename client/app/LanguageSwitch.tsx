import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../shared/date-label';
import { setLanguage } from '../lib/i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <fieldset className="language-switch">
      <legend className="visually-hidden">{t('app.language')}</legend>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          aria-pressed={i18n.language === language}
          onClick={() => setLanguage(language)}
        >
          {language === 'ru' ? 'Русский' : 'English'}
        </button>
      ))}
    </fieldset>
  );
}
