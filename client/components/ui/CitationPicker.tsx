import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CitationInput } from '../../../shared/changes';
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
}

export const emptyCitation = (mode: CitationMode = 'none'): CitationDraft => ({
  mode,
  sourceId: null,
  quote: '',
  publisher: '',
  title: '',
  publishedOn: '',
  url: '',
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
    },
  };
}

export function CitationPicker({
  value,
  onChange,
  required,
  errors,
}: {
  value: CitationDraft;
  onChange: (value: CitationDraft) => void;
  required: boolean;
  errors: Record<string, string>;
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
        {(['none', 'existing', 'new'] as const).map((mode) => (
          <label key={mode}>
            <input type="radio" name="citationMode" checked={value.mode === mode} onChange={() => set({ mode })} />
            {t(`edit.citation${mode === 'none' ? 'None' : mode === 'existing' ? 'Existing' : 'New'}`)}
          </label>
        ))}
      </div>
      {value.mode === 'existing' && (
        <label>
          {t('edit.source')}
          <select
            name="sourceId"
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
            <input name="publisher" value={value.publisher} onChange={(e) => set({ publisher: e.target.value })} />
          </label>
          <label>
            {t('edit.sourceTitle')}
            <input name="sourceTitle" value={value.title} onChange={(e) => set({ title: e.target.value })} />
            {error('citation.newSource.title')}
          </label>
          <label>
            {t('edit.publishedOn')}
            <input
              type="date"
              name="publishedOn"
              value={value.publishedOn}
              onChange={(e) => set({ publishedOn: e.target.value })}
            />
          </label>
          <label>
            {t('edit.url')}
            <input type="url" name="url" value={value.url} onChange={(e) => set({ url: e.target.value })} />
            {error('citation.newSource.url')}
          </label>
        </div>
      )}
      {value.mode !== 'none' && (
        <label>
          {t('edit.quote')}
          <textarea name="quote" rows={3} value={value.quote} onChange={(e) => set({ quote: e.target.value })} />
          {error('citation.quote')}
        </label>
      )}
      {error('citation')}
    </fieldset>
  );
}
