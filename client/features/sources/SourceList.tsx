import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDay } from '../../../shared/date-label';
import { useLocalized } from '../../lib/localized';
import { trpc } from '../../lib/trpc';
import { useRoadmapView } from '../../lib/url-state';

export function SourceList() {
  const { t } = useTranslation();
  const { language } = useLocalized();
  const { update } = useRoadmapView();
  const sources = useQuery(trpc.source.list.queryOptions());
  if (sources.isError) return <p role="alert">{t('app.loadFailed')}</p>;
  if (!sources.data) return <p className="loading">{t('app.loading')}</p>;
  return (
    <table className="data-table" data-testid="source-table">
      <caption>{t('sources.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('sources.publisher')}</th>
          <th scope="col">{t('sources.title')}</th>
          <th scope="col">{t('sources.published')}</th>
          <th scope="col">{t('sources.cites')}</th>
        </tr>
      </thead>
      <tbody>
        {sources.data.map((s) => (
          <tr key={s.id}>
            <td>{s.publisher ?? t('details.publisherUnknown')}</td>
            <th scope="row" lang="ru">
              {s.title}
              {s.note && <div className="muted">{s.note}</div>}
            </th>
            <td>{s.publishedOn ? formatDay(s.publishedOn, language) : t('details.dateUnknown')}</td>
            <td>
              {s.citationCount}
              {s.milestoneIds.length > 0 && (
                <button
                  type="button"
                  className="link-button"
                  onClick={() =>
                    update({ view: 'table', filter: {}, ids: [], selected: s.milestoneIds[0] ?? null }, 'push')
                  }
                >
                  {' '}
                  ({t('sources.milestones')}: {s.milestoneIds.length})
                </button>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
