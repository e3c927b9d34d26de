import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { citedFieldsOf, reasonSchema } from '../../../shared/changes';
import { type CsvImportError, type CsvImportResult, decodeCsvBytes, MILESTONE_CSV_COLUMNS } from '../../../shared/csv';
import { CitationPicker, citationInput, emptyCitation } from '../../components/ui/CitationPicker';
import { unreadableDates } from '../../lib/date-input';
import { fieldErrors, translateMessage } from '../../lib/error-message';
import { displayValue } from '../../lib/field-value';
import { i18n } from '../../lib/i18n';
import { invalidateRoadmap } from '../../lib/invalidation';
import { useLocalized } from '../../lib/localized';
import { useNames } from '../../lib/reference-data';
import { isImportResult, postCsvImport, type UploadProgress } from './upload-import';

/** Rows of the preview drawn at once; a 100k-row file still says how many more there are. */
const SHOWN_ROWS = 300;

type Phase = 'idle' | 'uploading' | 'checking' | 'applying';

interface LoadedFile {
  name: string;
  text: string;
}

/**
 * The planner's import: pick the file, say why and on which source, see what would change
 * (a dry run on the server), then apply. Any change to the inputs asks for a new check, so
 * what is applied is what was previewed.
 */
export function ImportCsvDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { language } = useLocalized();
  const names = useNames();
  const dialog = useRef<HTMLDialogElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const [file, setFile] = useState<LoadedFile | null>(null);
  const [reason, setReason] = useState('');
  const [citation, setCitation] = useState(() => emptyCitation('none'));
  const [phase, setPhase] = useState<Phase>('idle');
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [result, setResult] = useState<CsvImportResult | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [formErrors, setFormErrors] = useState<Record<string, string>>({});

  // Not closed on cleanup: an unmounted dialog leaves the top layer by itself, and a close()
  // there would fire `close` (and onClose) after StrictMode's second mount.
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  const reset = () => {
    setResult(null);
    setMessage(null);
    setFormErrors({});
  };

  const columnName = (column: string | null): string => {
    if (column === null) return '';
    if ((MILESTONE_CSV_COLUMNS as readonly string[]).includes(column)) return t(`csv.columns.${column}`);
    if (column === 'reason') return t('edit.reason');
    if (column.startsWith('citation')) return t('edit.citation');
    return column;
  };
  const errorText = (e: CsvImportError) =>
    i18n.exists(e.message) ? t(e.message, e.params ?? {}) : translateMessage(e.message, t);

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setMessage(null);
    // A new source's publication date half typed reads as none: named rather than sent undated.
    const unreadable = form.current ? unreadableDates(form.current, t) : {};
    if (Object.keys(unreadable).length) {
      setFormErrors(unreadable);
      return;
    }
    if (!dryRun) {
      // The server checks again; this only saves a round trip for what the form can see.
      const found = fieldErrors(
        reasonSchema.safeParse(reason).error?.issues.map((i) => ({ ...i, path: ['reason'] })),
        t,
      );
      setFormErrors(found);
      if (Object.keys(found).length) return;
    }
    setPhase('uploading');
    setProgress({ loaded: 0, total: 0, sent: false });
    try {
      const response = await postCsvImport(
        { fileName: file.name, csv: file.text, reason, citation: citationInput(citation) },
        dryRun,
        (p) => {
          setProgress(p);
          if (p.sent) setPhase(dryRun ? 'checking' : 'applying');
        },
      );
      if (isImportResult(response.body)) {
        const body = response.body;
        setResult(body);
        const fromServer: Record<string, string> = {};
        for (const e of body.errors) if (e.row === null && e.column) fromServer[e.column] ??= errorText(e);
        setFormErrors(fromServer);
        if (body.applied) {
          setMessage(t('csv.applied', { count: body.rows.length }));
          await invalidateRoadmap();
        } else if (!dryRun) setMessage(t('csv.notApplied'));
        else if (!body.rows.length && !body.errors.length) setMessage(t('csv.nothingToApply'));
      } else {
        // The CSV routes answer { error: key }; the guard in front of them answers in tRPC's shape.
        const error = response.body?.error;
        const key =
          response.status === 413
            ? 'csv.errors.tooLarge'
            : ((typeof error === 'string' ? error : error?.message) ?? 'errors.internal');
        setMessage(t(key, { defaultValue: t('errors.internal') }));
      }
    } catch {
      setMessage(t('csv.uploadFailed'));
    } finally {
      setPhase('idle');
      setProgress(null);
    }
  };

  const pickFile = async (picked: File | undefined) => {
    reset();
    if (!picked) return setFile(null);
    setFile({ name: picked.name, text: decodeCsvBytes(new Uint8Array(await picked.arrayBuffer())) });
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(true);
  };

  const busy = phase !== 'idle';
  const canApply = Boolean(result?.dryRun && result.rows.length > 0 && result.errors.length === 0);
  // Errors have no identity of their own (two may read the same); their place in the answer is one.
  const rowErrors = (result?.errors ?? [])
    .map((e, place) => ({ ...e, place }))
    .filter((e) => e.row !== null || !e.column?.match(/^(reason|citation)/));
  const changes = result?.rows.flatMap((r) => r.changes.map((c) => ({ ...r, change: c }))) ?? [];

  return (
    <dialog
      ref={dialog}
      className="csv-import"
      aria-labelledby="csv-import-title"
      onClose={onClose}
      // Escape must not hide a file that is still being sent or applied.
      onCancel={(e) => busy && e.preventDefault()}
    >
      <form ref={form} className="edit-form" onSubmit={submit} noValidate>
        <h2 id="csv-import-title">{t('csv.importTitle')}</h2>
        <p className="hint">{t('csv.importHint')}</p>
        <label>
          {t('csv.file')}
          <input
            type="file"
            name="file"
            accept=".csv,text/csv"
            disabled={busy}
            onChange={(e) => void pickFile(e.target.files?.[0])}
          />
        </label>
        <label>
          {t('edit.reason')} <span className="muted">({t('edit.reasonHint')})</span>
          <textarea
            name="reason"
            rows={2}
            value={reason}
            disabled={busy}
            onChange={(e) => {
              setReason(e.target.value);
              reset();
            }}
          />
          {formErrors.reason && <p className="field-error">{formErrors.reason}</p>}
        </label>
        <CitationPicker
          value={citation}
          onChange={(value) => {
            setCitation(value);
            reset();
          }}
          required={Boolean(result?.rows.some((r) => citedFieldsOf(r.changes.map((c) => c.field)).length))}
          errors={formErrors}
        />
        <div className="form-actions">
          <button type="submit" disabled={!file || busy}>
            {t('csv.preview')}
          </button>
          {/* aria-disabled rather than disabled: the button stays in the tab order and says why it waits. */}
          <button
            type="button"
            className="primary"
            aria-disabled={!canApply || busy}
            aria-describedby={canApply ? undefined : 'csv-apply-hint'}
            onClick={() => canApply && !busy && void run(false)}
          >
            {t('csv.apply')}
          </button>
          <button type="button" onClick={() => dialog.current?.close()}>
            {t('csv.close')}
          </button>
        </div>
        {!canApply && (
          <p id="csv-apply-hint" className="hint">
            {t('csv.previewFirst')}
          </p>
        )}
        {busy && (
          <p className="csv-progress" role="status">
            {phase === 'uploading' ? t('csv.uploading') : phase === 'checking' ? t('csv.checking') : t('csv.applying')}{' '}
            {phase === 'uploading' && progress?.total ? (
              <progress value={progress.loaded} max={progress.total} />
            ) : (
              <progress />
            )}
          </p>
        )}
        {message && (
          <p className={result?.applied ? 'form-hint' : 'form-error'} role="status">
            {message}
          </p>
        )}
      </form>

      {result && (
        <section aria-label={t('csv.changesCaption')}>
          <p role="status">
            {t('csv.summary', {
              total: result.total,
              changed: result.rows.length,
              unchanged: result.unchanged,
              errors: result.errors.length + result.moreErrors,
            })}
          </p>
          {rowErrors.length > 0 && (
            <table className="data-table" data-testid="csv-import-errors">
              <caption>{t('csv.errorsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('csv.row')}</th>
                  <th scope="col">{t('csv.column')}</th>
                  <th scope="col">{t('csv.message')}</th>
                </tr>
              </thead>
              <tbody>
                {rowErrors.slice(0, SHOWN_ROWS).map((e) => (
                  <tr key={e.place}>
                    <td>{e.row ?? t('csv.form')}</td>
                    <td>{columnName(e.column)}</td>
                    <td>{errorText(e)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {result.moreErrors > 0 && (
            <p className="form-error" data-testid="csv-import-more-errors">
              {t('csv.moreErrors', { count: result.moreErrors })}
            </p>
          )}
          {changes.length > 0 && (
            <table className="data-table" data-testid="csv-import-changes">
              <caption>{result.applied ? t('csv.changedCaption') : t('csv.changesCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('csv.row')}</th>
                  <th scope="col">{t('csv.milestone')}</th>
                  <th scope="col">{t('csv.field')}</th>
                  <th scope="col">{t('csv.from')}</th>
                  <th scope="col">{t('csv.to')}</th>
                </tr>
              </thead>
              <tbody>
                {changes.slice(0, SHOWN_ROWS).map(({ row, id, title, change }) => (
                  <tr key={`${row}:${change.field}`}>
                    <td>{row}</td>
                    <td lang="ru">
                      #{id} {title}
                    </td>
                    <td>{t(`history.fields.${change.field}`)}</td>
                    <td>{displayValue(change.field, change.from, t, language, names)}</td>
                    <td>{displayValue(change.field, change.to, t, language, names)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {Math.max(changes.length, rowErrors.length) > SHOWN_ROWS && (
            <p className="muted">
              {t('csv.more', { shown: SHOWN_ROWS, total: Math.max(changes.length, rowErrors.length) })}
            </p>
          )}
        </section>
      )}
    </dialog>
  );
}
