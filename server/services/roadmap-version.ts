import { count, max } from 'drizzle-orm';
import type { Db } from '../db/client';
import { appMeta, history } from '../db/schema';

/**
 * The roadmap's change counter, read from the database so that every app server on it agrees:
 * every change to what the roadmap shows appends a history row in its own transaction
 * (STYLE.md), so the last history id moves with each one. The facts in app_meta count too: the
 * one-off data upgrades (claims from citations) change rows without a history row of their own
 * and mark themselves there.
 */
export async function roadmapVersion(db: Db): Promise<string> {
  const [[last], [meta]] = await Promise.all([
    db.select({ id: max(history.id) }).from(history),
    db.select({ facts: count() }).from(appMeta),
  ]);
  return `${last?.id ?? 0}.${meta?.facts ?? 0}`;
}
