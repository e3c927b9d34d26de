import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { changeRuleBroken, citedFieldsOf, milestoneUpdateSchema } from '../../../../shared/changes';
import { STATUSES, type Status } from '../../../../shared/statuses';
import { CheckboxMenu } from '../../../components/ui/CheckboxMenu';
import { CitationPicker, citationInput, emptyCitation } from '../../../components/ui/CitationPicker';
import { unreadableDates } from '../../../lib/date-input';
import { errorCode, fieldErrors, serverFormErrors } from '../../../lib/error-message';
import { useLocalized } from '../../../lib/localized';
import { useNames, useReferenceData } from '../../../lib/reference-data';
import { trpc } from '../../../lib/trpc';
import { useFieldErrors } from '../../../lib/use-field-errors';
import { useUpdateMilestone } from '../api/use-update-milestone';
import { ConflictView } from './ConflictView';
import { changedFields, type Draft, draftOf, type MilestoneDetailsData } from './draft';
import { ParticipantRolesField } from './ParticipantRolesField';
import { PlannedDateField } from './PlannedDateField';

interface MilestoneEditFormProps {
  /** The milestone as the server has it now; after a conflict this is the newer version. */
  milestone: MilestoneDetailsData;
  /** Values proposed from elsewhere, e.g. the date an item was dragged to. */
  proposed?: Partial<Draft>;
  hint?: string;
  onClose: (saved: boolean) => void;
}

