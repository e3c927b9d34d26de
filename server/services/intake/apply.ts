import { and, eq, isNull } from 'drizzle-orm';
import type { IntakeProposal } from '../../../shared/intake';
import type { IntakeAccepted, IntakeApplyInput } from '../../../shared/intake-review';
import type { SessionUser } from '../../../shared/user';
import { publishChange } from '../../db/change-feed';
import type { Db, Tx } from '../../db/client';
import { citations, intakeDrafts, milestoneParticipants, milestones } from '../../db/schema';
import { writeTransaction } from '../../db/transaction';
import { AppError } from '../../errors';
import { applyAddClaim } from '../claim/add';
import { applySetClaimRank } from '../claim/set-rank';
import { applyCreateMilestone } from '../milestone/create';
import { activeRoles } from '../milestone/relations';
import { applyMilestoneUpdate } from '../milestone/update';
import { insertParticipant } from '../participant/insert';
import { insertSource } from '../source/insert';
import { insertSnapshot } from '../source/snapshot';

/**
 * Applies what the planner accepted of a draft, in one transaction through the same verbs a
 * manual edit uses: the source (keeping the article as its text, so every quote is checked
 * against it), new milestones, date and status claims (current unless the planner says not),
 * participants and their roles with their quotes. A milestone changed since the review is a
 * conflict naming the proposal; then nothing is written and the draft stays for another look.
 */
