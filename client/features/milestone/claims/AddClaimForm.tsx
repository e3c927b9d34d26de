import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QUALIFIERS, type Qualifier } from '../../../../shared/claim-words';
import { claimAddSchema } from '../../../../shared/claims';
import type { PlannedDate } from '../../../../shared/precision';
import { STATUSES, type Status } from '../../../../shared/statuses';
import { CitationPicker, citationInput, emptyCitation } from '../../../components/ui/CitationPicker';
import { FormFooter } from '../../../components/ui/FormFooter';
import { claimedDateLabel } from '../../../lib/claimed-date';
import { unreadableDates } from '../../../lib/date-input';
import { errorCode, fieldErrors, serverFormErrors } from '../../../lib/error-message';
import { useLocalized } from '../../../lib/localized';
import { useFieldErrors } from '../../../lib/use-field-errors';
import { useAddClaim } from '../api/use-add-claim';
import type { MilestoneDetailsData } from '../edit/draft';
import { PlannedDateField } from '../edit/PlannedDateField';
import { ClaimConflictView } from './ClaimConflictView';
import { claimSays } from './claim-view';

/**
 * A source's claim about the milestone: the date it states (precision and qualifier, "не позднее
 * 2031") or the status it reports, its verbatim quote, and when it was said when the source has no
 * date. The claim joins the others as "other": the planner makes it current in a second step.
 */
export function AddClaimForm({
  milestone,
  onDone,
  onCancel,
}: {
  milestone: MilestoneDetailsData;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { language } = useLocalized();
  const id = useId();
  const [version, setVersion] = useState(milestone.version);
  const [kind, setKind] = useState<'date' | 'status'>('date');
  const [planned, setPlanned] = useState<PlannedDate | null>(null);
  const [qualifier, setQualifier] = useState<Qualifier>('exact');
  const [status, setStatus] = useState<Status>(milestone.status);
  const [statedOn, setStatedOn] = useState('');
  const [citation, setCitation] = useState(() => emptyCitation('existing'));
  const [reason, setReason] = useState('');
  const { errors, setErrors, onInput } = useFieldErrors();
  const [conflict, setConflict] = useState(false);

  const says =
    kind === 'date'
      ? planned
        ? claimedDateLabel({ ...planned, qualifier }, language, t)
        : '—'
      : t(`status.${status}`);
  const add = useAddClaim(milestone.id, {
    onSuccess: () => onDone(t('sourcesSay.added', { claim: says })),
    onError: (error) => {
      if (errorCode(error) === 'CONFLICT') return setConflict(true);
      setErrors(serverFormErrors(error, t));
    },
  });

  if (conflict) {
    const current = milestone.claims.find((c) => c.kind === kind && c.rank === 'current');
    return (
      <ClaimConflictView
        rows={[
          {
            field: 'claim',
            label: t('history.fields.claim'),
            mine: says,
            current: current ? `${claimSays(current, language, t)} (${t('claims.rank.current')})` : '—',
          },
        ]}
        onReapply={() => {
          setVersion(milestone.version);
          setConflict(false);
        }}
        onDiscard={onCancel}
      />
    );
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const unreadable = unreadableDates(e.currentTarget, t);
    if (Object.keys(unreadable).length) return setErrors(unreadable);
    const parsed = claimAddSchema.safeParse({
      milestoneId: milestone.id,
      version,
      reason,
      citation: citationInput(citation),
      statedOn: statedOn || undefined,
      planned: kind === 'date' && planned ? { ...planned, qualifier } : undefined,
      status: kind === 'status' ? status : undefined,
    });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error.issues, t));
    setErrors({});
    add.mutate(parsed.data);
  };
  const error = (key: string) => errors[key] && <p className="field-error">{errors[key]}</p>;

  return (
    <form className="edit-form" onSubmit={submit} onInput={onInput} aria-label={t('claims.add')} noValidate>
      <h4>{t('claims.add')}</h4>
      <p className="form-hint">{t('sourcesSay.addHint')}</p>
      <fieldset className="radio-row">
        <legend className="visually-hidden">{t('sourcesSay.claimKind')}</legend>
        {(['date', 'status'] as const).map((k) => (
          <label key={k}>
            <input type="radio" name="claimKind" checked={kind === k} onChange={() => setKind(k)} />
            {t(`sourcesSay.kind.${k}`)}
          </label>
        ))}
      </fieldset>
      {kind === 'date' ? (
        <PlannedDateField
          value={planned}
          onChange={setPlanned}
          legend={t('sourcesSay.statedDate')}
          error={errors.planned ?? errors['planned.end']}
        >
          <label>
            {t('claims.qualifierLabel')}
            <select
              name="qualifier"
              data-error-key="planned.qualifier"
              value={qualifier}
              onChange={(e) => setQualifier(e.target.value as Qualifier)}
            >
              {QUALIFIERS.map((q) => (
                <option key={q} value={q}>
                  {t(`claims.qualifier.${q}`)}
                </option>
              ))}
            </select>
            {error('planned.qualifier')}
          </label>
        </PlannedDateField>
      ) : (
        <label>
          {t('sourcesSay.statedStatus')}
          <select name="status" value={status} onChange={(e) => setStatus(e.target.value as Status)}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      <CitationPicker value={citation} onChange={setCitation} required allowNone={false} errors={errors} />
      <label htmlFor={`${id}-stated`}>
        {t('claims.statedOn')} <span className="muted">({t('sourcesSay.statedOnHint')})</span>
      </label>
      <input
        id={`${id}-stated`}
        type="date"
        name="statedOn"
        value={statedOn}
        onChange={(e) => setStatedOn(e.target.value)}
      />
      {error('statedOn')}
      <label htmlFor={`${id}-reason`}>
        {t('edit.reason')} <span className="muted">({t('edit.reasonHint')})</span>
      </label>
      <textarea id={`${id}-reason`} name="reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
      {error('reason')}
      <FormFooter
        error={errors.form}
        pending={add.isPending}
        submitLabel={add.isPending ? t('edit.saving') : t('sourcesSay.addSubmit')}
        onCancel={onCancel}
      />
    </form>
  );
}
