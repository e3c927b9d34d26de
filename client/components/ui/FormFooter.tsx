import { useTranslation } from 'react-i18next';

/** The end of every edit form: the form-level error, then Save (and Cancel where there is one). */
export function FormFooter({
  error,
  pending,
  submitLabel,
  onCancel,
}: {
  error?: string;
  pending: boolean;
  submitLabel?: string;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={pending}>
          {submitLabel ?? t('edit.save')}
        </button>
        {onCancel && (
          <button type="button" onClick={onCancel}>
            {t('edit.cancel')}
          </button>
        )}
      </div>
    </>
  );
}
