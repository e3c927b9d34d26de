import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { snapshotAttachSchema, snapshotPurgeSchema } from '../../../shared/snapshot';
import { FormFooter } from '../../components/ui/FormFooter';
import { fieldErrors, serverFormErrors } from '../../lib/error-message';
import { trpc } from '../../lib/trpc';
import { useSession } from '../../lib/use-session';
import { useAttachSnapshot, usePurgeSnapshot } from './api/use-source-snapshot';
import './source-text.css';

/**
 * A source's kept text (planners and admins only): shown when kept, with the admin's purge
 * (reason, then confirmation); when not kept, a planner attaches it, and from then on every quote
 * cited from the source is checked against it.
 */
export function SourceText({ source }: { source: { id: number; title: string } }) {
  const { t, i18n } = useTranslation();
  const { isAdmin } = useSession();
  const snapshot = useQuery(trpc.source.snapshot.queryOptions({ sourceId: source.id }));
  const [message, setMessage] = useState<string | null>(null);
  if (snapshot.isError) return <p role="alert">{t('app.loadFailed')}</p>;
  if (!snapshot.data) return <p className="loading">{t('app.loading')}</p>;
  const text = snapshot.data.text;
  return (
    <div className="source-text" data-testid="source-text">
      {message && (
        <p className="form-success" role="status">
          {message}
        </p>
      )}
      {text === null ? (
        <>
          <p>{t('snapshot.none')}</p>
          <AttachForm sourceId={source.id} onDone={() => setMessage(t('snapshot.attached'))} />
        </>
      ) : (
        <>
          <p>{t('snapshot.kept', { chars: text.length.toLocaleString(i18n.language) })}</p>
          <pre className="prose source-text-body" lang="ru">
            {text}
          </pre>
          {isAdmin && <PurgeForm source={source} onDone={() => setMessage(t('snapshot.purged'))} />}
        </>
      )}
    </div>
  );
}

function AttachForm({ sourceId, onDone }: { sourceId: number; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const attach = useAttachSnapshot({ onSuccess: onDone, onError: (error) => setErrors(serverFormErrors(error, t)) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = snapshotAttachSchema.safeParse({ sourceId, text, reason });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error.issues, t));
    setErrors({});
    attach.mutate(parsed.data);
  };
  return (
    <form className="edit-form" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h4 id={`${id}-title`}>{t('snapshot.attachHeading')}</h4>
      <p className="hint">{t('snapshot.attachHint')}</p>
      <label>
        {t('snapshot.text')}
        <textarea name="snapshotText" lang="ru" rows={8} value={text} onChange={(e) => setText(e.target.value)} />
        {errors.text && <span className="field-error">{errors.text}</span>}
      </label>
      <label>
        {t('edit.reason')}
        <textarea name="reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
        {errors.reason && <span className="field-error">{errors.reason}</span>}
      </label>
      <FormFooter
        error={errors.form}
        pending={attach.isPending}
        submitLabel={attach.isPending ? t('edit.saving') : t('snapshot.attach')}
      />
    </form>
  );
}

function PurgeForm({ source, onDone }: { source: { id: number; title: string }; onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const purge = usePurgeSnapshot({
    onSuccess: onDone,
    onError: (error) => {
      setConfirming(false);
      setErrors(serverFormErrors(error, t));
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const parsed = snapshotPurgeSchema.safeParse({ sourceId: source.id, reason });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error.issues, t));
    setErrors({});
    if (!confirming) return setConfirming(true);
    purge.mutate(parsed.data);
  };
  return (
    <form className="edit-form" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h4 id={`${id}-title`}>{t('snapshot.purge')}</h4>
      <p className="hint">{t('snapshot.purgeHint')}</p>
      <label>
        {t('edit.reason')}
        <textarea
          name="purgeReason"
          rows={2}
          value={reason}
          onChange={(e) => {
            setReason(e.target.value);
            setConfirming(false);
          }}
        />
        {errors.reason && <span className="field-error">{errors.reason}</span>}
      </label>
      {confirming && (
        <p className="form-hint" role="alert">
          {t('snapshot.purgeConfirm', { title: source.title })}
        </p>
      )}
      <FormFooter
        error={errors.form}
        pending={purge.isPending}
        submitLabel={confirming ? t('snapshot.purgeYes') : t('snapshot.purge')}
        onCancel={confirming ? () => setConfirming(false) : undefined}
      />
    </form>
  );
}
