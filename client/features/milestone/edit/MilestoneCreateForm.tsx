import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { milestoneCreateSchema } from '../../../../shared/changes';
import type { PlannedDate } from '../../../../shared/precision';
import { STATUSES, type Status } from '../../../../shared/statuses';
import { CitationPicker, citationInput, emptyCitation } from '../../../components/ui/CitationPicker';
import { FormFooter } from '../../../components/ui/FormFooter';
import { unreadableDates } from '../../../lib/date-input';
import { errorMessage, fieldErrors } from '../../../lib/error-message';
import { useLocalized } from '../../../lib/localized';
import { useReferenceData } from '../../../lib/reference-data';
import { useFieldErrors } from '../../../lib/use-field-errors';
import { useCreateMilestone } from '../api/use-create-milestone';
import { PlannedDateField } from './PlannedDateField';

/** A new milestone is cited from the start: every milestone on the roadmap has a source. */
export function MilestoneCreateForm({ onClose }: { onClose: (createdId: number | null) => void }) {
  const { t } = useTranslation();
  const { name } = useLocalized();
  const reference = useReferenceData();
  const [title, setTitle] = useState('');
  const [workstreamId, setWorkstreamId] = useState<number | ''>('');
  const [status, setStatus] = useState<Status>('planned');
  const [planned, setPlanned] = useState<PlannedDate | null>(null);
  const [reason, setReason] = useState('');
  const [citation, setCitation] = useState(() => emptyCitation('existing'));
  const { errors, setErrors, onInput } = useFieldErrors();
  const create = useCreateMilestone({
    onSuccess: (created) => onClose(created.id),
    onError: (error) => setErrors({ form: errorMessage(error, t) }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const unreadable = unreadableDates(e.currentTarget, t);
    if (Object.keys(unreadable).length) return setErrors(unreadable);
    const parsed = milestoneCreateSchema.safeParse({
      title,
      workstreamId: workstreamId === '' ? undefined : workstreamId,
      status,
      planned,
      reason,
      citation: citationInput(citation),
    });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error.issues, t));
    setErrors({});
    create.mutate(parsed.data);
  };
  const error = (key: string) => errors[key] && <p className="field-error">{errors[key]}</p>;
  return (
    <aside className="milestone-details">
      <form className="edit-form" onSubmit={submit} onInput={onInput} aria-label={t('edit.createTitle')} noValidate>
        <h2>{t('edit.createTitle')}</h2>
        <label>
          {t('edit.title')}
          <input name="title" value={title} onChange={(e) => setTitle(e.target.value)} />
          {error('title')}
        </label>
        <label>
          {t('edit.workstream')}
          <select
            name="workstreamId"
            value={workstreamId}
            onChange={(e) => setWorkstreamId(e.target.value ? Number(e.target.value) : '')}
          >
            <option value="" />
            {reference.workstreams.map((w) => (
              <option key={w.id} value={w.id}>
                {name(w)}
              </option>
            ))}
          </select>
          {error('workstreamId')}
        </label>
        <label>
          {t('edit.status')}
          <select name="status" value={status} onChange={(e) => setStatus(e.target.value as Status)}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <PlannedDateField value={planned} onChange={setPlanned} error={errors['planned.end']} />
        <label>
          {t('edit.reason')}
          <textarea name="reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
          {error('reason')}
        </label>
        <CitationPicker value={citation} onChange={setCitation} required errors={errors} />
        <FormFooter error={errors.form} pending={create.isPending} onCancel={() => onClose(null)} />
      </form>
    </aside>
  );
}
