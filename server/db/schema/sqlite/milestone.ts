import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { CITATION_CLAIMS } from '../../../../shared/citation';
import { PARTICIPANT_ROLES } from '../../../../shared/participant';
import { PRECISIONS } from '../../../../shared/precision';
import { STATUSES } from '../../../../shared/status';
import { oneOf } from '../checks';
import { participants, regions, sources, workstreams } from './reference';
import { users } from './user';

export const milestones = sqliteTable(
  'milestones',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    key: text('key').unique(),
    titleRu: text('title_ru').notNull(),
    titleEn: text('title_en'),
    description: text('description').notNull().default(''),
    expectedResult: text('expected_result').notNull().default(''),
    workstreamId: integer('workstream_id').references(() => workstreams.id, { onDelete: 'restrict' }),
    regionId: integer('region_id').references(() => regions.id, { onDelete: 'restrict' }),
    site: text('site'),
    status: text('status', { enum: STATUSES }).notNull().default('planned'),
    // The planned interval is one whole period of its precision; all three null = undated.
    plannedStart: text('planned_start'),
    plannedEnd: text('planned_end'),
    plannedPrecision: text('planned_precision', { enum: PRECISIONS }),
    actualDate: text('actual_date'),
    // The date first announced, kept so the roadmap can show how far a milestone slipped
    // without replaying its history on every list.
    baselineStart: text('baseline_start'),
    baselineEnd: text('baseline_end'),
    baselinePrecision: text('baseline_precision', { enum: PRECISIONS }),
    version: integer('version').notNull().default(1),
    /** Lower-cased text the search filter looks in; SQLite's lower() and LIKE only fold ASCII. */
    searchText: text('search_text').notNull().default(''),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    check(
      'milestones_planned_check',
      sql`(${t.plannedStart} is null and ${t.plannedEnd} is null and ${t.plannedPrecision} is null) or (${t.plannedStart} is not null and ${t.plannedEnd} is not null and ${t.plannedPrecision} is not null and ${t.plannedStart} <= ${t.plannedEnd})`,
    ),
    check('milestones_status_check', oneOf(t.status, STATUSES)),
    check('milestones_precision_check', sql`${t.plannedPrecision} is null or ${oneOf(t.plannedPrecision, PRECISIONS)}`),
    check('milestones_version_check', sql`${t.version} >= 1`),
    index('milestones_workstream_idx').on(t.workstreamId),
    index('milestones_region_idx').on(t.regionId),
    index('milestones_planned_idx').on(t.plannedStart),
  ],
);

export const milestoneParticipants = sqliteTable(
  'milestone_participants',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    milestoneId: integer('milestone_id')
      .notNull()
      .references(() => milestones.id, { onDelete: 'restrict' }),
    participantId: integer('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'restrict' }),
    role: text('role', { enum: PARTICIPANT_ROLES }).notNull(),
    // A removed role is kept (with its citations) and only marked, so history can still name
    // it and its quotes stay attached; adding it back clears the mark.
    removedAt: text('removed_at'),
  },
  (t) => [
    uniqueIndex('milestone_participants_unique').on(t.milestoneId, t.participantId, t.role),
    index('milestone_participants_participant_idx').on(t.participantId),
    check('milestone_participants_role_check', oneOf(t.role, PARTICIPANT_ROLES)),
  ],
);

/** Finish-to-start: the successor cannot finish before the predecessor. */
export const dependencies = sqliteTable(
  'dependencies',
  {
    predecessorId: integer('predecessor_id')
      .notNull()
      .references(() => milestones.id, { onDelete: 'restrict' }),
    successorId: integer('successor_id')
      .notNull()
      .references(() => milestones.id, { onDelete: 'restrict' }),
  },
  (t) => [
    primaryKey({ columns: [t.predecessorId, t.successorId] }),
    index('dependencies_successor_idx').on(t.successorId),
    check('dependencies_not_self', sql`${t.predecessorId} <> ${t.successorId}`),
  ],
);

export const citations = sqliteTable(
  'citations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    // Sources are never deleted while cited.
    sourceId: integer('source_id')
      .notNull()
      .references(() => sources.id, { onDelete: 'restrict' }),
    quote: text('quote').notNull(),
    claim: text('claim', { enum: CITATION_CLAIMS }).notNull(),
    milestoneId: integer('milestone_id').references(() => milestones.id, { onDelete: 'restrict' }),
    milestoneParticipantId: integer('milestone_participant_id').references(() => milestoneParticipants.id, {
      onDelete: 'restrict',
    }),
    createdAt: text('created_at').notNull(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'restrict' }),
  },
  (t) => [
    index('citations_milestone_idx').on(t.milestoneId),
    index('citations_source_idx').on(t.sourceId),
    index('citations_mp_idx').on(t.milestoneParticipantId),
    check('citations_quote_check', sql`length(trim(${t.quote})) > 0`),
    check('citations_claim_check', oneOf(t.claim, CITATION_CLAIMS)),
    // A role quote hangs on the role row; every other quote on its milestone.
    check('citations_role_target_check', sql`(${t.claim} = 'role') = (${t.milestoneParticipantId} is not null)`),
    check('citations_milestone_target_check', sql`(${t.claim} = 'role') = (${t.milestoneId} is null)`),
  ],
);
