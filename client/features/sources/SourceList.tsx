import { useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDay } from '../../../shared/date-label';
import { TableScroll } from '../../components/ui/TableScroll';
import { useLocalized } from '../../lib/localized';
import { trpc } from '../../lib/trpc';
import { useRoadmapView } from '../../lib/url-state';
import { useSession } from '../../lib/use-session';
import { SourceText } from './SourceText';

export function SourceList() {
  const { t } = useTranslation();
  const { language } = useLocalized();
  const { update } = useRoadmapView();
  const sources = useQuery(trpc.source.list.queryOptions());
  // A source's kept text is for planners and admins only; one is open at a time.
  const { canEdit } = useSession();
  const [openText, setOpenText] = useState<number | null>(null);
  if (sources.isError) return <p role="alert">{t('app.loadFailed')}</p>;
  if (!sources.data) return <p className="loading">{t('app.loading')}</p>;
  return (
    // Wider than a phone: the table scrolls inside its own box, not the page.
    <TableScroll>
      <table className="data-table" data-testid="source-table">
        <caption>{t('sources.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sources.publisher')}</th>
            <th scope="col">{t('sources.title')}</th>
            <th scope="col">{t('sources.published')}</th>
            <th scope="col">{t('sources.cites')}</th>
            {canEdit && <th scope="col">{t('snapshot.column')}</th>}
          </tr>
        </thead>
        <tbody>
          {sources.data.map((s) => (
            <Fragment key={s.id}>
              <tr>
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
                      onClick={() => update({ view: 'table', filter: {}, ids: s.milestoneIds, selected: null }, 'push')}
                    >
                      {' '}
                      ({t('sources.milestones')}: {s.milestoneIds.length})
                    </button>
                  )}
                </td>
                {canEdit && (
                  <td>
                    <button
                      type="button"
                      className="link-button source-text-toggle"
                      aria-expanded={openText === s.id}
                      onClick={() => setOpenText(openText === s.id ? null : s.id)}
                    >
                      {openText === s.id ? t('snapshot.hide') : t('snapshot.show')}
                    </button>
                  </td>
                )}
              </tr>
              {canEdit && openText === s.id && (
                <tr>
                  <td colSpan={5}>
                    <SourceText source={s} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
