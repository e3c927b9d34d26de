import type { z } from 'zod';
import type { ClaimedDate } from '../../../shared/claims';
import type { IntakeProposal } from '../../../shared/intake';
import { intakeAcceptedSchema } from '../../../shared/intake-review';
import type { ParticipantKind, ParticipantRole } from '../../../shared/participant';
import type { Status } from '../../../shared/statuses';

/**
 * The review's rules, pure: what a proposal means once the planner has edited it, which
 * proposals start accepted, what is wrong with the accepted ones, and what `intake.applyDraft`
 * is sent. The screen only shows these; tests/e2e/intake.spec.ts drives them through it.
 */

export type Decision = 'accepted' | 'rejected' | 'pending';
export type AcceptedInput = z.input<typeof intakeAcceptedSchema>;

/** Where a finding lands: an existing milestone, or the new milestone another proposal creates. */
export type Target = { milestoneId: number } | { newProposalId: string };

/** What the planner changed in a proposal; a field left out keeps the analyser's value. */
export interface ProposalEdits {
  target?: Target | null;
  planned?: ClaimedDate | null;
  status?: Status;
  makeCurrent?: boolean;
  newTitle?: string;
  workstreamId?: number | null;
  participant?: { id: number | null; name: string };
  participantKind?: ParticipantKind;
  role?: ParticipantRole;
}

/** A proposal as it would be written: the analyser's values with the planner's edits over them. */
export interface ProposalView {
  proposal: IntakeProposal;
  decision: Decision;
  target: Target | null;
  /** The milestone was not found by the analyser but filled in from the article's other findings. */
  suggested: boolean;
  planned: ClaimedDate | null;
  status: Status | null;
  makeCurrent: boolean;
  newTitle: string;
  workstreamId: number | null;
  participant: { id: number | null; name: string } | null;
  participantKind: ParticipantKind;
  role: ParticipantRole;
}

/** A problem of one field of a proposal: an i18n key, with its parameters. */
export interface Problem {
  field: string;
  key: string;
}

/** A score the analyser is this sure of starts accepted; the rest wait for the planner. */
export const SURE_HIGH = 0.8;
export const SURE_MEDIUM = 0.6;

export function sureLevel(score: number): 'high' | 'medium' | 'low' {
  return score >= SURE_HIGH ? 'high' : score >= SURE_MEDIUM ? 'medium' : 'low';
}

/**
 * The one existing milestone the article is about, when all its matched findings name the same
 * one: a participant the analyser could not place (it names companies in sentences of their own)
 * most likely belongs to it. Offered, marked as filled in, never hidden.
 */
export function articleMilestone(proposals: readonly IntakeProposal[]): number | null {
  const ids = new Set(proposals.flatMap((p) => (p.milestoneId === null ? [] : [p.milestoneId])));
  return ids.size === 1 ? ([...ids][0] ?? null) : null;
}

function defaultTarget(p: IntakeProposal, fallback: number | null): { target: Target | null; suggested: boolean } {
  if (p.kind === 'new') return { target: null, suggested: false };
  if (p.milestoneId !== null) return { target: { milestoneId: p.milestoneId }, suggested: false };
  if (p.forProposal) return { target: { newProposalId: p.forProposal }, suggested: false };
  if (fallback !== null) return { target: { milestoneId: fallback }, suggested: true };
  return { target: null, suggested: false };
}

export function viewOf(
  p: IntakeProposal,
  decision: Decision,
  edits: ProposalEdits,
  fallbackMilestone: number | null,
): ProposalView {
  const byDefault = defaultTarget(p, fallbackMilestone);
  const edited = edits.target !== undefined;
  return {
    proposal: p,
    decision,
    target: edited ? (edits.target ?? null) : byDefault.target,
    suggested: !edited && byDefault.suggested,
    planned: edits.planned !== undefined ? edits.planned : (p.planned ?? null),
    status: edits.status ?? p.status ?? (p.kind === 'new' ? 'planned' : null),
    makeCurrent: edits.makeCurrent ?? true,
    newTitle: edits.newTitle ?? p.newTitle ?? '',
    workstreamId: edits.workstreamId !== undefined ? edits.workstreamId : null,
    participant: edits.participant ?? p.participant ?? null,
    participantKind: edits.participantKind ?? 'company',
    role: edits.role ?? p.role ?? 'partner',
  };
}

export function targetKey(target: Target | null): string {
  if (!target) return 'none';
  return 'milestoneId' in target ? `m:${target.milestoneId}` : `new:${target.newProposalId}`;
}

/** The group a proposal is listed in: its milestone, the new milestone it proposes or belongs to, or none. */
export function groupKey(view: ProposalView): string {
  return view.proposal.kind === 'new' ? `new:${view.proposal.id}` : targetKey(view.target);
}

