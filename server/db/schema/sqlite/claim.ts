import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { CLAIM_KINDS, CLAIM_RANKS, QUALIFIERS } from '../../../../shared/claim-enums';
import { PRECISIONS } from '../../../../shared/precision';
import { STATUSES } from '../../../../shared/status';
import { oneOf } from '../checks';
import { citations, milestones } from './milestone';
import { users } from './user';

/**
 * What one source says about a milestone: a date (with its qualifier) or a status, backed by
 * a citation (the source and its verbatim quote). The milestone's planned date and status are
 * copies of its current claims, kept in step by the claim verbs, so lists stay one cheap query.
 */
export const claims = sqliteTable(
  'claims',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    milestoneId: integer('milestone_id')
      .notNull()
      .references(() => milestones.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: CLAIM_KINDS }).notNull(),
    citationId: integer('citation_id')
      .notNull()
      .references(() => citations.id, { onDelete: 'restrict' }),
    /** When the source said it (YYYY-MM-DD); null for an undated source the planner gave no date for. */
    statedOn: text('stated_on'),
    plannedStart: text('planned_start'),
    plannedEnd: text('planned_end'),
    plannedPrecision: text('planned_precision', { enum: PRECISIONS }),
    qualifier: text('qualifier', { enum: QUALIFIERS }),
    status: text('status', { enum: STATUSES }),
    rank: text('rank', { enum: CLAIM_RANKS }).notNull(),
    rankReason: text('rank_reason'),
    /** When the roadmap made it current (ISO time); its promise history is these in order. */
    currentSince: text('current_since'),
    createdAt: text('created_at').notNull(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'restrict' }),
  },
  (t) => [
    index('claims_milestone_idx').on(t.milestoneId, t.kind),
    check('claims_kind_check', oneOf(t.kind, CLAIM_KINDS)),
    check('claims_rank_check', oneOf(t.rank, CLAIM_RANKS)),
    check('claims_qualifier_check', sql`${t.qualifier} is null or ${oneOf(t.qualifier, QUALIFIERS)}`),
    check('claims_status_check', sql`${t.status} is null or ${oneOf(t.status, STATUSES)}`),
    check('claims_precision_check', sql`${t.plannedPrecision} is null or ${oneOf(t.plannedPrecision, PRECISIONS)}`),
    // A date claim has a whole interval and a qualifier and no status; a status claim the reverse.
    check(
      'claims_shape_check',
      sql`(${t.kind} = 'date' and ${t.plannedStart} is not null and ${t.plannedEnd} is not null and ${t.plannedPrecision} is not null and ${t.qualifier} is not null and ${t.status} is null and ${t.plannedStart} <= ${t.plannedEnd}) or (${t.kind} = 'status' and ${t.status} is not null and ${t.plannedStart} is null and ${t.plannedEnd} is null and ${t.plannedPrecision} is null and ${t.qualifier} is null)`,
    ),
  ],
);
