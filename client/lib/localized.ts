import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../shared/date-label';

interface Named {
  nameRu: string;
  nameEn: string | null;
}

/** Picks the English name or title when English is chosen and one exists; Russian is the original. */
export function useLocalized() {
  const { i18n } = useTranslation();
  const language: Language = i18n.language === 'en' ? 'en' : 'ru';
  // The same functions until the language changes: screens memoise on them (the timeline
  // rebuilt every item at each render, and so put back an item dragged a moment before).
  return useMemo(
    () => ({
      language,
      name: (item: Named | null | undefined) =>
        item ? (language === 'en' && item.nameEn ? item.nameEn : item.nameRu) : '',
      title: (item: { title: string; titleEn: string | null }) =>
        language === 'en' && item.titleEn ? item.titleEn : item.title,
    }),
    [language],
  );
}