/** What `intake.applyDraft` is sent for one accepted proposal; `versions` are the milestones as reviewed. */
export function acceptedInput(view: ProposalView, versions: Readonly<Record<number, number>>): AcceptedInput {
  const p = view.proposal;
  if (p.kind === 'new') {
    return {
      id: p.id,
      newTitle: view.newTitle,
      ...(view.workstreamId !== null ? { workstreamId: view.workstreamId } : {}),
      ...(view.planned ? { planned: view.planned } : {}),
      ...(view.status ? { status: view.status } : {}),
    };
  }
  const milestoneId = view.target && 'milestoneId' in view.target ? view.target.milestoneId : undefined;
  const version = milestoneId === undefined ? undefined : versions[milestoneId];
  return {
    id: p.id,
    ...(milestoneId !== undefined ? { milestoneId } : {}),
    ...(version !== undefined ? { version } : {}),
    ...(p.kind === 'date' && view.planned ? { planned: view.planned, makeCurrent: view.makeCurrent } : {}),
    ...(p.kind === 'status' && view.status ? { status: view.status, makeCurrent: view.makeCurrent } : {}),
    ...(p.kind === 'participant' && view.participant
      ? {
          participant: view.participant,
          role: view.role,
          ...(view.participant.id === null ? { participantKind: view.participantKind } : {}),
        }
      : {}),
  };
}

/**
 * What is wrong with one proposal as edited, checked with the shared schema that the server
 * applies, plus what the server would find missing (a workstream for a new milestone, a
 * milestone for every other finding). `accepted` says which new-milestone proposals are accepted.
 */
export function problemsOf(view: ProposalView, accepted: ReadonlySet<string>): Problem[] {
  const p = view.proposal;
  const problems: Problem[] = [];
  const parsed = intakeAcceptedSchema.safeParse(acceptedInput(view, {}));
  if (!parsed.success) {
    for (const issue of parsed.error.issues)
      problems.push({ field: issue.path.map(String).join('.'), key: issue.message });
  }
  const required = (field: string) => problems.push({ field, key: 'errors.required' });
  if (p.kind === 'new') {
    if (!view.newTitle.trim() && !problems.some((x) => x.field === 'newTitle')) required('newTitle');
    if (view.workstreamId === null) required('workstreamId');
    return problems;
  }
  if (!view.target) required('milestoneId');
  else if ('newProposalId' in view.target && !accepted.has(view.target.newProposalId)) {
    problems.push({ field: 'milestoneId', key: 'intake.newRejected' });
  }
  if (p.kind === 'date' && !view.planned) required('planned');
  if (p.kind === 'status' && !view.status) required('status');
  if (p.kind === 'participant' && !view.participant?.name.trim()) required('participant');
  return problems;
}

/**
 * Problems of the accepted proposals, by proposal id. Two accepted claims of one kind that would
 * both become current for one milestone are a problem of each: only one can be current.
 */
export function reviewProblems(views: readonly ProposalView[]): Record<string, Problem[]> {
  const accepted = views.filter((v) => v.decision === 'accepted');
  const acceptedNew = new Set(accepted.filter((v) => v.proposal.kind === 'new').map((v) => v.proposal.id));
  const out: Record<string, Problem[]> = {};
  for (const view of accepted) {
    const problems = problemsOf(view, acceptedNew);
    if (problems.length) out[view.proposal.id] = problems;
  }
  const current = new Map<string, ProposalView[]>();
  for (const view of accepted) {
    const kind = view.proposal.kind;
    if ((kind !== 'date' && kind !== 'status') || !view.makeCurrent || !view.target) continue;
    const key = `${targetKey(view.target)}|${kind}`;
    current.set(key, [...(current.get(key) ?? []), view]);
  }
  for (const same of current.values()) {
    if (same.length < 2) continue;
    for (const view of same) {
      const id = view.proposal.id;
      out[id] = [...(out[id] ?? []), { field: 'makeCurrent', key: 'intake.twoCurrent' }];
    }
  }
  return out;
}

/**
 * How a draft starts: what the analyser is sure of is accepted, unless it is incomplete or a
 * second claim of one kind for a milestone already taken (only one can become current); the
 * rest waits for the planner. Nothing starts rejected.
 */
export function initialDecisions(
  proposals: readonly IntakeProposal[],
  fallbackMilestone: number | null,
): Record<string, Decision> {
  const decisions: Record<string, Decision> = Object.fromEntries(proposals.map((p) => [p.id, 'pending' as Decision]));
  const taken = new Set<string>();
  const bySureness = [...proposals].sort((a, b) => b.score - a.score);
  for (const p of bySureness) {
    if (sureLevel(p.score) !== 'high') continue;
    const view = viewOf(p, 'accepted', {}, fallbackMilestone);
    if (view.suggested || problemsOf(view, new Set()).length) continue;
    if (p.kind === 'date' || p.kind === 'status') {
      const key = `${targetKey(view.target)}|${p.kind}`;
      if (taken.has(key)) continue;
      taken.add(key);
    }
    decisions[p.id] = 'accepted';
  }
  return decisions;
}
