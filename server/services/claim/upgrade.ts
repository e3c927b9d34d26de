import { and, asc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { PlannedDate } from '../../../shared/precision';
import type { Status } from '../../../shared/status';
import type { Db, Tx } from '../../db/client';
import { appMeta, citations, claims, history, milestones, sources } from '../../db/schema';
import { writeTransaction } from '../../db/transaction';
import { insertClaim } from './record';

const MARKER = 'claims_from_citations';
const REASON = 'Перенос данных: цитаты о сроке и статусе стали утверждениями источников';

interface Said {
  planned?: PlannedDate | null;
  status?: Status;
  at: string;
}

/**
 * A roadmap kept before claims existed: every quote backing a date or a status becomes a claim,
 * nothing lost, quotes as they were. The date or status a quote stated is the one in force when
 * it was written, read from the milestone's history (else the milestone's value now). The quote behind the
 * milestone's present date or status is current; the ones behind a replaced value superseded.
 * Runs once per database (marked in app_meta), inside the caller's transaction.
 */
export async function claimsFromCitations(tx: Tx, now: string): Promise<number> {
  const [done] = await tx.select({ key: appMeta.key }).from(appMeta).where(eq(appMeta.key, MARKER));
  if (done) return 0;
  const cited = await tx
    .select({
      citationId: citations.id,
      claim: citations.claim,
      milestoneId: citations.milestoneId,
      createdAt: citations.createdAt,
      publishedOn: sources.publishedOn,
    })
    .from(citations)
    .innerJoin(sources, eq(sources.id, citations.sourceId))
    .where(and(inArray(citations.claim, ['date', 'status']), isNotNull(citations.milestoneId)))
    .orderBy(asc(citations.id));
  // What each milestone's date and status were over time, from its history: a quote backed
  // the value in force when it was written (a change's quote is written with the change).
  const rows = await tx
    .select({ milestoneId: history.milestoneId, field: history.field, toValue: history.toValue, at: history.at })
    .from(history)
    .where(and(eq(history.entity, 'milestone'), isNotNull(history.milestoneId)))
    .orderBy(asc(history.id));
  const timeline = new Map<number, { at: string; planned?: PlannedDate | null; status?: Status }[]>();
  for (const h of rows) {
    const value = h.toValue ? (JSON.parse(h.toValue) as unknown) : null;
    const list = timeline.get(h.milestoneId as number) ?? [];
    if (h.field === 'planned') list.push({ at: h.at, planned: value as PlannedDate | null });
    else if (h.field === 'status') list.push({ at: h.at, status: value as Status });
    else if (h.field === null && value && typeof value === 'object') {
      const created = value as { planned?: PlannedDate | null; status?: Status };
      list.push({ at: h.at, planned: created.planned ?? null, ...(created.status ? { status: created.status } : {}) });
    }
    timeline.set(h.milestoneId as number, list);
  }
  const valueAt = (milestoneId: number, at: string): Said | undefined => {
    const said: Said = { at };
    for (const step of timeline.get(milestoneId) ?? []) {
      if (step.at > at) break;
      if ('planned' in step) {
        said.planned = step.planned;
        said.at = step.at;
      }
      if (step.status) said.status = step.status;
    }
    return 'planned' in said || said.status ? said : undefined;
  };
  const statusChangedBy = new Set(
    (
      await tx
        .select({ citationId: history.citationId })
        .from(history)
        .where(and(eq(history.field, 'status'), isNotNull(history.citationId)))
    ).map((r) => r.citationId as number),
  );
  const all = await tx.select().from(milestones);
  const byId = new Map(all.map((m) => [m.id, m]));
  let made = 0;
  const currentDate = new Map<number, number>();
  const currentStatus = new Map<number, number>();
  for (const c of cited) {
    const m = byId.get(c.milestoneId as number);
    if (!m) continue;
    const said = valueAt(m.id, c.createdAt);
    const base = { milestoneId: m.id, citationId: c.citationId, statedOn: c.publishedOn };
    if (c.claim === 'date') {
      const planned =
        said?.planned ??
        (m.plannedStart && m.plannedEnd && m.plannedPrecision
          ? { start: m.plannedStart, end: m.plannedEnd, precision: m.plannedPrecision }
          : null);
      // A reached event's quote backs its actual day, which is no promise: it stays a quote.
      if (!planned) continue;
      const id = await insertClaim(
        tx,
        { ...base, planned: { ...planned, qualifier: 'exact' }, rank: 'other' },
        null,
        now,
      );
      await tx
        .update(claims)
        .set({ currentSince: said?.at ?? c.createdAt })
        .where(eq(claims.id, id));
      if (planned.start === m.plannedStart && planned.end === m.plannedEnd) currentDate.set(m.id, id);
      made += 1;
    }
    // A save that moved the date and the status cited one quote (filed as the date's): it backs both.
    if (c.claim === 'status' || statusChangedBy.has(c.citationId)) {
      const status = said?.status ?? m.status;
      const id = await insertClaim(tx, { ...base, status, rank: 'other' }, null, now);
      await tx
        .update(claims)
        .set({ currentSince: said?.at ?? c.createdAt })
        .where(eq(claims.id, id));
      if (status === m.status) currentStatus.set(m.id, id);
      made += 1;
    }
  }
  // The latest quote behind each present value is current; earlier ones that said something else, superseded.
  for (const [kind, current] of [
    ['date', currentDate],
    ['status', currentStatus],
  ] as const) {
    for (const [milestoneId, id] of current) {
      await tx.update(claims).set({ rank: 'current' }).where(eq(claims.id, id));
      const others = await tx
        .select({ id: claims.id, start: claims.plannedStart, end: claims.plannedEnd, status: claims.status })
        .from(claims)
        .where(and(eq(claims.milestoneId, milestoneId), eq(claims.kind, kind), eq(claims.rank, 'other')));
      const m = byId.get(milestoneId);
      for (const o of others) {
        const same = kind === 'date' ? o.start === m?.plannedStart && o.end === m?.plannedEnd : o.status === m?.status;
        if (!same) await tx.update(claims).set({ rank: 'superseded', rankReason: REASON }).where(eq(claims.id, o.id));
      }
    }
  }
  // Quotes that agree with the current one back it; they were never the roadmap's promise themselves.
  await tx.update(claims).set({ currentSince: null }).where(eq(claims.rank, 'other'));
  await tx.insert(appMeta).values({ key: MARKER, value: now });
  return made;
}

/** Runs the upgrade on a database that predates claims; a no-op once done (and on a new, seeded one). */
export function upgradeClaims(db: Db, now = new Date().toISOString()): Promise<number> {
  return writeTransaction(db, (tx) => claimsFromCitations(tx, now));
}
