import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONFIDENCE_LEVELS } from '../../../shared/claim-words';
import { STATUSES } from '../../../shared/statuses';
import { CheckboxMenu } from '../../components/ui/CheckboxMenu';
import { useLocalized } from '../../lib/localized';
import { useReferenceData } from '../../lib/reference-data';
import { loadFilterCheck, useRoadmapView } from '../../lib/url-state';

const SEARCH_DELAY_MS = 300;

function orUndefined<T>(list: T[]): T[] | undefined {
  return list.length ? list : undefined;
}

function preloadFilterCheck(): void {
  loadFilterCheck().catch(() => {
    // Setting a filter tries again.
  });
}

export function FilterBar() {
  const { t } = useTranslation();
  const { name } = useLocalized();
  const { filter, ids, update } = useRoadmapView();
  const reference = useReferenceData();
  const [text, setText] = useState(filter.q ?? '');

  // Typing updates the URL once the user pauses, not at every key.
  useEffect(() => {
    const handle = setTimeout(() => {
      const q = text.trim() || undefined;
      if (q !== filter.q) update({ filter: { ...filter, q } });
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(handle);
  }, [text, filter, update]);

  // Back/forward or reset brings another query: show it.
  // A trailing space the user is still typing is not a new query: keep the box as typed.
  useEffect(() => setText((current) => (current.trim() === (filter.q ?? '') ? current : (filter.q ?? ''))), [filter.q]);

  const setFilter = (patch: Partial<typeof filter>) => update({ filter: { ...filter, ...patch } });
  const hasFilters =
    ids.length > 0 || Object.values(filter).some((v) => (Array.isArray(v) ? v.length > 0 : Boolean(v)));

  return (
    // The filters' check (zod) is not part of the first screen: fetched when the bar is first
    // touched, it has mostly arrived by the time a filter is set. One set sooner shows at once
    // and reaches the link when the check has arrived (url-state.ts).
    <search
      className="filter-bar"
      aria-label={t('filters.label')}
      onPointerDown={preloadFilterCheck}
      onFocus={preloadFilterCheck}
    >
      <CheckboxMenu
        testId="filter-status"
        label={t('filters.status')}
        options={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
        selected={filter.status ?? []}
        onChange={(status) => setFilter({ status: orUndefined(status) })}
      />
      <CheckboxMenu
        testId="filter-workstream"
        label={t('filters.workstream')}
        options={reference.workstreams.map((w) => ({ value: w.id, label: name(w) }))}
        selected={filter.workstream ?? []}
        onChange={(workstream) => setFilter({ workstream: orUndefined(workstream) })}
      />
      <CheckboxMenu
        testId="filter-participant"
        label={t('filters.participant')}
        options={reference.participants.map((p) => ({ value: p.id, label: name(p) }))}
        selected={filter.participant ?? []}
        onChange={(participant) => setFilter({ participant: orUndefined(participant) })}
      />
      <CheckboxMenu
        testId="filter-region"
        label={t('filters.region')}
        options={reference.regions.map((r) => ({ value: r.id, label: name(r) }))}
        selected={filter.region ?? []}
        onChange={(region) => setFilter({ region: orUndefined(region) })}
      />
      <CheckboxMenu
        testId="filter-confidence"
        label={t('filters.confidence')}
        options={CONFIDENCE_LEVELS.map((level) => ({ value: level, label: t(`confidence.level.${level}`) }))}
        selected={filter.confidence ?? []}
        onChange={(confidence) => setFilter({ confidence: orUndefined(confidence) })}
      />
      <label className="filter-check" data-testid="filter-disagree">
        <input
          type="checkbox"
          checked={filter.disagree ?? false}
          onChange={(e) => setFilter({ disagree: e.target.checked || undefined })}
        />
        {t('filters.disagree')}
      </label>
      <label className="filter-field">
        <span>{t('filters.search')}</span>
        <input
          type="search"
          value={text}
          maxLength={200}
          placeholder={t('filters.searchPlaceholder')}
          onChange={(e) => setText(e.target.value)}
        />
      </label>
      <label className="filter-field">
        <span>{t('filters.from')}</span>
        <input
          type="date"
          value={filter.from ?? ''}
          onChange={(e) => setFilter({ from: e.target.value || undefined })}
        />
      </label>
      <label className="filter-field">
        <span>{t('filters.to')}</span>
        <input type="date" value={filter.to ?? ''} onChange={(e) => setFilter({ to: e.target.value || undefined })} />
      </label>
      {ids.length > 0 && (
        <p className="filter-ids" data-testid="filter-ids">
          {t('filters.ids', { count: ids.length })}{' '}
          <button type="button" className="link-button" onClick={() => update({ ids: [] })}>
            {t('filters.clearIds')}
          </button>
        </p>
      )}
      {hasFilters && (
        <button type="button" className="link-button" onClick={() => update({ filter: {}, ids: [] })}>
          {t('filters.reset')}
        </button>
      )}
    </search>
  );
}
