import type { Tx } from '../../db/client';
import { history } from '../../db/schema';

export type HistoryEntity = 'milestone' | 'source' | 'citation' | 'claim' | 'participant';

export interface HistoryEntry {
  userId: number | null;
  milestoneId?: number | null;
  entity: HistoryEntity;
  entityId: number | null;
  action: 'create' | 'update' | 'delete';
  field?: string | null;
  from?: unknown;
  to?: unknown;
  reason: string;
  citationId?: number | null;
}

/** Appends history rows; the caller runs it inside the transaction of the change it records. */
export async function appendHistory(tx: Tx, at: string, entries: HistoryEntry[]): Promise<void> {
  if (!entries.length) return;
  await tx.insert(history).values(
    entries.map((e) => ({
      at,
      userId: e.userId,
      milestoneId: e.milestoneId ?? null,
      entity: e.entity,
      entityId: e.entityId,
      action: e.action,
      field: e.field ?? null,
      fromValue: e.from === undefined ? null : JSON.stringify(e.from),
      toValue: e.to === undefined ? null : JSON.stringify(e.to),
      reason: e.reason,
      citationId: e.citationId ?? null,
    })),
  );
}
