import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sources } from './reference';
import { users } from './user';

/**
 * An article a planner pasted for analysis, with what the analyser proposed, until it is
 * applied or discarded (a discarded draft is deleted: it leaves nothing behind). Only
 * planners and admins read drafts.
 */
export const intakeDrafts = sqliteTable(
  'intake_drafts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** SHA-256 of the text with its white space folded: the same article pasted twice is recognised. */
    textSha256: text('text_sha256').notNull(),
    text: text('text').notNull(),
    /** JSON: the proposed source metadata and proposals, as the analyser answered. */
    analysis: text('analysis').notNull(),
    createdAt: text('created_at').notNull(),
    createdBy: integer('created_by')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
  },
  (t) => [index('intake_drafts_sha_idx').on(t.textSha256)],
);

/**
 * The text of a source, kept privately so every quote cited from it is checked to be
 * verbatim. An admin may purge the text; its SHA-256 stays, and the purge is in the history.
 */
export const sourceSnapshots = sqliteTable(
  'source_snapshots',
  {
    sourceId: integer('source_id')
      .primaryKey()
      .references(() => sources.id, { onDelete: 'restrict' }),
    text: text('text'),
    textSha256: text('text_sha256').notNull(),
    createdAt: text('created_at').notNull(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'restrict' }),
    purgedAt: text('purged_at'),
    purgedBy: integer('purged_by').references(() => users.id, { onDelete: 'restrict' }),
  },
  (t) => [index('source_snapshots_sha_idx').on(t.textSha256)],
);
