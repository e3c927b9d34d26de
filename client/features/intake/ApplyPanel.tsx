import { type FormEvent, type RefObject, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { intakeApplySchema } from '../../../shared/intake-review';
import { unreadableDates } from '../../lib/date-input';
import { errorCode, errorMessage, fieldErrors, isClientError, serverFormErrors } from '../../lib/error-message';
import { useApplyDraft } from './api/use-apply-draft';
import { useDiscardDraft } from './api/use-discard-draft';
import { type Review, resetIntake, setIntake, updateReview } from './intake-store';
import { acceptedInput, type Problem, type ProposalView } from './review-rules';

interface Details {
  proposalId?: unknown;
  field?: unknown;
  milestoneId?: unknown;
  currentVersion?: unknown;
}

/**
 * The end of a review: the reason every change carries, Apply (checked here with the shared
 * schema, then confirmed: the source and the accepted proposals are written in one transaction),
 * or Discard. A refusal that names a proposal is put on that proposal; nothing else is touched.
 */
export function ApplyPanel({
  review,
  views,
  problems,
  counts,
  sourceFields,
}: {
  review: Review;
  views: readonly ProposalView[];
  problems: Readonly<Record<string, Problem[]>>;
  counts: { accepted: number; pending: number; rejected: number };
  /** The source form's fields (SourceForm), for a date the browser cannot read. */
  sourceFields: RefObject<HTMLFieldSetElement | null>;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [confirming, setConfirming] = useState<'apply' | 'discard' | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const confirmRef = useRef<HTMLButtonElement>(null);
  // The question is asked where the planner's focus goes: on its first answer.
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  const apply = useApplyDraft({
    onSuccess: (result) => setIntake(() => ({ phase: 'applied', result, sourceTitle: review.source.title.trim() })),
    onError: (error) => {
      setConfirming(null);
      const details =
        (isClientError(error) ? (error.data as { details?: Details | null } | undefined)?.details : null) ?? {};
      const proposalId = typeof details.proposalId === 'string' ? details.proposalId : null;
      if (proposalId && isClientError(error)) {
        const field = typeof details.field === 'string' ? t(`intake.fields.${details.field}`) : '';
        const key = error.message;
        const message = key.startsWith('errors.') && t(key) !== key ? t(key, { field }) : errorMessage(error, t);
        const conflict =
          errorCode(error) === 'CONFLICT' &&
          typeof details.milestoneId === 'number' &&
          typeof details.currentVersion === 'number'
            ? { milestoneId: details.milestoneId, currentVersion: details.currentVersion }
            : undefined;
        updateReview((r) => ({
          ...r,
          selected: proposalId,
          serverProblems: { ...r.serverProblems, [proposalId]: { message, ...(conflict ? { conflict } : {}) } },
        }));
        setErrors({ form: t('intake.fixFirst') });
        return;
      }
      const found = serverFormErrors(error, t);
      if (errorCode(error) === 'NOT_FOUND' || !found.reason) setErrors({ form: found.form ?? errorMessage(error, t) });
      else setErrors(found);
    },
  });
  const discard = useDiscardDraft({
    onSuccess: () => resetIntake(t('intake.discarded')),
    onError: (error) => {
      setConfirming(null);
      // Gone already (applied or discarded elsewhere): there is nothing left to keep.
      if (errorCode(error) === 'NOT_FOUND') return resetIntake(t('intake.discarded'));
      setErrors({ form: errorMessage(error, t) });
    },
  });

  const payload = () =>
    intakeApplySchema.safeParse({
      draftId: review.analysis.draftId,
      source: {
        title: review.source.title,
        publisher: review.source.publisher.trim() || null,
        publishedOn: review.source.publishedOn || null,
        kind: review.source.kind,
        url: review.source.url.trim() || null,
      },
      accepted: views.filter((v) => v.decision === 'accepted').map((v) => acceptedInput(v, review.versions)),
      reason: review.reason,
    });

  const check = (e: FormEvent) => {
    e.preventDefault();
    const parsed = payload();
    const byField = parsed.success ? {} : fieldErrors(parsed.error.issues, t);
    const sourceErrors = {
      ...Object.fromEntries(
        Object.entries(byField)
          .filter(([key]) => key.startsWith('source.'))
          .map(([key, message]) => [key.slice('source.'.length), message]),
      ),
      // A half-typed publication date reads as none: the source would be written undated.
      ...(sourceFields.current ? unreadableDates(sourceFields.current, t) : {}),
    };
    updateReview((r) => ({ ...r, sourceErrors }));
    const firstProblem = views.find((v) => problems[v.proposal.id]);
    const stale = Object.keys(review.serverProblems)[0];
    if (!parsed.success || firstProblem || stale || Object.keys(sourceErrors).length) {
      // "Correct what is marked above" only when something above is marked; a missing reason is said here.
      const above = firstProblem || stale || Object.keys(sourceErrors).length > 0;
      setErrors({
        ...(above ? { form: t('intake.fixFirst') } : {}),
        ...(byField.reason ? { reason: byField.reason } : {}),
      });
      const focus = firstProblem?.proposal.id ?? stale;
      if (focus) updateReview((r) => ({ ...r, selected: focus }));
      return;
    }
    setErrors({});
    setConfirming('apply');
  };

  const write = () => {
    const parsed = payload();
    if (parsed.success) apply.mutate(parsed.data);
  };

  return (
    <form className="edit-form intake-apply" onSubmit={check} aria-labelledby={`${id}-title`} noValidate>
      <h3 id={`${id}-title`}>{t('intake.applyHeading')}</h3>
      <label htmlFor={`${id}-reason`}>
        {t('intake.reason')} <span className="muted">({t('intake.reasonHint')})</span>
      </label>
      <textarea
        id={`${id}-reason`}
        name="reason"
        rows={2}
        value={review.reason}
        aria-invalid={Boolean(errors.reason) || undefined}
        aria-describedby={errors.reason ? `${id}-reason-error` : undefined}
        onChange={(e) => {
          const reason = e.target.value;
          updateReview((r) => ({ ...r, reason }));
          setConfirming(null);
        }}
      />
      {errors.reason && (
        <p id={`${id}-reason-error`} className="field-error">
          {errors.reason}
        </p>
      )}
      {errors.form && (
        <p className="field-error" role="alert">
          {errors.form}
        </p>
      )}
      {confirming === 'apply' ? (
        <div className="confirm-box" role="alertdialog" aria-labelledby={`${id}-confirm`}>
          <p id={`${id}-confirm`}>
            {t('intake.confirmText', {
              title: review.source.title.trim(),
              accepted: counts.accepted,
              pending: counts.pending,
            })}
          </p>
          <div className="form-actions">
            <button ref={confirmRef} type="button" className="primary" onClick={write} disabled={apply.isPending}>
              {apply.isPending ? t('intake.applying') : t('intake.confirm')}
            </button>
            <button type="button" onClick={() => setConfirming(null)} disabled={apply.isPending}>
              {t('intake.cancel')}
            </button>
          </div>
        </div>
      ) : confirming === 'discard' ? (
        <div className="confirm-box" role="alertdialog" aria-labelledby={`${id}-discard`}>
          <p id={`${id}-discard`}>{t('intake.discardConfirm')}</p>
          <div className="form-actions">
            <button
              type="button"
              className="danger"
              onClick={() => discard.mutate({ draftId: review.analysis.draftId })}
            >
              {t('intake.discardYes')}
            </button>
            <button type="button" onClick={() => setConfirming(null)}>
              {t('intake.keep')}
            </button>
          </div>
        </div>
      ) : (
        <div className="form-actions">
          <button type="submit" className="primary">
            {t('intake.apply')}
          </button>
          <button type="button" onClick={() => setConfirming('discard')}>
            {t('intake.discard')}
          </button>
        </div>
      )}
    </form>
  );
}
