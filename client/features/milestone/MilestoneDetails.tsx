import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDay, formatPlannedDate } from '../../../shared/date-label';
import { StatusBadge } from '../../components/ui/StatusBadge';
import { useLocalized } from '../../lib/localized';
import { trpc } from '../../lib/trpc';
import { useSession } from '../../lib/use-session';
import { CitationList } from './CitationList';
import { WhatSourcesSay } from './claims/WhatSourcesSay';
import { DateTrail } from './DateTrail';
import { DependencyList } from './DependencyList';
import type { Draft } from './edit/draft';
import { MilestoneHistory } from './MilestoneHistory';

// Only planners edit: the forms load when one opens them.
const MilestoneEditForm = lazy(() =>
  import('./edit/MilestoneEditForm').then((m) => ({ default: m.MilestoneEditForm })),
);
const AddCitationForm = lazy(() => import('./edit/AddCitationForm').then((m) => ({ default: m.AddCitationForm })));

interface MilestoneDetailsProps {
  id: number;
  onClose: () => void;
  /** A change proposed elsewhere (a drag on the timeline): opens the form with it. */
  proposal?: Partial<Draft> | null;
  onProposalClosed?: (saved: boolean) => void;
}

export function MilestoneDetails({ id, onClose, proposal, onProposalClosed }: MilestoneDetailsProps) {
  const { t } = useTranslation();
  const { canEdit } = useSession();
  const [mode, setMode] = useState<'view' | 'edit' | 'cite'>('view');
  // The milestone whose changes were just saved: the form closes, and this says it was not in vain.
  const [savedId, setSavedId] = useState<number | null>(null);
  const editing = mode === 'edit' || Boolean(proposal);
  const localized = useLocalized();
  const query = useQuery(trpc.milestone.byId.queryOptions({ id }));
  const headingRef = useRef<HTMLHeadingElement>(null);

  // Focus follows the opened milestone so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (query.data) headingRef.current?.focus();
  }, [query.data?.id]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !editing) onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose, editing]);

  const m = query.data;
  return (
    <aside className="milestone-details" aria-labelledby="milestone-details-title" data-testid="milestone-details">
      <button type="button" className="close-button" onClick={onClose} aria-label={t('details.close')}>
        ×
      </button>
      {query.isLoading && <p>{t('app.loading')}</p>}
      {query.isError && <p role="alert">{t('details.notFound')}</p>}
      {m && (
        <article>
          <h2 id="milestone-details-title" ref={headingRef} tabIndex={-1}>
            {localized.title(m)}
          </h2>
          {localized.language === 'en' && m.titleEn && (
            <p className="original-title" lang="ru">
              {m.title}
            </p>
          )}
          {canEdit && !editing && mode === 'view' && (
            <div className="form-actions">
              <button
                type="button"
                className="primary"
                onClick={() => {
                  setSavedId(null);
                  setMode('edit');
                }}
              >
                {t('edit.edit')}
              </button>
              <button type="button" onClick={() => setMode('cite')}>
                {t('edit.addCitation')}
              </button>
            </div>
          )}
          {/* Always in the page, so a screen reader hears the words when they appear. */}
          <p role="status" className="form-hint save-status" data-testid="save-status">
            {savedId === m.id && !editing ? t('edit.savedChanges') : ''}
          </p>
          <Suspense fallback={<p className="loading">{t('app.loading')}</p>}>
            {canEdit && editing && (
              <MilestoneEditForm
                key={`${m.id}:${proposal ? JSON.stringify(proposal) : 'edit'}`}
                milestone={m}
                proposed={proposal ?? undefined}
                hint={proposal ? t('edit.dragHint') : undefined}
                onClose={(saved) => {
                  setMode('view');
                  setSavedId(saved ? m.id : null);
                  onProposalClosed?.(saved);
                }}
              />
            )}
            {canEdit && mode === 'cite' && <AddCitationForm milestoneId={m.id} onClose={() => setMode('view')} />}
          </Suspense>
          <dl className="details-grid">
            <dt>{t('details.status')}</dt>
            <dd>
              <StatusBadge status={m.status} />
            </dd>
            <dt>{t('details.dates')}</dt>
            <dd>
              {m.plannedStart && m.plannedPrecision ? (
                <div data-testid="planned-date">
                  {t('dates.planned')}: {formatPlannedDate(m.plannedStart, m.plannedPrecision, localized.language)}{' '}
                  <span className="muted">
                    ({t('dates.precision')}: {t(`precision.${m.plannedPrecision}`)})
                  </span>
                </div>
              ) : (
                !m.actualDate && <div>{t('dates.undated')}</div>
              )}
              {m.actualDate && (
                <div data-testid="actual-date">
                  {t('dates.actual')}: {formatDay(m.actualDate, localized.language)}
                </div>
              )}
            </dd>
            <dt>{t('details.workstream')}</dt>
            <dd>{localized.name(m.workstream?.id ? m.workstream : null) || '—'}</dd>
            <dt>{t('details.region')}</dt>
            <dd>{localized.name(m.region?.id ? m.region : null) || '—'}</dd>
            {m.site && (
              <>
                <dt>{t('details.site')}</dt>
                <dd lang="ru">{m.site}</dd>
              </>
            )}
          </dl>
          <WhatSourcesSay milestone={m} />
          {m.description && (
            <section>
              <h3>{t('details.description')}</h3>
              <p lang="ru" className="prose">
                {m.description}
              </p>
            </section>
          )}
          {m.expectedResult && (
            <section>
              <h3>{t('details.expectedResult')}</h3>
              <p lang="ru" className="prose">
                {m.expectedResult}
              </p>
            </section>
          )}
          <section>
            <h3>{t('details.citations')}</h3>
            <CitationList citations={m.citations} />
          </section>
          <section>
            <h3>{t('details.participants')}</h3>
            {m.participants.length === 0 ? (
              <p>{t('details.noParticipants')}</p>
            ) : (
              <ul className="participant-roles">
                {m.participants.map((p) => (
                  <li key={p.id} data-testid="participant-role">
                    <strong>{localized.name(p)}</strong> — {t(`role.${p.role}`)}
                    <CitationList citations={p.citations} />
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section>
            <h3>{t('details.dependencies')}</h3>
            {m.predecessors.length === 0 && m.successors.length === 0 ? (
              <p>{t('details.noDependencies')}</p>
            ) : (
              <>
                <DependencyList label={t('details.predecessors')} milestones={m.predecessors} />
                <DependencyList label={t('details.successors')} milestones={m.successors} />
              </>
            )}
          </section>
          <DateTrail trail={m.dateTrail} />
          <MilestoneHistory history={m.history} />
          <p className="muted">{t('details.version', { version: m.version })}</p>
        </article>
      )}
    </aside>
  );
}