export function MilestoneEditForm({ milestone, proposed, hint, onClose }: MilestoneEditFormProps) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const reference = useReferenceData();
  const names = useNames();
  // What the form was based on; it only moves when the planner re-applies after a conflict.
  const [base, setBase] = useState(() => ({ values: draftOf(milestone), version: milestone.version }));
  const [draft, setDraft] = useState<Draft>(() => ({ ...base.values, ...proposed }));
  const [reason, setReason] = useState('');
  const [citation, setCitation] = useState(() => emptyCitation(proposed ? 'existing' : 'none'));
  const { errors, setErrors, onInput } = useFieldErrors();
  const [conflict, setConflict] = useState<Partial<Draft> | null>(null);

  const update = useUpdateMilestone(milestone.id, {
    onSuccess: () => onClose(true),
    onError: (error) => {
      // The hook refetches the milestone; the conflict view compares against the newer version.
      if (errorCode(error) === 'CONFLICT') return setConflict(changedFields(base.values, draft));
      setErrors(serverFormErrors(error, t));
    },
  });

  const set = <K extends keyof Draft>(field: K, value: Draft[K]) => setDraft((d) => ({ ...d, [field]: value }));
  const changes = changedFields(base.values, draft);
  const needsCitation = citedFieldsOf(Object.keys(changes)).length > 0;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const unreadable = unreadableDates(e.currentTarget, t);
    if (Object.keys(unreadable).length) return setErrors(unreadable);
    const broken = changeRuleBroken(Object.keys(changes), citation.mode !== 'none');
    if (broken === 'errors.noChanges') return setErrors({ form: t(broken) });
    const parsed = milestoneUpdateSchema.safeParse({
      id: milestone.id,
      version: base.version,
      reason,
      citation: citationInput(citation),
      ...changes,
    });
    const found = parsed.success ? {} : fieldErrors(parsed.error.issues, t);
    if (broken) found.citation = t(broken);
    setErrors(found);
    if (parsed.success && Object.keys(found).length === 0) update.mutate(parsed.data);
  };

  if (conflict) {
    return (
      <ConflictView
        mine={conflict}
        current={draftOf(milestone)}
        names={names}
        onReapply={() => {
          setBase({ values: draftOf(milestone), version: milestone.version });
          setDraft({ ...draftOf(milestone), ...conflict });
          setConflict(null);
        }}
        onDiscard={() => onClose(false)}
      />
    );
  }

  const error = (key: string) =>
    errors[key] && (
      <p className="field-error" role="alert">
        {errors[key]}
      </p>
    );
  return (
    <form className="edit-form" onSubmit={submit} onInput={onInput} aria-label={t('edit.formTitle')} noValidate>
      <h3>{t('edit.formTitle')}</h3>
      {hint && <p className="form-hint">{hint}</p>}
      <label>
        {t('edit.status')}
        <select name="status" value={draft.status} onChange={(e) => set('status', e.target.value as Status)}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <PlannedDateField
        value={draft.planned}
        onChange={(v) => set('planned', v)}
        error={errors.planned ?? errors['planned.end']}
      />
      <label>
        {t('edit.actualDate')}
        <input
          type="date"
          name="actualDate"
          value={draft.actualDate ?? ''}
          // A part erased reads '' too; the field keeps what was typed (React leaves an equal value
          // alone) and the save refuses it (unreadableDates), so no date is cleared unasked.
          onChange={(e) => set('actualDate', e.target.value || null)}
        />
        {error('actualDate')}
      </label>
      <label>
        {t('edit.title')}
        <input name="title" value={draft.title} onChange={(e) => set('title', e.target.value)} />
        {error('title')}
      </label>
      <label>
        {t('edit.titleEn')}
        <input name="titleEn" value={draft.titleEn ?? ''} onChange={(e) => set('titleEn', e.target.value || null)} />
      </label>
      <label>
        {t('edit.description')}
        <textarea
          name="description"
          rows={3}
          value={draft.description}
          onChange={(e) => set('description', e.target.value)}
        />
      </label>
      <label>
        {t('edit.expectedResult')}
        <textarea
          name="expectedResult"
          rows={2}
          value={draft.expectedResult}
          onChange={(e) => set('expectedResult', e.target.value)}
        />
      </label>
      <div className="form-grid">
        <label>
          {t('edit.workstream')}
          <select
            name="workstreamId"
            value={draft.workstreamId ?? ''}
            onChange={(e) => set('workstreamId', e.target.value ? Number(e.target.value) : null)}
          >
            {reference.workstreams.map((w) => (
              <option key={w.id} value={w.id}>
                {localized.name(w)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('edit.region')}
          <select
            name="regionId"
            value={draft.regionId ?? ''}
            onChange={(e) => set('regionId', e.target.value ? Number(e.target.value) : null)}
          >
            <option value="">{t('edit.regionNone')}</option>
            {reference.regions.map((r) => (
              <option key={r.id} value={r.id}>
                {localized.name(r)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label>
        {t('edit.site')}
        <input name="site" value={draft.site ?? ''} onChange={(e) => set('site', e.target.value || null)} />
      </label>
      <ParticipantRolesField value={draft.participants} onChange={(v) => set('participants', v)} />
      <PredecessorField
        milestoneId={milestone.id}
        value={draft.predecessorIds}
        onChange={(v) => set('predecessorIds', v)}
      />
      {error('predecessorIds')}
      <label>
        {t('edit.reason')} <span className="muted">({t('edit.reasonHint')})</span>
        <textarea name="reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} required />
        {error('reason')}
      </label>
      <CitationPicker value={citation} onChange={setCitation} required={needsCitation} errors={errors} />
      {error('form')}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={update.isPending}>
          {update.isPending ? t('edit.saving') : t('edit.save')}
        </button>
        <button type="button" onClick={() => onClose(false)}>
          {t('edit.cancel')}
        </button>
      </div>
    </form>
  );
}

function PredecessorField({
  milestoneId,
  value,
  onChange,
}: {
  milestoneId: number;
  value: number[];
  onChange: (value: number[]) => void;
}) {
  const { t } = useTranslation();
  const { title } = useLocalized();
  const { data } = useQuery(trpc.milestone.list.queryOptions({}));
  return (
    <CheckboxMenu
      label={t('edit.predecessors')}
      emptyLabel={t('edit.predecessorsNone')}
      options={(data ?? []).filter((m) => m.id !== milestoneId).map((m) => ({ value: m.id, label: title(m) }))}
      selected={value}
      onChange={onChange}
    />
  );
}
