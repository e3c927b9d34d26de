import { useEffect, useSyncExternalStore } from 'react';
import type { SourceKind } from '../../../shared/source';
import type { RouterOutputs } from '../../lib/trpc';
import type { Decision, ProposalEdits } from './review-rules';

/**
 * The intake screen's state, kept outside the screen so that a planner who looks at the timeline
 * in the middle of a review comes back to it as left: the text, every decision and edit, the
 * reason. Kept in memory only (the article may be private until applied): a reload starts over,
 * and the draft left on the server is recognised when the article is pasted again.
 */

export type Analysis = RouterOutputs['intake']['analyze'];
export type ApplyResult = RouterOutputs['intake']['applyDraft'];

export interface ArticleInput {
  text: string;
  publisher: string;
  title: string;
  publishedOn: string;
  /** The file the text was read from, and whether it was reduced from HTML. */
  file: { name: string; fromHtml: boolean } | null;
}

/** The source as the planner confirms it: form strings, parsed with the shared schema on apply. */
export interface SourceDraft {
  title: string;
  publisher: string;
  publishedOn: string;
  kind: SourceKind;
  url: string;
}

/** A refusal of the server that names a proposal: a stale milestone, or missing data. */
export interface ServerProblem {
  message: string;
  /** A stale milestone: the version the server has now, for the planner to take. */
  conflict?: { milestoneId: number; currentVersion: number };
}

export interface Review {
  analysis: Analysis;
  /** The text exactly as analysed: the proposals' offsets point into it. */
  text: string;
  source: SourceDraft;
  decisions: Record<string, Decision>;
  edits: Record<string, ProposalEdits>;
  /** Each milestone's version when the review began (or when the planner took a newer one). */
  versions: Record<number, number>;
  fallbackMilestone: number | null;
  selected: string | null;
  reason: string;
  serverProblems: Record<string, ServerProblem>;
  /** Versions the planner took after a conflict, by proposal, to say so on it. */
  taken: Record<string, number>;
  /** The source's fields refused on the last attempt to apply, in words. */
  sourceErrors: Record<string, string>;
}

export type IntakeState =
  | { phase: 'input'; input: ArticleInput; notice: string | null }
  | { phase: 'review'; review: Review }
  | { phase: 'applied'; result: ApplyResult; sourceTitle: string };

export const emptyInput: ArticleInput = { text: '', publisher: '', title: '', publishedOn: '', file: null };
const initial: IntakeState = { phase: 'input', input: emptyInput, notice: null };

let state: IntakeState = initial;
let owner: number | null = null;
const listeners = new Set<() => void>();

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function setIntake(update: (current: IntakeState) => IntakeState): void {
  state = update(state);
  for (const listener of listeners) listener();
}

/** Changes the review in place; nothing happens when the screen has left the review meanwhile. */
export function updateReview(update: (review: Review) => Review): void {
  setIntake((s) => (s.phase === 'review' ? { phase: 'review', review: update(s.review) } : s));
}

export function resetIntake(notice: string | null = null): void {
  setIntake(() => ({ phase: 'input', input: emptyInput, notice }));
}

/** The state for this user: another account logging in on the same page starts from nothing. */
export function useIntakeState(userId: number | null): IntakeState {
  useEffect(() => {
    if (owner !== userId) {
      owner = userId;
      resetIntake();
    }
  }, [userId]);
  return useSyncExternalStore(subscribe, () => state);
}
