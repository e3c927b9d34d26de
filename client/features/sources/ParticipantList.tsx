import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { slipAmount } from '../../../shared/claims';
import { TableScroll } from '../../components/ui/TableScroll';
import { useLocalized } from '../../lib/localized';
import { useReferenceData } from '../../lib/reference-data';
import { trpc } from '../../lib/trpc';
import { useRoadmapView } from '../../lib/url-state';

/**
 * Participants with what involves them, and each organisation's track record on the milestones
 * it leads or executes: how many, reached, slipped (and the worst slip), with low confidence.
 * Every figure opens the table of exactly those milestones.
 */
export function ParticipantList() {
  const { t } = useTranslation();
  const { name } = useLocalized();
  const { update } = useRoadmapView();
  const { participants, isLoading } = useReferenceData();
  const records = useQuery(trpc.participant.trackRecord.queryOptions());
  if (isLoading) return <p className="loading">{t('app.loading')}</p>;
  const recordOf = new Map((records.data ?? []).map((r) => [r.participantId, r]));

  const figure = (ids: number[], label: string, testId: string) =>
    ids.length === 0 ? (
      <span className="muted" data-testid={testId}>
        0
      </span>
    ) : (
      <button
        type="button"
        className="link-button"
        data-testid={testId}
        aria-label={`${label}: ${ids.length}`}
        onClick={() => update({ view: 'table', filter: {}, ids, selected: null }, 'push')}
      >
        {ids.length}
      </button>
    );

  return (
    <TableScroll>
      <table className="data-table participant-table" data-testid="participant-table">
        <caption>{t('participants.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('participants.name')}</th>
            <th scope="col">{t('participants.kind')}</th>
            <th scope="col">{t('participants.roles')}</th>
            <th scope="col">{t('participants.answersFor')}</th>
            <th scope="col">{t('participants.reached')}</th>
            <th scope="col">{t('participants.slipped')}</th>
            <th scope="col">{t('participants.lowConfidence')}</th>
          </tr>
        </thead>
        <tbody>
          {participants.map((p) => {
            const record = recordOf.get(p.id);
            const who = name(p);
            const worst = record?.worstSlipDays ? slipAmount(record.worstSlipDays) : null;
            return (
              <tr key={p.id} data-participant-id={p.id}>
                <th scope="row">{who}</th>
                <td data-label={t('participants.kind')}>{t(`kind.${p.kind}`)}</td>
                <td data-label={t('participants.roles')}>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() =>
                      update({ view: 'table', filter: { participant: [p.id] }, ids: [], selected: null }, 'push')
                    }
                  >
                    {[...new Set(p.roles.map((r) => t(`role.${r.role}`)))].join(', ')} ({p.roles.length})
                  </button>
                </td>
                {record ? (
                  <>
                    <td data-label={t('participants.answersFor')}>
                      {figure(record.answersFor, `${who} — ${t('participants.answersFor')}`, 'record-answers-for')}
                    </td>
                    <td data-label={t('participants.reached')}>
                      {figure(record.reached, `${who} — ${t('participants.reached')}`, 'record-reached')}
                    </td>
                    <td data-label={t('participants.slipped')}>
                      {figure(record.slipped, `${who} — ${t('participants.slipped')}`, 'record-slipped')}
                      {worst && (
                        <div className="muted" data-testid="record-worst-slip">
                          {t('participants.worstSlip', { amount: t(`slip.${worst.unit}`, { count: worst.count }) })}
                        </div>
                      )}
                    </td>
                    <td data-label={t('participants.lowConfidence')}>
                      {figure(
                        record.lowConfidence,
                        `${who} — ${t('participants.lowConfidence')}`,
                        'record-low-confidence',
                      )}
                    </td>
                  </>
                ) : (
                  <td colSpan={4} className="muted">
                    {records.isLoading ? t('app.loading') : t('participants.noRecord')}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