export async function applyIntake(db: Db, actor: SessionUser, input: IntakeApplyInput, now = new Date().toISOString()) {
  return writeTransaction(db, async (tx) => {
    const [draft] = await tx.select().from(intakeDrafts).where(eq(intakeDrafts.id, input.draftId));
    if (!draft) throw new AppError('NOT_FOUND', 'errors.draftNotFound', { field: 'draftId' });
    const proposals = new Map(
      (JSON.parse(draft.analysis) as { proposals: IntakeProposal[] }).proposals.map((p) => [p.id, p]),
    );
    const accepted = input.accepted.map((a) => {
      const proposal = proposals.get(a.id);
      if (!proposal) throw new AppError('INVALID', 'errors.proposalNotFound', { field: 'accepted', proposalId: a.id });
      return { a, p: proposal };
    });
    await checkVersions(tx, accepted);

    const sourceId = await insertSource(
      tx,
      {
        title: input.source.title,
        publisher: input.source.publisher ?? null,
        publishedOn: input.source.publishedOn ?? null,
        url: input.source.url ?? null,
        kind: input.source.kind,
        note: null,
      },
      actor.id,
      input.reason,
      now,
    );
    await insertSnapshot(tx, sourceId, draft.text, actor.id, now);
    const cite = (p: IntakeProposal) => ({ sourceId, quote: p.quote });
    const touched = new Set<number>();
    const createdFor = new Map<string, number>();

    // New milestones first: a date or a participant may belong to one.
    for (const { a, p } of accepted.filter(({ p }) => p.kind === 'new')) {
      const title = a.newTitle ?? p.newTitle;
      if (!title) throw incomplete(p, 'newTitle');
      if (!a.workstreamId) throw incomplete(p, 'workstreamId');
      const planned = a.planned ?? p.planned;
      const created = await applyCreateMilestone(
        tx,
        actor,
        {
          title,
          workstreamId: a.workstreamId,
          status: a.status ?? p.status ?? 'planned',
          ...(planned ? { planned: { start: planned.start, end: planned.end, precision: planned.precision } } : {}),
          citation: cite(p),
          reason: input.reason,
        },
        now,
      );
      createdFor.set(p.id, created.id);
      touched.add(created.id);
    }

    const milestoneOf = (a: IntakeAccepted, p: IntakeProposal) => {
      const id = a.milestoneId ?? p.milestoneId ?? (p.forProposal ? createdFor.get(p.forProposal) : undefined);
      if (!id) throw incomplete(p, 'milestoneId');
      return id;
    };

    for (const { a, p } of accepted.filter(({ p }) => p.kind === 'date' || p.kind === 'status')) {
      const milestoneId = milestoneOf(a, p);
      const planned = a.planned ?? p.planned;
      const status = a.status ?? p.status;
      if (p.kind === 'date' && !planned) throw incomplete(p, 'planned');
      if (p.kind === 'status' && !status) throw incomplete(p, 'status');
      const added = await applyAddClaim(
        tx,
        actor,
        {
          milestoneId,
          version: await versionOf(tx, milestoneId),
          reason: input.reason,
          citation: cite(p),
          ...(p.kind === 'date' ? { planned } : { status }),
        },
        now,
      );
      if (a.makeCurrent) {
        await applySetClaimRank(
          tx,
          actor,
          { milestoneId, version: added.version, claimId: added.id, rank: 'current', reason: input.reason },
          now,
        );
      }
      touched.add(milestoneId);
    }

    for (const { a, p } of accepted.filter(({ p }) => p.kind === 'participant')) {
      const milestoneId = milestoneOf(a, p);
      const named = a.participant ?? p.participant;
      if (!named) throw incomplete(p, 'participant');
      const participantId =
        named.id ??
        (await insertParticipant(
          tx,
          { nameRu: named.name, kind: a.participantKind ?? 'company' },
          actor.id,
          input.reason,
          now,
        ));
      const role = a.role ?? p.role ?? 'partner';
      const roles = await activeRoles(tx, milestoneId);
      if (!roles.some((r) => r.participantId === participantId && r.role === role)) {
        await applyMilestoneUpdate(
          tx,
          actor,
          {
            id: milestoneId,
            version: await versionOf(tx, milestoneId),
            reason: input.reason,
            participants: [...roles, { participantId, role }],
          },
          now,
        );
      }
      const [row] = await tx
        .select({ id: milestoneParticipants.id })
        .from(milestoneParticipants)
        .where(
          and(
            eq(milestoneParticipants.milestoneId, milestoneId),
            eq(milestoneParticipants.participantId, participantId),
            eq(milestoneParticipants.role, role),
            isNull(milestoneParticipants.removedAt),
          ),
        );
      // The role's quote hangs on the role, as the seed's do.
      await tx.insert(citations).values({
        sourceId,
        quote: p.quote,
        claim: 'role',
        milestoneParticipantId: (row as { id: number }).id,
        createdAt: now,
        createdBy: actor.id,
      });
      touched.add(milestoneId);
    }

    // Applied: the article lives on as the source's kept text; the draft is gone.
    await tx.delete(intakeDrafts).where(eq(intakeDrafts.id, draft.id));
    const versions = new Map<number, number>();
    for (const id of touched) versions.set(id, await versionOf(tx, id));
    for (const [id, version] of versions) await publishChange(tx, { milestoneId: id, version, at: now });
    if (!versions.size) await publishChange(tx, { milestoneId: null, version: null, at: now });
    return { sourceId, milestones: [...versions].map(([id, version]) => ({ id, version })) };
  });
}

function incomplete(p: IntakeProposal, field: string) {
  return new AppError('INVALID', 'errors.proposalIncomplete', { field, proposalId: p.id });
}

async function versionOf(tx: Tx, milestoneId: number): Promise<number> {
  const [row] = await tx.select({ version: milestones.version }).from(milestones).where(eq(milestones.id, milestoneId));
  if (!row) throw new AppError('NOT_FOUND', 'errors.milestoneNotFound', { id: milestoneId });
  return row.version;
}

/** Every reviewed milestone must still be as the planner saw it; the first that is not is the conflict. */
async function checkVersions(tx: Tx, accepted: { a: IntakeAccepted; p: IntakeProposal }[]) {
  for (const { a, p } of accepted) {
    const milestoneId = a.milestoneId ?? p.milestoneId;
    if (!milestoneId || a.version === undefined) continue;
    const current = await versionOf(tx, milestoneId);
    if (current !== a.version) {
      throw new AppError('STALE_VERSION', 'errors.proposalStale', {
        proposalId: p.id,
        milestoneId,
        currentVersion: current,
      });
    }
  }
}
