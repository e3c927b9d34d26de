import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocalized } from '../../lib/localized';
import { useReferenceData } from '../../lib/reference-data';
import { trpc } from '../../lib/trpc';
import { useRoadmapView } from '../../lib/url-state';
import { ApplyPanel } from './ApplyPanel';
import { ArticleText } from './ArticleText';
import { type Review, updateReview } from './intake-store';
import { ProposalCard } from './ProposalCard';
import { milestoneNow, type ReviewNames } from './review-context';
import { type Decision, groupKey, type ProposalEdits, type ProposalView, reviewProblems, viewOf } from './review-rules';
import { SourceForm } from './SourceForm';

/**
 * Step two: the proposals of one article grouped by the milestone they change, the article beside
 * them with the selected proposal's quote highlighted, the source to confirm, and the apply panel.
 */
export function ReviewScreen({ review }: { review: Review }) {
  const { t } = useTranslation();
  const localized = useLocalized();
  const { update } = useRoadmapView();
  const headingId = useId();
  const textHeadingId = useId();
  const reference = useReferenceData();
  const milestones = useQuery(trpc.milestone.list.queryOptions({}));
  const sources = useQuery({
    ...trpc.source.list.queryOptions(),
    enabled: review.analysis.seenBefore.sourceId !== null,
  });
  const { analysis, decisions, edits, fallbackMilestone } = review;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const sourceFields = useRef<HTMLFieldSetElement>(null);
  // A new review starts at its top, with the focus there for keyboard and screen-reader users.
  useEffect(() => {
    headingRef.current?.focus();
  }, []);

  const views = useMemo(
    () => analysis.proposals.map((p) => viewOf(p, decisions[p.id] ?? 'pending', edits[p.id] ?? {}, fallbackMilestone)),
    [analysis.proposals, decisions, edits, fallbackMilestone],
  );
  const problems = useMemo(() => reviewProblems(views), [views]);
  const acceptedNew = useMemo(
    () =>
      new Set(views.filter((v) => v.proposal.kind === 'new' && v.decision === 'accepted').map((v) => v.proposal.id)),
    [views],
  );

  const names = useMemo<ReviewNames>(() => {
    const list = milestones.data ?? [];
    const byId = new Map(list.map((m) => [m.id, m]));
    return {
      language: localized.language,
      milestones: list,
      milestoneById: byId,
      milestoneTitle: (id) => {
        const m = byId.get(id);
        return m ? localized.title(m) : `#${id}`;
      },
      workstreams: reference.workstreams.map((w) => ({ id: w.id, label: localized.name(w) })),
      participants: reference.participants.map((p) => ({ id: p.id, label: localized.name(p) })),
      newTitles: new Map(views.filter((v) => v.proposal.kind === 'new').map((v) => [v.proposal.id, v.newTitle])),
    };
  }, [milestones.data, reference, localized, views]);

  const groups = useMemo(() => {
    const byKey = new Map<string, ProposalView[]>();
    for (const view of views) {
      const key = groupKey(view);
      byKey.set(key, [...(byKey.get(key) ?? []), view]);
    }
    return [...byKey.entries()];
  }, [views]);

  const counts = { accepted: 0, pending: 0, rejected: 0 };
  for (const view of views) counts[view.decision] += 1;

  const select = (id: string) => updateReview((r) => (r.selected === id ? r : { ...r, selected: id }));
  const decide = (id: string, decision: Decision) =>
    updateReview((r) => ({
      ...r,
      decisions: { ...r.decisions, [id]: decision },
      // A rejected proposal is not written: what the server said about it no longer matters.
      serverProblems: decision === 'rejected' ? without(r.serverProblems, id) : withoutPlain(r, id),
    }));
  const edit = (id: string, patch: ProposalEdits) =>
    updateReview((r) => ({
      ...r,
      edits: { ...r.edits, [id]: { ...r.edits[id], ...patch } },
      serverProblems: withoutPlain(r, id),
    }));
  const takeVersion = (id: string, milestoneId: number, version: number) =>
    updateReview((r) => ({
      ...r,
      versions: { ...r.versions, [milestoneId]: version },
      serverProblems: without(r.serverProblems, id),
      taken: { ...r.taken, [id]: version },
    }));

  const groupTitle = (key: string) => {
    if (key.startsWith('m:')) {
      const m = names.milestoneById.get(Number(key.slice(2)));
      return {
        title: m ? localized.title(m) : key,
        note: m ? t('intake.milestoneNow', milestoneNow(m, localized.language, t)) : null,
      };
    }
    if (key.startsWith('new:'))
      return { title: `${t('intake.groupNew')}: «${names.newTitles.get(key.slice(4)) ?? ''}»`, note: null };
    return { title: t('intake.groupUnmatched'), note: null };
  };

  const seen = analysis.seenBefore;
  const keptBy = seen.sourceId !== null ? sources.data?.find((s) => s.id === seen.sourceId) : undefined;

  return (
    <section className="intake-review" aria-labelledby={headingId}>
      <h2 id={headingId} ref={headingRef} tabIndex={-1}>
        {t('intake.title')}
      </h2>
      {seen.draftId !== null && (
        <p className="form-hint" role="status" data-testid="seen-before">
          {t('intake.seenDraft', { id: seen.draftId })}
        </p>
      )}
      {seen.sourceId !== null && (
        <p className="form-hint" role="status" data-testid="seen-source">
          {t('intake.seenSource', { title: keptBy?.title ?? `#${seen.sourceId}` })}{' '}
          <button type="button" className="link-button" onClick={() => update({ view: 'sources' }, 'push')}>
            {t('intake.openSources')}
          </button>
        </p>
      )}
      <SourceForm source={review.source} errors={review.sourceErrors} fieldsRef={sourceFields} />
      <div className="intake-columns">
        <div className="intake-proposals">
          <h3>{t('intake.proposalsHeading')}</h3>
          <p className="muted" data-testid="proposal-counts">
            {t('intake.proposalsSummary', counts)}
          </p>
          {views.length === 0 && <p>{t('intake.noProposals')}</p>}
          {groups.map(([key, members]) => {
            const { title, note } = groupTitle(key);
            return (
              <section key={key} className="proposal-group" data-testid="proposal-group" aria-label={title}>
                <h3 className="proposal-group-title">
                  <span lang={localized.language === 'en' && key.startsWith('m:') ? undefined : 'ru'}>{title}</span>
                  {note && <span className="muted proposal-group-note">{note}</span>}
                </h3>
                {members.map((view) => (
                  <ProposalCard
                    key={view.proposal.id}
                    view={view}
                    names={names}
                    problems={problems[view.proposal.id] ?? []}
                    serverProblem={review.serverProblems[view.proposal.id]}
                    taken={review.taken[view.proposal.id]}
                    selected={review.selected === view.proposal.id}
                    fallbackMilestone={fallbackMilestone}
                    acceptedNew={acceptedNew}
                    onSelect={() => select(view.proposal.id)}
                    onDecide={(decision) => decide(view.proposal.id, decision)}
                    onEdit={(patch) => edit(view.proposal.id, patch)}
                    onTakeVersion={(milestoneId, version) => takeVersion(view.proposal.id, milestoneId, version)}
                  />
                ))}
              </section>
            );
          })}
          <ApplyPanel review={review} views={views} problems={problems} counts={counts} sourceFields={sourceFields} />
        </div>
        <aside className="intake-article-pane" aria-labelledby={textHeadingId}>
          <h3 id={textHeadingId}>{t('intake.articleHeading')}</h3>
          <p className="hint">{t('intake.articleHint')}</p>
          <ArticleText
            text={review.text}
            quotes={analysis.proposals.map((p) => ({ id: p.id, start: p.quoteStart, end: p.quoteEnd }))}
            selected={review.selected}
            onSelect={select}
            labelledBy={textHeadingId}
          />
        </aside>
      </div>
    </section>
  );
}

/** The server's word on a proposal goes when the planner changes it, except a conflict, which only taking the version settles. */
function withoutPlain(review: Review, id: string): Review['serverProblems'] {
  const problem = review.serverProblems[id];
  return !problem || problem.conflict ? review.serverProblems : without(review.serverProblems, id);
}

function without<T>(record: Record<string, T>, id: string): Record<string, T> {
  const { [id]: _, ...rest } = record;
  return rest;
}
