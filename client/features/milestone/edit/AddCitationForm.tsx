import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { citationCreateSchema } from '../../../../shared/changes';
import { CITATION_CLAIMS } from '../../../../shared/citation';
import { CitationPicker, citationInput, emptyCitation } from '../../../components/ui/CitationPicker';
import { FormFooter } from '../../../components/ui/FormFooter';
import { unreadableDates } from '../../../lib/date-input';
import { errorMessage, fieldErrors } from '../../../lib/error-message';
import { useFieldErrors } from '../../../lib/use-field-errors';
import { useAddCitation } from '../api/use-add-citation';

export function AddCitationForm({ milestoneId, onClose }: { milestoneId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const [claim, setClaim] = useState<'milestone' | 'date' | 'status'>('milestone');
  const [citation, setCitation] = useState(() => emptyCitation('existing'));
  const [reason, setReason] = useState('');
  const { errors, setErrors, onInput } = useFieldErrors();
  const add = useAddCitation({
    onSuccess: () => onClose(),
    onError: (error) => setErrors({ form: errorMessage(error, t) }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const unreadable = unreadableDates(e.currentTarget, t);
    if (Object.keys(unreadable).length) return setErrors(unreadable);
    const parsed = citationCreateSchema.safeParse({ milestoneId, claim, reason, citation: citationInput(citation) });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error.issues, t));
    setErrors({});
    add.mutate(parsed.data);
  };
  return (
    <form className="edit-form" onSubmit={submit} onInput={onInput} aria-label={t('edit.addCitation')} noValidate>
      <h3>{t('edit.addCitation')}</h3>
      <label>
        {t('edit.claim')}
        <select value={claim} onChange={(e) => setClaim(e.target.value as typeof claim)}>
          {CITATION_CLAIMS.filter((c) => c !== 'role').map((c) => (
            <option key={c} value={c}>
              {t(`claim.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <CitationPicker value={citation} onChange={setCitation} required errors={errors} />
      <label>
        {t('edit.reason')}
        <textarea name="reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
        {errors.reason && <p className="field-error">{errors.reason}</p>}
      </label>
      <FormFooter error={errors.form} pending={add.isPending} onCancel={onClose} />
    </form>
  );
}
