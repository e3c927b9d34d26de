import { lazy, Suspense, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { TableScroll } from '../../../components/ui/TableScroll';
import { useLocalized } from '../../../lib/localized';
import type { MilestoneDetailsData } from '../edit/draft';
import { claimSays, claimStatedOn, claimVoice } from './claim-view';
import { type PromisePoint, promisePoints } from './promise-points';

// Chart.js is loaded only when a milestone with dated claims is opened: the first screen stays small.
const PromiseChart = lazy(() => import('./PromiseChart'));

/**
 * The promise history (milestone trend analysis from public statements): when each date was
 * stated, against the date stated, drawn as a band of its precision with its qualifier, the
 * roadmap's own promises joined by a line. The table below holds the same points for keyboard
 * and screen-reader users; both open a point's quote.
 */
export function PromiseHistory({
  milestone,
  onShowQuote,
}: {
  milestone: MilestoneDetailsData;
  onShowQuote: (claimId: number) => void;
}) {
  const { t } = useTranslation();
  const { language } = useLocalized();
  const points = useMemo(() => promisePoints(milestone), [milestone]);
  if (points.length === 0) return null;
  const label = (p: PromisePoint) => claimSays(p.claim, language, t);
  return (
    <figure className="promise-history" data-testid="promise-history" aria-labelledby="promise-history-title">
      <h4 id="promise-history-title">{t('promiseChart.title')}</h4>
      <p className="muted">{t('promiseChart.hint')}</p>
      <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
        <PromiseChart
          points={points}
          language={language}
          texts={{
            label,
            source: (p) => claimVoice(p.claim),
            rank: (p) => t(`claims.rank.${p.claim.rank}`),
            undated: t('claims.undatedStatement'),
            xTitle: t('promiseChart.statedOn'),
            yTitle: t('promiseChart.dateStated'),
            summary: t('promiseChart.summary', {
              steps: points
                .filter((p) => p.promise)
                .map(label)
                .join(' → '),
            }),
          }}
          onSelect={onShowQuote}
        />
      </Suspense>
      <TableScroll>
        <table className="data-table promise-table" data-testid="promise-table">
          <caption>{t('promiseChart.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('promiseChart.statedOn')}</th>
              <th scope="col">{t('promiseChart.dateStated')}</th>
              <th scope="col">{t('promiseChart.promise')}</th>
              <th scope="col">{t('claims.source')}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.claim.id} data-claim-id={p.claim.id} data-rank={p.claim.rank}>
                <td>{claimStatedOn(p.claim, language, t)}</td>
                <th scope="row">{label(p)}</th>
                <td data-testid="promise-move">
                  {p.promise
                    ? p.promise.move
                      ? p.promise.move.text
                      : t('promiseChart.firstPromise')
                    : t(`claims.rank.${p.claim.rank}`)}
                </td>
                <td>
                  <button type="button" className="link-button" onClick={() => onShowQuote(p.claim.id)}>
                    {claimVoice(p.claim)}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </figure>
  );
}
