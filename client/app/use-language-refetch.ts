import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { refetchWordedQueries } from '../lib/invalidation';

/** The server words confidence reasons and slips in the language the request names: ask again in the new one. */
export function useLanguageRefetch() {
  const { i18n } = useTranslation();
  useEffect(() => {
    const onChange = () => void refetchWordedQueries();
    i18n.on('languageChanged', onChange);
    return () => i18n.off('languageChanged', onChange);
  }, [i18n]);
}
