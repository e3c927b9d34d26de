import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CitationInput } from '../../../shared/changes';
import { SOURCE_KINDS, type SourceKind } from '../../../shared/source';
import { trpc } from '../../lib/trpc';

export type CitationMode = 'none' | 'existing' | 'new';

export interface CitationDraft {
  mode: CitationMode;
  sourceId: number | null;
  quote: string;
  publisher: string;
  title: string;
  publishedOn: string;
  url: string;
  /** What kind of voice the new source is; it weighs in the confidence of the dates it backs. */
  kind: SourceKind;
}

export const emptyCitation = (mode: CitationMode = 'none'): CitationDraft => ({
  mode,
  sourceId: null,
  quote: '',
  publisher: '',
  title: '',
  publishedOn: '',
  url: '',
  kind: 'unknown',
});

/** The draft as the API takes it; the shared schema then says what is missing. */
export function citationInput(draft: CitationDraft): CitationInput | undefined {
  if (draft.mode === 'none') return undefined;
  if (draft.mode === 'existing') return { sourceId: draft.sourceId ?? 0, quote: draft.quote };
  return {
    quote: draft.quote,
    newSource: {
      title: draft.title,
      publisher: draft.publisher || null,
      publishedOn: draft.publishedOn || null,
      url: draft.url || null,
      kind: draft.kind,
    },
  };
}

export function CitationPicker({
  value,
  onChange,
  required,
  errors,
  allowNone = true,
}: {
  value: CitationDraft;
  onChange: (value: CitationDraft) => void;
  required: boolean;
  errors: Record<string, string>;
  /** False where a source is the whole point (a claim): the "no source" choice is not offered. */
  allowNone?: boolean;
}) {
  const { t } = useTranslation();
  const sources = useQuery(trpc.source.list.queryOptions());
  const set = (patch: Partial<CitationDraft>) => onChange({ ...value, ...patch });
  const error = (key: string) => errors[key] && <p className="field-error">{errors[key]}</p>;
  return (
    <fieldset className="form-group citation-picker">
      <legend>
        {t('edit.citation')}{' '}
        <span className="muted">
          {required ? <strong>({t('edit.citationHint')})</strong> : `(${t('edit.citationHint')})`}
        </span>
      </legend>
      <div className="radio-row">
        {(allowNone ? (['none', 'existing', 'new'] as const) : (['existing', 'new'] as const)).map((mode) => (
          <label key={mode}>
            <input
              type="radio"
              name="citationMode"
              data-error-key="citation"
              checked={value.mode === mode}
              onChange={() => set({ mode })}
            />
            {t(`edit.citation${mode === 'none' ? 'None' : mode === 'existing' ? 'Existing' : 'New'}`)}
          </label>
        ))}
      </div>
      {value.mode === 'existing' && (
        <label>
          {t('edit.source')}
          <select
            name="sourceId"
            data-error-key="citation.sourceId"
            value={value.sourceId ?? ''}
            onChange={(e) => set({ sourceId: e.target.value ? Number(e.target.value) : null })}
          >
            <option value="" />
            {sources.data?.map((s) => (
              <option key={s.id} value={s.id}>
                {[s.publisher, s.title, s.publishedOn].filter(Boolean).join(' — ')}
              </option>
            ))}
          </select>
          {error('citation.sourceId')}
        </label>
      )}
      {value.mode === 'new' && (
        <div className="form-grid">
          <label>
            {t('edit.publisher')}
            <input
              name="publisher"
              data-error-key="citation.newSource.publisher"
              value={value.publisher}
              onChange={(e) => set({ publisher: e.target.value })}
            />
          </label>
          <label>
            {t('edit.sourceTitle')}
            <input
              name="sourceTitle"
              data-error-key="citation.newSource.title"
              value={value.title}
              onChange={(e) => set({ title: e.target.value })}
            />
            {error('citation.newSource.title')}
          </label>
          <label>
            {t('edit.publishedOn')}
            <input
              type="date"
              name="publishedOn"
              data-error-key="citation.newSource.publishedOn"
              value={value.publishedOn}
              onChange={(e) => set({ publishedOn: e.target.value })}
            />
            {error('citation.newSource.publishedOn')}
          </label>
          <label>
            {t('edit.sourceKind')}
            <select
              name="sourceKind"
              data-error-key="citation.newSource.kind"
              value={value.kind}
              onChange={(e) => set({ kind: e.target.value as SourceKind })}
            >
              {SOURCE_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`sourceKind.${kind}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('edit.url')}
            <input
              type="url"
              name="url"
              data-error-key="citation.newSource.url"
              value={value.url}
              onChange={(e) => set({ url: e.target.value })}
            />
            {error('citation.newSource.url')}
          </label>
        </div>
      )}
      {value.mode !== 'none' && (
        <label>
          {t('edit.quote')}
          <textarea
            name="quote"
            data-error-key="citation.quote"
            rows={3}
            value={value.quote}
            onChange={(e) => set({ quote: e.target.value })}
          />
          {error('citation.quote')}
        </label>
      )}
      {error('citation')}
    </fieldset>
  );
}
