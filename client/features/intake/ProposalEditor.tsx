import type { TFunction } from 'i18next';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { intervalFor, PRECISIONS, type Precision } from '../../../shared/calendar-date';
import { QUALIFIERS, type Qualifier } from '../../../shared/claim-words';
import type { ClaimedDate } from '../../../shared/claims';
import { formatPlannedDate } from '../../../shared/date-label';
import {
  PARTICIPANT_KINDS,
  PARTICIPANT_ROLES,
  type ParticipantKind,
  type ParticipantRole,
} from '../../../shared/participant';
import { STATUSES, type Status } from '../../../shared/statuses';
import { unreadableDateFields } from '../../lib/date-input';
import { translateMessage } from '../../lib/error-message';
import { usePeriodAnchor } from '../../lib/period-anchor';
import type { ReviewNames } from './review-context';
import { type Problem, type ProposalEdits, type ProposalView, problemsOf, type Target, viewOf } from './review-rules';

/** A field's problems in words, for the field they name (or a part of it: `planned.end` is the date). */
export function problemText(problems: readonly Problem[], field: string, t: TFunction) {
  const mine = problems.filter((p) => p.field === field || p.field.startsWith(`${field}.`));
  return mine.length ? mine.map((p) => translateMessage(p.key, t)).join(' ') : null;
}

export function targetValue(target: Target | null): string {
  if (!target) return '';
  return 'milestoneId' in target ? String(target.milestoneId) : `new:${target.newProposalId}`;
}

export function parseTarget(value: string): Target | null {
  if (!value) return null;
  return value.startsWith('new:') ? { newProposalId: value.slice(4) } : { milestoneId: Number(value) };
}

/** The milestone a finding belongs to: every existing one, and the new one it was found beside. */
export function MilestoneSelect({
  view,
  names,
  value,
  onChange,
  id,
  describedBy,
}: {
  view: ProposalView;
  names: ReviewNames;
  value: Target | null;
  onChange: (target: Target | null) => void;
  id: string;
  describedBy?: string;
}) {
  const { t } = useTranslation();
  const forNew = view.proposal.forProposal;
  return (
    <select
      id={id}
      name="milestoneId"
      value={targetValue(value)}
      aria-describedby={describedBy}
      onChange={(e) => onChange(parseTarget(e.target.value))}
    >
      <option value="">{t('intake.chooseMilestone')}</option>
      {forNew && (
        <option value={`new:${forNew}`}>
          {t('intake.newMilestoneOption', { title: names.newTitles.get(forNew) ?? '' })}
        </option>
      )}
      {names.milestones.map((m) => (
        <option key={m.id} value={m.id}>
          {names.milestoneTitle(m.id)}
        </option>
      ))}
    </select>
  );
}

/**
 * Editing one proposal: the fields of its kind, checked with the shared schema on save; saving
 * accepts it with the changes. The quote stays the article's: only what it is read as changes.
 */
