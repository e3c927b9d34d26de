import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EDITABLE_FIELDS } from '../../../shared/changes';
import type { HistoryFilter } from '../../../shared/history';
import { ExportCsvLink } from '../../components/ui/ExportCsvLink';
import { TableScroll } from '../../components/ui/TableScroll';
import { historyCsvHref } from '../../lib/csv-links';
import { displayValue } from '../../lib/field-value';
import { useLocalized } from '../../lib/localized';
import { useNames } from '../../lib/reference-data';
import { trpc } from '../../lib/trpc';
import { useRoadmapView } from '../../lib/url-state';

const PAGE = 100;

function parse(json: string | null): unknown {
  if (json === null) return null;
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}

/** The change log: who changed what, when, from what to what, why, on which source. */
export function HistoryScreen() {
  const { t } = useTranslation();
  const localized = useLocalized();
  const names = useNames();
  const { update } = useRoadmapView();
  const [filter, setFilter] = useState<Omit<HistoryFilter, 'limit' | 'cursor'>>({});
  const milestones = useQuery(trpc.milestone.list.queryOptions({}));
  const history = useInfiniteQuery(
    trpc.history.list.infiniteQueryOptions(
      { ...filter, limit: PAGE },
      { getNextPageParam: (last) => last.nextCursor ?? undefined, initialCursor: undefined },
    ),
  );
  const rows = history.data?.pages.flatMap((p) => p.rows) ?? [];
  const users = [...new Map(rows.filter((r) => r.userId).map((r) => [r.userId, r.userName])).entries()];
  const dateTime = new Intl.DateTimeFormat(localized.language === 'en' ? 'en-GB' : 'ru-RU', {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  const set = (patch: Partial<typeof filter>) => setFilter((f) => ({ ...f, ...patch }));

  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">{t('history.title')}</h2>
      <search className="filter-bar">
        <label className="filter-field">
          <span>{t('history.filterMilestone')}</span>
          <select
            value={filter.milestoneId ?? ''}
            onChange={(e) => set({ milestoneId: e.target.value ? Number(e.target.value) : undefined })}
          >
            <option value="">{t('history.any')}</option>
            {milestones.data?.map((m) => (
              <option key={m.id} value={m.id}>
                {localized.title(m)}
              </option>
            ))}
          </select>
        </label>
        <label className="filter-field">
          <span>{t('history.filterUser')}</span>
          <select
            value={filter.userId ?? ''}
            onChange={(e) => set({ userId: e.target.value ? Number(e.target.value) : undefined })}
          >
            <option value="">{t('history.any')}</option>
            {users.map(([id, name]) => (
              <option key={id} value={id ?? ''}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label className="filter-field">
          <span>{t('history.filterField')}</span>
          <select value={filter.field ?? ''} onChange={(e) => set({ field: e.target.value || undefined })}>
            <option value="">{t('history.any')}</option>
            {EDITABLE_FIELDS.map((f) => (
              <option key={f} value={f}>
                {t(`history.fields.${f}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="filter-field">
          <span>{t('filters.from')}</span>
          <input type="date" value={filter.from ?? ''} onChange={(e) => set({ from: e.target.value || undefined })} />
        </label>
        <label className="filter-field">
          <span>{t('filters.to')}</span>
          <input type="date" value={filter.to ?? ''} onChange={(e) => set({ to: e.target.value || undefined })} />
        </label>
        <ExportCsvLink href={historyCsvHref(filter, localized.language)} hint={t('csv.exportHistoryHint')} />
      </search>
      {history.isError && <p role="alert">{t('app.loadFailed')}</p>}
      <TableScroll>
        <table className="data-table" data-testid="history-table">
          <caption className="visually-hidden">{t('history.title')}</caption>
          <thead>
            <tr>
              {(['when', 'who', 'milestone', 'field', 'from', 'to', 'reason', 'source'] as const).map((c) => (
                <th key={c} scope="col">
                  {t(`history.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && history.isSuccess && (
              <tr>
                <td colSpan={8}>{t('history.empty')}</td>
              </tr>
            )}
            {rows.map((h) => (
              <tr key={h.id}>
                <td>
                  <time dateTime={h.at}>{dateTime.format(new Date(h.at))}</time>
                </td>
                <td>{h.userName ?? t('details.system')}</td>
                <td>
                  {h.milestoneId && h.milestoneTitle ? (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => update({ view: 'timeline', selected: h.milestoneId }, 'push')}
                    >
                      {localized.title({ title: h.milestoneTitle, titleEn: h.milestoneTitleEn })}
                    </button>
                  ) : (
                    t(`history.entities.${h.entity}`, { defaultValue: h.entity })
                  )}
                </td>
                <td>
                  {h.field
                    ? t(`history.fields.${h.field}`, { defaultValue: h.field })
                    : t(`history.createdOf.${h.entity}`, { defaultValue: t('history.created') })}
                </td>
                <td>{h.field ? displayValue(h.field, parse(h.fromValue), t, localized.language, names) : ''}</td>
                <td>{h.field ? displayValue(h.field, parse(h.toValue), t, localized.language, names) : ''}</td>
                <td lang="ru">{h.reason}</td>
                <td lang="ru">
                  {h.citation?.title && (
                    <>
                      {h.citation.publisher ?? t('details.publisherUnknown')}, {h.citation.title}
                      {h.citation.quote && <div className="muted">«{h.citation.quote}»</div>}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {history.hasNextPage && (
        <button type="button" onClick={() => void history.fetchNextPage()} disabled={history.isFetchingNextPage}>
          {t('history.more')}
        </button>
      )}
    </section>
  );
}
