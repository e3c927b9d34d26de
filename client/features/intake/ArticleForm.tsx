import { type DragEvent, type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { intakeAnalyzeSchema, MAX_ARTICLE_CHARS } from '../../../shared/intake-review';
import { unreadableDates } from '../../lib/date-input';
import { errorMessage, fieldErrors } from '../../lib/error-message';
import { useLocalized } from '../../lib/localized';
import { queryClient, trpc } from '../../lib/trpc';
import { useAnalyzeArticle } from './api/use-analyze-article';
import { ARTICLE_FILE_ACCEPT, ArticleFileError, readArticleFile } from './article-file';
import { type ArticleInput, setIntake } from './intake-store';
import { articleMilestone, initialDecisions } from './review-rules';

/** Step one: the article's text, pasted or read from a file, and what the planner knows of it. */
export function ArticleForm({ input, notice }: { input: ArticleInput; notice: string | null }) {
  const { t } = useTranslation();
  const { language } = useLocalized();
  const id = useId();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [dragging, setDragging] = useState(false);
  const [reading, setReading] = useState(false);

  const setInput = (patch: Partial<ArticleInput>) =>
    setIntake((s) => (s.phase === 'input' ? { ...s, input: { ...s.input, ...patch } } : s));

  const analyze = useAnalyzeArticle({
    onSuccess: async (analysis, sent) => {
      // The versions the planner reviews against: a milestone saved by someone else after this
      // is a conflict on its proposal when the draft is applied.
      const milestones = await queryClient
        .fetchQuery({ ...trpc.milestone.list.queryOptions({}), staleTime: 0 })
        .catch(() => []);
      const fallbackMilestone = articleMilestone(analysis.proposals);
      setIntake(() => ({
        phase: 'review',
        review: {
          analysis,
          text: sent.text,
          source: {
            title: analysis.source.title ?? '',
            publisher: analysis.source.publisher ?? '',
            publishedOn: analysis.source.publishedOn ?? '',
            // A dateline («…/ТАСС/», «INTERFAX.RU») is how agencies sign; otherwise the planner says.
            kind: analysis.source.publisher ? 'news_agency' : 'unknown',
            url: '',
          },
          decisions: initialDecisions(analysis.proposals, fallbackMilestone),
          edits: {},
          versions: Object.fromEntries(milestones.map((m) => [m.id, m.version])),
          fallbackMilestone,
          selected: analysis.proposals[0]?.id ?? null,
          reason: '',
          serverProblems: {},
          taken: {},
          sourceErrors: {},
        },
      }));
    },
    onError: (error) => setErrors({ form: errorMessage(error, t) }),
  });

  const loadFile = async (file: File | undefined) => {
    if (!file) return;
    setReading(true);
    setErrors({});
    try {
      const article = await readArticleFile(file);
      setInput({
        text: article.text,
        file: { name: file.name, fromHtml: article.fromHtml },
        // The page's own markup fills only what the planner has not typed.
        ...(input.title ? {} : { title: article.title ?? '' }),
        ...(input.publisher ? {} : { publisher: article.publisher ?? '' }),
        ...(input.publishedOn ? {} : { publishedOn: article.publishedOn ?? '' }),
      });
    } catch (error) {
      setErrors({ file: t(error instanceof ArticleFileError ? error.key : 'intake.fileUnreadable') });
    } finally {
      setReading(false);
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void loadFile(e.dataTransfer.files[0]);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const unreadable = unreadableDates(e.currentTarget, t);
    if (Object.keys(unreadable).length) return setErrors(unreadable);
    const parsed = intakeAnalyzeSchema.safeParse({
      text: input.text,
      publisher: input.publisher.trim() || null,
      title: input.title.trim() || null,
      publishedOn: input.publishedOn || null,
    });
    if (!parsed.success) return setErrors(fieldErrors(parsed.error.issues, t));
    setErrors({});
    analyze.mutate(parsed.data);
  };
  const error = (key: string) =>
    errors[key] && (
      <p id={`${id}-${key}-error`} className="field-error">
        {errors[key]}
      </p>
    );
  const count = input.text.length;

  return (
    <form className="intake-article edit-form" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h2 id={`${id}-title`}>{t('intake.title')}</h2>
      {notice && (
        <p className="form-success" role="status">
          {notice}
        </p>
      )}
      <p className="hint">{t('intake.hint')}</p>
      <section
        className="intake-drop"
        data-dragging={dragging || undefined}
        aria-label={t('intake.dropZone')}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <label htmlFor={`${id}-text`}>{t('intake.article')}</label>
        <textarea
          id={`${id}-text`}
          name="text"
          rows={14}
          lang="ru"
          value={input.text}
          aria-invalid={Boolean(errors.text) || undefined}
          aria-describedby={`${id}-count${errors.text ? ` ${id}-text-error` : ''}`}
          onChange={(e) => setInput({ text: e.target.value, file: null })}
        />
        <div className="intake-drop-row">
          <span id={`${id}-count`} className={count > MAX_ARTICLE_CHARS ? 'field-error' : 'muted'}>
            {t('intake.chars', {
              chars: count.toLocaleString(language),
              max: MAX_ARTICLE_CHARS.toLocaleString(language),
            })}
          </span>
          <span className="muted" aria-hidden="true">
            {t('intake.dropZone')}
          </span>
          <label className="file-button">
            {t('intake.chooseFile')}
            <input
              type="file"
              name="file"
              accept={ARTICLE_FILE_ACCEPT}
              className="visually-hidden"
              onChange={(e) => {
                void loadFile(e.target.files?.[0]);
                e.target.value = '';
              }}
            />
          </label>
        </div>
        {error('text')}
        {error('file')}
        {input.file && (
          <p className="muted" role="status">
            {t('intake.fileLoaded', { name: input.file.name })}
            {input.file.fromHtml && ` ${t('intake.fileFromHtml')}`}
          </p>
        )}
      </section>
      <fieldset className="form-group">
        <legend>{t('intake.optionalHint')}</legend>
        <div className="form-grid">
          <label>
            {t('intake.publisher')}
            <input
              name="publisher"
              value={input.publisher}
              maxLength={200}
              onChange={(e) => setInput({ publisher: e.target.value })}
            />
            {error('publisher')}
          </label>
          <label>
            {t('intake.articleTitle')}
            <input
              name="title"
              value={input.title}
              maxLength={500}
              onChange={(e) => setInput({ title: e.target.value })}
            />
            {error('title')}
          </label>
          <label>
            {t('intake.publishedOn')}
            <input
              type="date"
              name="publishedOn"
              value={input.publishedOn}
              onChange={(e) => setInput({ publishedOn: e.target.value })}
            />
            {error('publishedOn')}
          </label>
        </div>
      </fieldset>
      {error('form')}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={analyze.isPending || reading}>
          {analyze.isPending ? t('intake.analysing') : t('intake.analyse')}
        </button>
      </div>
    </form>
  );
}
