import { useQuery } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDay } from '../../../shared/date-label';
import { StatusBadge } from '../../components/ui/StatusBadge';
import { TableScroll } from '../../components/ui/TableScroll';
import { claimedDateLabel } from '../../lib/claimed-date';
import { useLocalized } from '../../lib/localized';
import { trpc } from '../../lib/trpc';
import { useRoadmapView } from '../../lib/url-state';

/**
 * Every move of a promised date across the roadmap, newest first: which milestone, from what to
 * what, by how much, and on whose word (the source and its quote, one click away).
 */
export function MovesScreen() {
  const { t } = useTranslation();
  const { language, title } = useLocalized();
  const { update } = useRoadmapView();
  const moves = useQuery(trpc.claim.moves.queryOptions());
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  if (moves.isError) return <p role="alert">{t('app.loadFailed')}</p>;
  if (!moves.data) return <p className="loading">{t('app.loading')}</p>;
  const toggle = (claimId: number) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(claimId)) next.delete(claimId);
      else next.add(claimId);
      return next;
    });

  return (
    <section className="moves-screen" aria-labelledby="moves-title">
      <h2 id="moves-title">{t('moves.title')}</h2>
      <p className="muted">{t('moves.hint')}</p>
      {moves.data.length === 0 ? (
        <p data-testid="moves-empty">{t('moves.empty')}</p>
      ) : (
        <TableScroll>
          <table className="data-table moves-table" data-testid="moves-table">
            <caption className="visually-hidden">{t('moves.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('moves.milestone')}</th>
                <th scope="col">{t('moves.fromTo')}</th>
                <th scope="col">{t('moves.move')}</th>
                <th scope="col">{t('moves.when')}</th>
                <th scope="col">{t('moves.onWhoseWord')}</th>
              </tr>
            </thead>
            <tbody>
              {moves.data.map((m) => {
                const quoteId = `move-quote-${m.claimId}`;
                const shown = open.has(m.claimId);
                return (
                  <Fragment key={m.claimId}>
                    <tr data-milestone-id={m.milestone.id} data-claim-id={m.claimId} data-move={m.move.kind}>
                      <th scope="row">
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => update({ selected: m.milestone.id }, 'push')}
                        >
                          {title(m.milestone)}
                        </button>{' '}
                        <StatusBadge status={m.milestone.status} />
                      </th>
                      <td data-testid="move-from-to" data-label={t('moves.fromTo')}>
                        <span className="move-from">{claimedDateLabel(m.from, language, t)}</span>
                        <span aria-hidden="true"> → </span>
                        <span className="visually-hidden"> {t('moves.to')} </span>
                        <strong className="move-to">{claimedDateLabel(m.to, language, t)}</strong>
                      </td>
                      <td data-testid="move-text" data-label={t('moves.move')} className={`move-${m.move.kind}`}>
                        {m.move.text}
                      </td>
                      <td data-label={t('moves.when')}>
                        {m.at && <div>{formatDay(m.at.slice(0, 10), language)}</div>}
                        <div className="muted">
                          {t('claims.statedOn')}:{' '}
                          {m.statedOn ? formatDay(m.statedOn, language) : t('claims.undatedStatement')}
                        </div>
                      </td>
                      <td data-label={t('moves.onWhoseWord')}>
                        <div className="move-publisher">{m.source.publisher ?? t('details.publisherUnknown')}</div>
                        <cite lang="ru" className="move-source-title">
                          {m.source.title}
                        </cite>
                        <div>
                          <button
                            type="button"
                            className="link-button"
                            aria-expanded={shown}
                            aria-controls={quoteId}
                            onClick={() => toggle(m.claimId)}
                          >
                            {t(shown ? 'sourcesSay.hideQuote' : 'sourcesSay.showQuote')}
                          </button>
                        </div>
                      </td>
                    </tr>
                    {shown && (
                      <tr className="claim-quote-row">
                        <td colSpan={5} id={quoteId}>
                          <blockquote lang="ru" data-testid="move-quote">
                            «{m.quote}»
                          </blockquote>
                        </td>
                      </tr>
                    )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
