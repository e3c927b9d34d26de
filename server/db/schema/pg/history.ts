import { index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { citations, milestones } from './milestone';
import { users } from './user';

/**
 * Append-only change log. A trigger in the migrations refuses UPDATE and DELETE, so no code
 * path (nor a hand-typed SQL session) can rewrite what was said. Values are JSON text so a
 * date moves as {start,end,precision}, not as a lossy string.
 */
export const history = pgTable(
  'history',
  {
    id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
    at: text('at').notNull(),
    /** null: written by the seed from the sources, not by a person. */
    userId: integer('user_id').references(() => users.id, { onDelete: 'restrict' }),
    milestoneId: integer('milestone_id').references(() => milestones.id, { onDelete: 'restrict' }),
    entity: text('entity').notNull(),
    entityId: integer('entity_id'),
    action: text('action', { enum: ['create', 'update', 'delete'] }).notNull(),
    field: text('field'),
    fromValue: text('from_value'),
    toValue: text('to_value'),
    reason: text('reason').notNull(),
    citationId: integer('citation_id').references(() => citations.id, { onDelete: 'restrict' }),
  },
  (t) => [
    index('history_milestone_idx').on(t.milestoneId, t.at),
    index('history_at_idx').on(t.at),
    index('history_user_idx').on(t.userId),
  ],
);

/** Key/value facts about the database itself (for example that the first seed ran). */
export const appMeta = pgTable('app_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
