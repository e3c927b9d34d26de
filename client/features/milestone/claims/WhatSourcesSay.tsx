import { Fragment, lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClaimRank } from '../../../../shared/claim-words';
import { ConfidenceBadge } from '../../../components/ui/ConfidenceBadge';
import { TableScroll } from '../../../components/ui/TableScroll';
import { useLocalized } from '../../../lib/localized';
import { useSession } from '../../../lib/use-session';
import type { MilestoneDetailsData } from '../edit/draft';
import { claimSays, claimSourceName, claimStatedOn, claimsInOrder } from './claim-view';
import { PromiseHistory } from './PromiseHistory';
import { RANK_ACTIONS, RankChangeForm } from './RankChangeForm';

// Only planners change claims: the form loads when one opens it.
const AddClaimForm = lazy(() => import('./AddClaimForm').then((m) => ({ default: m.AddClaimForm })));

/** The ranks a planner may move a claim to from its own; the current claim is replaced, never demoted. */
const NEXT_RANKS: Record<ClaimRank, ClaimRank[]> = {
  current: [],
  other: ['current', 'superseded'],
  superseded: ['current', 'other'],
};

/**
 * "What the sources say": every claim about the milestone side by side — who said it, when, the
 * date or status as said, its rank — with its quote one click away, the disagreement flagged,
 * the confidence explained, and the promise history drawn. Planners change what counts here.
 */
