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
 * nothing lost, quotes as they were. The date a quote stated is read from the history row that
 * cited it (the change it backed), else it is the milestone's date now. The quote behind the
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
  const rows = await tx
    .select({ citationId: history.citationId, field: history.field, toValue: history.toValue, at: history.at })
    .from(history)
    .where(isNotNull(history.citationId))
    .orderBy(asc(history.id));
  const saidBy = new Map<number, Said>();
  for (const h of rows) {
    const value = h.toValue ? (JSON.parse(h.toValue) as unknown) : null;
    const said = saidBy.get(h.citationId as number) ?? { at: h.at };
    if (h.field === 'planned') said.planned = value as PlannedDate | null;
    else if (h.field === 'status') said.status = value as Status;
    else if (h.field === null && value && typeof value === 'object') {
      const created = value as { planned?: PlannedDate | null; status?: Status };
      said.planned ??= created.planned ?? null;
    }
    saidBy.set(h.citationId as number, said);
  }
  const all = await tx.select().from(milestones);
  const byId = new Map(all.map((m) => [m.id, m]));
  let made = 0;
  const currentDate = new Map<number, number>();
  const currentStatus = new Map<number, number>();
  for (const c of cited) {
    const m = byId.get(c.milestoneId as number);
    if (!m) continue;
    const said = saidBy.get(c.citationId);
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
    } else {
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
