import { useTranslation } from 'react-i18next';
import type { CitationClaim } from '../../../shared/citation';
import { formatDay } from '../../../shared/date-label';
import { useLocalized } from '../../lib/localized';

export interface CitationView {
  id: number;
  claim: CitationClaim;
  quote: string;
  source: {
    id: number;
    publisher: string | null;
    title: string;
    publishedOn: string | null;
    note: string | null;
    url: string | null;
  };
  /** False when the source keeps no text to check the quote against. */
  checked?: boolean;
}

/** Each quote with where it was printed: publisher, title, date — or plainly that they are not known. */
export function CitationList({ citations }: { citations: CitationView[] }) {
  const { t } = useTranslation();
  const { language } = useLocalized();
  return (
    <ul className="citation-list">
      {citations.map((c) => (
        <li key={c.id} className="citation" data-testid="citation">
          <blockquote lang="ru">«{c.quote}»</blockquote>
          {c.checked === false && (
            <p className="citation-source not-checked" title={t('snapshot.notCheckedHint')}>
              {t('claims.notChecked')}
            </p>
          )}
          <p className="citation-source">
            <span className="citation-claim">{t(`claim.${c.claim}`)}</span>
            {' — '}
            <span className="citation-publisher">{c.source.publisher ?? t('details.publisherUnknown')}</span>
            {', '}
            {c.source.url && /^https?:\/\//i.test(c.source.url) ? (
              <a href={c.source.url} target="_blank" rel="noreferrer noopener" lang="ru">
                {c.source.title}
              </a>
            ) : (
              <cite lang="ru">{c.source.title}</cite>
            )}
            {', '}
            <span className="citation-date">
              {c.source.publishedOn ? formatDay(c.source.publishedOn, language) : t('details.dateUnknown')}
            </span>
            {c.source.note && (
              <span className="citation-note" lang="ru">
                {' '}
                ({c.source.note})
              </span>
            )}
          </p>
        </li>
      ))}
    </ul>
  );
}
