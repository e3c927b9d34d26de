import { useTranslation } from 'react-i18next';
import { formatDay } from '../../../shared/date-label';
import { useLocalized } from '../../lib/localized';
import type { RouterOutputs } from '../../lib/trpc';

export type SourceListItem = RouterOutputs['source']['list'][number];

/** The sources behind the milestones on the sheet: on paper there is no details panel to open. */
export function CitedSources({ sources }: { sources: SourceListItem[] }) {
  const { t } = useTranslation();
  const { language } = useLocalized();
  return (
    <section className="cited-sources" aria-labelledby="cited-sources-heading" data-testid="cited-sources">
      <h2 id="cited-sources-heading">{t('picture.sources')}</h2>
      {sources.length === 0 ? (
        <p>{t('picture.noSources')}</p>
      ) : (
        <ol>
          {sources.map((s) => (
            <li key={s.id}>
              <span className="cited-source-publisher">{s.publisher ?? t('details.publisherUnknown')}</span>.{' '}
              <span lang="ru">{s.title}</span>.{' '}
              {s.publishedOn ? formatDay(s.publishedOn, language) : t('details.dateUnknown')}
              {s.url && <span className="cited-source-url"> {s.url}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