export function ProposalEditor({
  view,
  names,
  fallbackMilestone,
  acceptedNew,
  onSave,
  onCancel,
}: {
  view: ProposalView;
  names: ReviewNames;
  fallbackMilestone: number | null;
  acceptedNew: ReadonlySet<string>;
  onSave: (edits: ProposalEdits) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const p = view.proposal;
  const [target, setTarget] = useState<Target | null>(view.target);
  const [planned, setPlanned] = useState<ClaimedDate | null>(view.planned);
  const [status, setStatus] = useState<Status | null>(view.status);
  const [makeCurrent, setMakeCurrent] = useState(view.makeCurrent);
  const [newTitle, setNewTitle] = useState(view.newTitle);
  const [workstreamId, setWorkstreamId] = useState<number | null>(view.workstreamId);
  const [participant, setParticipant] = useState(view.participant);
  const [participantKind, setParticipantKind] = useState<ParticipantKind>(view.participantKind);
  const [role, setRole] = useState<ParticipantRole>(view.role);
  const [problems, setProblems] = useState<Problem[]>([]);
  const analysedName = p.participant?.id === null ? p.participant.name : null;

  const edits = (): ProposalEdits => ({
    ...(p.kind !== 'new' ? { target } : {}),
    ...(p.kind === 'date' || p.kind === 'new' ? { planned } : {}),
    ...(p.kind === 'status' || p.kind === 'new' ? (status ? { status } : {}) : {}),
    ...(p.kind === 'date' || p.kind === 'status' ? { makeCurrent } : {}),
    ...(p.kind === 'new' ? { newTitle, workstreamId } : {}),
    ...(p.kind === 'participant' && participant ? { participant, participantKind, role } : {}),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    // A date left half typed reads as none: named, not taken for the date shown before it.
    const unreadable = unreadableDateFields(e.currentTarget).map((field) => ({ field, key: 'errors.dateUnreadable' }));
    if (unreadable.length) return setProblems(unreadable);
    const next = edits();
    const found = problemsOf(viewOf(p, 'accepted', next, fallbackMilestone), acceptedNew);
    if (found.length) return setProblems(found);
    onSave(next);
  };
  const error = (field: string) => {
    const text = problemText(problems, field, t);
    return (
      text && (
        <p id={`${id}-${field}-error`} className="field-error">
          {text}
        </p>
      )
    );
  };
  const setPrecision = (precision: Precision | '') => {
    if (!precision) return setPlanned(null);
    const anchor = planned?.start ?? p.planned?.start ?? new Date().toISOString().slice(0, 10);
    setPlanned({ ...intervalFor(precision, anchor), precision, qualifier: planned?.qualifier ?? 'exact' });
  };
  const anchorField = usePeriodAnchor(planned, (interval) => planned && setPlanned({ ...planned, ...interval }));

  return (
    <form className="edit-form proposal-editor" onSubmit={submit} aria-label={t('intake.editHeading')} noValidate>
      {p.kind !== 'new' && (
        <>
          <label htmlFor={`${id}-milestone`}>{t('intake.fields.milestoneId')}</label>
          <MilestoneSelect id={`${id}-milestone`} view={view} names={names} value={target} onChange={setTarget} />
          {error('milestoneId')}
        </>
      )}
      {p.kind === 'new' && (
        <>
          <label>
            {t('intake.fields.newTitle')}
            <input
              name="newTitle"
              lang="ru"
              value={newTitle}
              maxLength={300}
              onChange={(e) => setNewTitle(e.target.value)}
            />
            {error('newTitle')}
          </label>
          <label>
            {t('intake.fields.workstreamId')}
            <select
              name="workstreamId"
              value={workstreamId ?? ''}
              onChange={(e) => setWorkstreamId(e.target.value ? Number(e.target.value) : null)}
            >
              <option value="">{t('intake.chooseWorkstream')}</option>
              {names.workstreams.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.label}
                </option>
              ))}
            </select>
            {error('workstreamId')}
          </label>
        </>
      )}
      {(p.kind === 'date' || p.kind === 'new') && (
        <fieldset className="form-group">
          <legend>{t('intake.fields.planned')}</legend>
          <div className="form-grid">
            <label>
              {t('edit.precision')}
              <select
                name="precision"
                value={planned?.precision ?? ''}
                onChange={(e) => setPrecision(e.target.value as Precision | '')}
              >
                {/* A date claim must name a date; a new milestone may be undated. */}
                {(p.kind === 'new' || !planned) && <option value="">{t('edit.plannedNone')}</option>}
                {PRECISIONS.map((x) => (
                  <option key={x} value={x}>
                    {t(`precision.${x}`)}
                  </option>
                ))}
              </select>
            </label>
            {planned && (
              <label>
                {t('edit.anchor')}
                <input type="date" name="anchor" data-error-key="planned" {...anchorField} />
              </label>
            )}
            {planned && p.kind === 'date' && (
              <label>
                {t('intake.fields.qualifier')}
                <select
                  name="qualifier"
                  value={planned.qualifier}
                  onChange={(e) => setPlanned({ ...planned, qualifier: e.target.value as Qualifier })}
                >
                  {QUALIFIERS.map((q) => (
                    <option key={q} value={q}>
                      {t(`claims.qualifier.${q}`)}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </div>
          {planned && (
            <output className="muted" data-testid="planned-preview">
              {formatPlannedDate(planned.start, planned.precision, names.language)} ({planned.start} … {planned.end})
            </output>
          )}
          {error('planned')}
        </fieldset>
      )}
      {(p.kind === 'status' || p.kind === 'new') && (
        <label>
          {t('intake.fields.status')}
          <select name="status" value={status ?? ''} onChange={(e) => setStatus(e.target.value as Status)}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
          {error('status')}
        </label>
      )}
      {(p.kind === 'date' || p.kind === 'status') && (
        <label className="checkbox-label">
          <input
            type="checkbox"
            name="makeCurrent"
            checked={makeCurrent}
            onChange={(e) => setMakeCurrent(e.target.checked)}
          />
          {t('intake.fields.makeCurrent')}
          {error('makeCurrent')}
        </label>
      )}
      {p.kind === 'participant' && participant && (
        <>
          <label>
            {t('intake.fields.participant')}
            <select
              name="participant"
              value={participant.id ?? ''}
              onChange={(e) => {
                const chosen = names.participants.find((x) => x.id === Number(e.target.value));
                setParticipant(
                  chosen ? { id: chosen.id, name: chosen.label } : { id: null, name: analysedName ?? participant.name },
                );
              }}
            >
              {analysedName !== null && (
                <option value="">{t('intake.participantNewOption', { name: analysedName })}</option>
              )}
              {names.participants.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.label}
                </option>
              ))}
            </select>
            {error('participant')}
          </label>
          {participant.id === null && (
            <>
              <label>
                {t('intake.fields.participantName')}
                <input
                  name="participantName"
                  lang="ru"
                  value={participant.name}
                  maxLength={300}
                  onChange={(e) => setParticipant({ id: null, name: e.target.value })}
                />
              </label>
              <label>
                {t('intake.fields.participantKind')}
                <select
                  name="participantKind"
                  value={participantKind}
                  onChange={(e) => setParticipantKind(e.target.value as ParticipantKind)}
                >
                  {PARTICIPANT_KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`kind.${k}`)}
                    </option>
                  ))}
                </select>
              </label>
            </>
          )}
          <label>
            {t('intake.fields.role')}
            <select name="role" value={role} onChange={(e) => setRole(e.target.value as ParticipantRole)}>
              {PARTICIPANT_ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
            {error('role')}
          </label>
        </>
      )}
      <div className="form-actions">
        <button type="submit" className="primary">
          {t('intake.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('intake.cancel')}
        </button>
      </div>
    </form>
  );
}
