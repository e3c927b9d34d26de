import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDay } from '../../../shared/date-label';
import { StatusBadge } from '../../components/ui/StatusBadge';
import { claimedDateLabel } from '../../lib/claimed-date';
import { translateMessage } from '../../lib/error-message';
import type { ServerProblem } from './intake-store';
import { MilestoneSelect, ProposalEditor } from './ProposalEditor';
import { milestoneNow, type ReviewNames, whyText } from './review-context';
import {
  type Decision,
  type Problem,
  type ProposalEdits,
  type ProposalView,
  SURE_HIGH,
  SURE_MEDIUM,
  sureLevel,
} from './review-rules';

/**
 * One proposal: what it would change, the quote it rests on, why the analyser thinks so and how
 * sure it is; the planner accepts, edits or rejects it. A refusal of the server that names it (a
 * milestone saved by someone else meanwhile) is shown here, with the way out.
 */
export function ProposalCard({
  view,
  names,
  problems,
  serverProblem,
  taken,
  selected,
  fallbackMilestone,
  acceptedNew,
  onSelect,
  onDecide,
  onEdit,
  onTakeVersion,
}: {
  view: ProposalView;
  names: ReviewNames;
  problems: readonly Problem[];
  serverProblem: ServerProblem | undefined;
  taken: number | undefined;
  selected: boolean;
  fallbackMilestone: number | null;
  acceptedNew: ReadonlySet<string>;
  onSelect: () => void;
  onDecide: (decision: Decision) => void;
  onEdit: (edits: ProposalEdits) => void;
  onTakeVersion: (milestoneId: number, version: number) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [editing, setEditing] = useState(false);
  const p = view.proposal;
  const level = sureLevel(p.score);
  const conflict = serverProblem?.conflict;
  const conflictMilestone = conflict ? names.milestoneById.get(conflict.milestoneId) : undefined;
  const cardRef = useRef<HTMLElement>(null);
  const mounted = useRef(false);
  // Chosen elsewhere (its quote clicked in the text, a refusal naming it): bring it into view.
  useEffect(() => {
    if (mounted.current && selected) cardRef.current?.scrollIntoView({ block: 'nearest' });
    mounted.current = true;
  }, [selected, serverProblem]);
  const decide = (decision: Decision) => {
    setEditing(false);
    onDecide(view.decision === decision ? 'pending' : decision);
  };

  return (
    <article
      ref={cardRef}
      className={`proposal${selected ? ' selected' : ''}`}
      data-testid="proposal"
      data-kind={p.kind}
      data-state={view.decision}
      aria-labelledby={`${id}-title`}
      aria-current={selected || undefined}
      onClick={onSelect}
    >
      <header className="proposal-head">
        <h4 id={`${id}-title`}>
          <span className="proposal-kind">{t(`intake.kind.${p.kind}`)}</span>{' '}
          <ProposedChange view={view} names={names} />
        </h4>
        <span className={`decision-badge decision-${view.decision}`}>{t(`intake.state.${view.decision}`)}</span>
      </header>
      {p.kind !== 'new' && (view.suggested || !view.target) && (
        <div className="proposal-target">
          <label htmlFor={`${id}-milestone`}>{t('intake.fields.milestoneId')}</label>
          <MilestoneSelect
            id={`${id}-milestone`}
            view={view}
            names={names}
            value={view.target}
            describedBy={view.suggested ? `${id}-suggested` : undefined}
            onChange={(target) => onEdit({ target })}
          />
          {view.suggested && (
            <span id={`${id}-suggested`} className="muted">
              {t('intake.milestoneSuggested')}
            </span>
          )}
        </div>
      )}
      {p.kind === 'new' && (
        <label className="proposal-target">
          {t('intake.fields.workstreamId')}
          <select
            name="workstreamId"
            value={view.workstreamId ?? ''}
            onChange={(e) => onEdit({ workstreamId: e.target.value ? Number(e.target.value) : null })}
          >
            <option value="">{t('intake.chooseWorkstream')}</option>
            {names.workstreams.map((w) => (
              <option key={w.id} value={w.id}>
                {w.label}
              </option>
            ))}
          </select>
        </label>
      )}
      <blockquote className="proposal-quote" lang="ru">
        «{p.quote}»
      </blockquote>
      <button
        type="button"
        className="link-button"
        onClick={(e) => {
          e.stopPropagation();
          onSelect();
        }}
      >
        {t('intake.showInText')}
      </button>
      <dl className="proposal-facts">
        <dt>{t('intake.whyLabel')}</dt>
        <dd>{whyText(p, names, t)}</dd>
        <dt>{t('intake.sureLabel')}</dt>
        <dd className="sure">
          <meter min={0} max={1} low={SURE_MEDIUM} high={SURE_HIGH} optimum={1} value={p.score} aria-hidden="true" />{' '}
          <span className={`sure-${level}`}>
            {t('intake.surePercent', { word: t(`intake.sure.${level}`), percent: Math.round(p.score * 100) })}
          </span>
        </dd>
      </dl>
      {problems.length > 0 && view.decision === 'accepted' && (
        <ul className="proposal-problems" role="alert">
          {problems.map((x) => (
            <li key={`${x.field}:${x.key}`} className="field-error">
              {t('intake.problem', {
                field: t(`intake.fields.${x.field.split('.')[0]}`),
                message: translateMessage(x.key, t),
              })}
            </li>
          ))}
        </ul>
      )}
      {serverProblem && (
        <div className="conflict-view proposal-conflict" role="alert">
          <p>{serverProblem.message}</p>
          {conflict && conflictMilestone && (
            <>
              <p>
                {t('intake.conflictNow', {
                  ...milestoneNow(conflictMilestone, names.language, t),
                  version: conflict.currentVersion,
                })}
              </p>
              <button type="button" onClick={() => onTakeVersion(conflict.milestoneId, conflict.currentVersion)}>
                {t('intake.conflictTake')}
              </button>
            </>
          )}
        </div>
      )}
      {taken !== undefined && !serverProblem && (
        <p className="form-success" role="status">
          {t('intake.conflictTaken', { version: taken })}
        </p>
      )}
      {editing ? (
        <ProposalEditor
          view={view}
          names={names}
          fallbackMilestone={fallbackMilestone}
          acceptedNew={acceptedNew}
          onSave={(edits) => {
            onEdit(edits);
            onDecide('accepted');
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <div className="proposal-actions">
          <button
            type="button"
            className={view.decision === 'accepted' ? 'primary' : undefined}
            aria-pressed={view.decision === 'accepted'}
            onClick={() => decide('accepted')}
          >
            {t('intake.accept')}
          </button>
          <button type="button" onClick={() => setEditing(true)}>
            {t('intake.edit')}
          </button>
          <button type="button" aria-pressed={view.decision === 'rejected'} onClick={() => decide('rejected')}>
            {t('intake.reject')}
          </button>
        </div>
      )}
    </article>
  );
}

/** "2031, станет текущим", "Задержка", "АО «Тувалитий» — Инвестор (новый участник)", "«Новая веха»". */
function ProposedChange({ view, names }: { view: ProposalView; names: ReviewNames }) {
  const { t } = useTranslation();
  const p = view.proposal;
  const current = (p.kind === 'date' || p.kind === 'status') && (
    <span className="muted"> ({view.makeCurrent ? t('intake.current') : t('intake.notCurrent')})</span>
  );
  switch (p.kind) {
    case 'date':
      return (
        <>
          <strong data-testid="proposed-date">
            {view.planned ? claimedDateLabel(view.planned, names.language, t) : '—'}
          </strong>
          {view.planned && <span className="muted"> · {t(`precision.${view.planned.precision}`)}</span>}
          {current}
        </>
      );
    case 'status':
      return (
        <>
          {view.status && <StatusBadge status={view.status} />}
          {p.actualDate && (
            <span className="muted"> {t('intake.happenedOn', { date: formatDay(p.actualDate, names.language) })}</span>
          )}
          {current}
        </>
      );
    case 'participant':
      return (
        <>
          <strong lang="ru">{view.participant?.name}</strong> — {t(`role.${view.role}`)}
          {view.participant?.id === null && (
            <span className="muted">
              {' '}
              ({t('intake.newParticipant')}, {t(`kind.${view.participantKind}`).toLowerCase()})
            </span>
          )}
        </>
      );
    case 'new':
      return (
        <>
          <strong lang="ru">«{view.newTitle}»</strong>
          {view.planned && <span> · {claimedDateLabel(view.planned, names.language, t)}</span>}
          {view.status && <span className="muted"> · {t(`status.${view.status}`)}</span>}
        </>
      );
  }
}
