import { and, inArray, isNull } from 'drizzle-orm';
import { promiseSteps } from '../../../shared/claims';
import type { Db } from '../../db/client';
import { milestoneParticipants, milestones } from '../../db/schema';
import { assess, byMilestone, claimsOfMilestones, evidenceOf, today } from '../claim/read';

/** The roles that answer for a milestone: its record is theirs. */
const ANSWERING = ['lead', 'executor'] as const;

/**
 * Each organisation's record on the milestones it leads or executes: how many, how many
 * reached, how many slipped and by how much (the largest least-slip), how many with low
 * confidence — with the milestone ids behind every figure, so each figure opens its list.
 */
export async function trackRecords(db: Db) {
  const roles = await db
    .select({ participantId: milestoneParticipants.participantId, milestoneId: milestoneParticipants.milestoneId })
    .from(milestoneParticipants)
    .where(and(isNull(milestoneParticipants.removedAt), inArray(milestoneParticipants.role, [...ANSWERING])));
  const ids = [...new Set(roles.map((r) => r.milestoneId))];
  if (!ids.length) return [];
  const rows = await db
    .select({ id: milestones.id, status: milestones.status, actualDate: milestones.actualDate })
    .from(milestones)
    .where(inArray(milestones.id, ids));
  const claimsBy = byMilestone(await claimsOfMilestones(db, ids, 'date'));
  const on = today();
  const facts = new Map(
    rows.map((m) => {
      const list = claimsBy.get(m.id) ?? [];
      const slips = promiseSteps(evidenceOf(list)).filter((s) => s.move?.kind === 'slipped');
      return [
        m.id,
        {
          reached: m.status === 'done',
          slipDays: slips.reduce((sum, s) => sum + (s.move?.days ?? 0), 0),
          slipped: slips.length > 0,
          low: assess(list, m, on).confidence.level === 'low',
        },
      ] as const;
    }),
  );
  const byParticipant = new Map<number, Set<number>>();
  for (const r of roles) {
    const set = byParticipant.get(r.participantId) ?? new Set<number>();
    set.add(r.milestoneId);
    byParticipant.set(r.participantId, set);
  }
  return [...byParticipant].map(([participantId, set]) => {
    const mine = [...set].sort((a, b) => a - b);
    const pick = (test: (f: NonNullable<ReturnType<typeof facts.get>>) => boolean) =>
      mine.filter((id) => {
        const f = facts.get(id);
        return f ? test(f) : false;
      });
    const slipped = pick((f) => f.slipped);
    return {
      participantId,
      answersFor: mine,
      reached: pick((f) => f.reached),
      slipped,
      /** The most any one of them slipped, in days (at least): the figure a planner asks first. */
      worstSlipDays: Math.max(0, ...slipped.map((id) => facts.get(id)?.slipDays ?? 0)),
      lowConfidence: pick((f) => f.low),
    };
  });
}
