import { type RefObject, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { SOURCE_KINDS, type SourceKind } from '../../../shared/source';
import { withoutMessagesOf } from '../../lib/use-field-errors';
import { type SourceDraft, updateReview } from './intake-store';

/**
 * The source as the analyser read it from the article (headline, dateline, date), for the planner
 * to confirm or correct. An empty date is an undated source, said as such, never a guessed day.
 */
export function SourceForm({
  source,
  errors,
  fieldsRef,
}: {
  source: SourceDraft;
  errors: Record<string, string>;
  /** The apply panel reads the date field's own state from here: a half-typed date reads as ''. */
  fieldsRef: RefObject<HTMLFieldSetElement | null>;
}) {
  const { t } = useTranslation();
  const id = useId();
  const set = (patch: Partial<SourceDraft>) => updateReview((r) => ({ ...r, source: { ...r.source, ...patch } }));
  const error = (key: string) =>
    errors[key] && (
      <p id={`${id}-${key}-error`} className="field-error">
        {errors[key]}
      </p>
    );
  const described = (key: string) => (errors[key] ? `${id}-${key}-error` : undefined);
  return (
    <fieldset
      ref={fieldsRef}
      className="form-group intake-source edit-form"
      data-testid="intake-source"
      // A field the planner corrects loses its message; the others stay until the next Apply.
      onInput={(e) => {
        const target = e.target;
        if (withoutMessagesOf(errors, target) === errors) return;
        updateReview((r) => ({ ...r, sourceErrors: withoutMessagesOf(r.sourceErrors, target) }));
      }}
    >
      <legend>{t('intake.sourceHeading')}</legend>
      <p className="hint">{t('intake.sourceHint')}</p>
      <div className="form-grid">
        <label className="wide">
          {t('intake.fields.title')}
          <input
            name="sourceTitle"
            data-error-key="title"
            lang="ru"
            value={source.title}
            maxLength={500}
            aria-invalid={Boolean(errors.title) || undefined}
            aria-describedby={described('title')}
            onChange={(e) => set({ title: e.target.value })}
          />
          {error('title')}
        </label>
        <label>
          {t('intake.fields.publisher')}
          <input
            name="sourcePublisher"
            data-error-key="publisher"
            value={source.publisher}
            maxLength={200}
            onChange={(e) => set({ publisher: e.target.value })}
          />
          {error('publisher')}
        </label>
        <label>
          {t('intake.fields.publishedOn')}
          <input
            type="date"
            name="sourcePublishedOn"
            data-error-key="publishedOn"
            value={source.publishedOn}
            aria-invalid={Boolean(errors.publishedOn) || undefined}
            aria-describedby={source.publishedOn || errors.publishedOn ? described('publishedOn') : `${id}-undated`}
            onChange={(e) => set({ publishedOn: e.target.value })}
          />
          {!source.publishedOn && !errors.publishedOn && (
            <span id={`${id}-undated`} className="muted">
              {t('intake.undated')}
            </span>
          )}
          {error('publishedOn')}
        </label>
        <label>
          {t('intake.fields.kind')}
          <select
            name="sourceKind"
            data-error-key="kind"
            value={source.kind}
            onChange={(e) => set({ kind: e.target.value as SourceKind })}
          >
            {SOURCE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`sourceKind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('intake.fields.url')}
          <input
            type="url"
            name="sourceUrl"
            data-error-key="url"
            value={source.url}
            maxLength={2000}
            aria-describedby={described('url')}
            onChange={(e) => set({ url: e.target.value })}
          />
          {error('url')}
        </label>
      </div>
    </fieldset>
  );
}