export function WhatSourcesSay({ milestone }: { milestone: MilestoneDetailsData }) {
  const { t } = useTranslation();
  const { language } = useLocalized();
  const { canEdit } = useSession();
  const [openQuotes, setOpenQuotes] = useState<ReadonlySet<number>>(new Set());
  const [change, setChange] = useState<{ claimId: number; rank: ClaimRank } | null>(null);
  const [adding, setAdding] = useState(false);
  const [said, setSaid] = useState<string | null>(null);
  const [focusClaim, setFocusClaim] = useState<{ id: number; at: number } | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  const claims = claimsInOrder(milestone.claims);

  // Another milestone opened: nothing of this one's forms or messages stays.
  useEffect(() => {
    setChange(null);
    setAdding(false);
    setSaid(null);
    setOpenQuotes(new Set());
  }, [milestone.id]);

  // A point of the promise chart opens its quote here and brings the row into view.
  useEffect(() => {
    if (focusClaim === null) return;
    const row = tableRef.current?.querySelector<HTMLElement>(`tr[data-claim-id="${focusClaim.id}"]`);
    row?.scrollIntoView({ block: 'nearest' });
    row?.querySelector<HTMLElement>('[data-quote-toggle]')?.focus();
  }, [focusClaim]);

  const toggleQuote = (id: number) =>
    setOpenQuotes((open) => {
      const next = new Set(open);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const showQuote = (id: number) => {
    setOpenQuotes((open) => new Set(open).add(id));
    setFocusClaim({ id, at: Date.now() });
  };
  const done = (message: string) => {
    setChange(null);
    setAdding(false);
    setSaid(message);
  };

  return (
    <section className="sources-say" aria-labelledby="sources-say-title" data-testid="sources-say">
      <h3 id="sources-say-title">{t('claims.title')}</h3>
      {milestone.conflict && (
        <p className="claims-conflict" data-testid="claims-conflict">
          <strong>
            <span aria-hidden="true">⚠ </span>
            {t('claims.conflict')}
          </strong>
          : {t('claims.conflictHint')}
        </p>
      )}
      <div className="confidence-block" data-testid="details-confidence">
        <span className="confidence-label">{t('confidence.label')}:</span>
        <ConfidenceBadge confidence={milestone.confidence} reasons="list" />
      </div>
      {said && (
        <p className="form-success" role="status" data-testid="claims-saved">
          {said}
        </p>
      )}
      {claims.length === 0 ? (
        <p>{t('claims.empty')}</p>
      ) : (
        <TableScroll>
          <table className="data-table claims-table" data-testid="claims-table" ref={tableRef}>
            <caption className="visually-hidden">{t('claims.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('claims.source')}</th>
                <th scope="col">{t('claims.said')}</th>
                <th scope="col">{t('claims.rankLabel')}</th>
              </tr>
            </thead>
            <tbody>
              {claims.map((c) => {
                const quoteId = `claim-quote-${milestone.id}-${c.id}`;
                const open = openQuotes.has(c.id);
                return (
                  <Fragment key={c.id}>
                    <tr
                      data-claim-id={c.id}
                      data-rank={c.rank}
                      data-conflicting={c.conflicting || undefined}
                      className={`claim-row rank-${c.rank}${c.conflicting ? ' conflicting' : ''}`}
                    >
                      <th scope="row">
                        <cite lang="ru" className="claim-source-title">
                          {c.source.title}
                        </cite>
                        <div className="muted">
                          <span className="claim-publisher">{claimSourceName(c, t)}</span>
                          {' · '}
                          <span className="claim-source-kind">{t(`sourceKind.${c.source.kind}`)}</span>
                        </div>
                        <div className="muted claim-stated-on">
                          {t('claims.statedOn')}: {claimStatedOn(c, language, t)}
                        </div>
                      </th>
                      <td>
                        <div className="claim-says" data-testid="claim-says">
                          {claimSays(c, language, t)}
                        </div>
                        <div className="muted">{t(c.kind === 'date' ? 'claims.kindDate' : 'claims.kindStatus')}</div>
                        <button
                          type="button"
                          className="link-button"
                          data-quote-toggle
                          aria-expanded={open}
                          aria-controls={quoteId}
                          onClick={() => toggleQuote(c.id)}
                        >
                          {t(open ? 'sourcesSay.hideQuote' : 'sourcesSay.showQuote')}
                        </button>
                      </td>
                      <td>
                        <span className={`rank-badge rank-${c.rank}`} data-testid="claim-rank">
                          {c.rank === 'current' && <span aria-hidden="true">★ </span>}
                          {t(`claims.rank.${c.rank}`)}
                        </span>
                        {c.conflicting && (
                          <div className="conflict-mark" data-testid="claim-conflicting">
                            <span aria-hidden="true">⚠ </span>
                            {t('sourcesSay.conflicting')}
                          </div>
                        )}
                        {c.rankReason && (
                          <div className="rank-reason" data-testid="claim-rank-reason">
                            <span className="muted">{t('claims.rankReasonLabel')}: </span>
                            <span lang="ru">{c.rankReason}</span>
                          </div>
                        )}
                        {canEdit && NEXT_RANKS[c.rank].length > 0 && (
                          <div className="claim-actions">
                            {NEXT_RANKS[c.rank].map((rank) => (
                              <button
                                key={rank}
                                type="button"
                                className={rank === 'current' ? 'primary' : undefined}
                                aria-pressed={change?.claimId === c.id && change.rank === rank}
                                onClick={() => {
                                  setSaid(null);
                                  setAdding(false);
                                  setChange({ claimId: c.id, rank });
                                }}
                              >
                                {t(RANK_ACTIONS[rank].action)}
                              </button>
                            ))}
                          </div>
                        )}
                      </td>
                    </tr>
                    {open && (
                      <tr className="claim-quote-row">
                        <td colSpan={3} id={quoteId}>
                          <blockquote lang="ru" data-testid="claim-quote">
                            «{c.quote}»
                          </blockquote>
                        </td>
                      </tr>
                    )}
                    {change?.claimId === c.id && (
                      <tr className="claim-form-row">
                        <td colSpan={3}>
                          <RankChangeForm
                            key={`${c.id}:${change.rank}`}
                            milestone={milestone}
                            claim={c}
                            rank={change.rank}
                            onDone={done}
                            onCancel={() => setChange(null)}
                          />
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
      {canEdit && !adding && (
        <div className="form-actions">
          <button
            type="button"
            onClick={() => {
              setSaid(null);
              setChange(null);
              setAdding(true);
            }}
          >
            {t('claims.add')}
          </button>
        </div>
      )}
      {canEdit && adding && (
        <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
          <AddClaimForm milestone={milestone} onDone={done} onCancel={() => setAdding(false)} />
        </Suspense>
      )}
      <PromiseHistory milestone={milestone} onShowQuote={showQuote} />
    </section>
  );
}
