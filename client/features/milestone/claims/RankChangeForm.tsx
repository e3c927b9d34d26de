import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClaimRank } from '../../../../shared/claim-words';
import { claimSetRankSchema } from '../../../../shared/claims';
import { FormFooter } from '../../../components/ui/FormFooter';
import { errorCode, fieldErrors, serverFormErrors } from '../../../lib/error-message';
import { useLocalized } from '../../../lib/localized';
import { useFieldErrors } from '../../../lib/use-field-errors';
import { useSetClaimRank } from '../api/use-set-claim-rank';
import type { MilestoneDetailsData } from '../edit/draft';
import { ClaimConflictView } from './ClaimConflictView';
import { type ClaimView, claimSays } from './claim-view';

/** The words of each change of rank: the button that opens the form, and what is said once saved. */
export const RANK_ACTIONS: Record<ClaimRank, { action: string; done: string }> = {
  current: { action: 'claims.makeCurrent', done: 'sourcesSay.madeCurrent' },
  superseded: { action: 'claims.supersede', done: 'sourcesSay.superseded' },
  other: { action: 'claims.restore', done: 'sourcesSay.restored' },
};

/**
 * Makes a claim current, supersedes it or puts it back in consideration — always with a reason,
 * which the history keeps. Making a date claim current moves the milestone's date.
 */
export function RankChangeForm({
  milestone,
  claim,
  rank,
  onDone,
  onCancel,
}: {
  milestone: MilestoneDetailsData;
  claim: ClaimView;
  rank: ClaimRank;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const { language } = useLocalized();
  const id = useId();
  const [version, setVersion] = useState(milestone.version);
  const [reason, setReason] = useState('');
  const { errors, setErrors, onInput } = useFieldErrors();
  const [conflict, setConflict] = useState(false);
  const says = claimSays(claim, language, t);
  const setRank = useSetClaimRank(milestone.id, {
    onSuccess: () => onDone(t(RANK_ACTIONS[rank].done, { claim: says })),
    onError: (error) => {
      if (errorCode(error) === 'CONFLICT') return setConflict(true);
      setErrors(serverFormErrors(error, t));
    },
  });

  if (conflict) {
    // The milestone as the server has it now (the hook refetched it): this claim's rank there.
    const now = milestone.claims.find((c) => c.id === claim.id);
    const current = milestone.claims.find((c) => c.kind === claim.kind && c.rank === 'current');
    return (
      <ClaimConflictView
        rows={[
          {
            field: 'rank',
            label: t('history.fields.rank'),
            mine: `${says}: ${t(`claims.rank.${rank}`)}`,
            current: now ? `${says}: ${t(`claims.rank.${now.rank}`)}` : '—',
          },
          {
            field: 'current',
            label: t('sourcesSay.currentClaim'),
            mine: rank === 'current' ? says : '—',
            current: current ? claimSays(current, language, t) : '—',
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
    const parsed = claimSetRankSchema.safeParse({
      milestoneId: milestone.id,
      version,
      claimId: claim.id,
      rank,
      reason,
    });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error.issues, t));
    setErrors({});
    setRank.mutate(parsed.data);
  };
  const actionLabel = t(RANK_ACTIONS[rank].action);
  return (
    <form className="edit-form rank-form" onSubmit={submit} onInput={onInput} aria-label={actionLabel} noValidate>
      <p className="form-hint">{t(`sourcesSay.explain.${rank}`, { claim: says })}</p>
      <label htmlFor={`${id}-reason`}>
        {t('edit.reason')} <span className="muted">({t('edit.reasonHint')})</span>
      </label>
      <textarea
        id={`${id}-reason`}
        name="reason"
        rows={2}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        aria-invalid={errors.reason ? true : undefined}
      />
      {errors.reason && <p className="field-error">{errors.reason}</p>}
      <FormFooter
        error={errors.form}
        pending={setRank.isPending}
        submitLabel={setRank.isPending ? t('edit.saving') : actionLabel}
        onCancel={onCancel}
      />
    </form>
  );
}
