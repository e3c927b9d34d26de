import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { ACCOUNT_EVENT_ACTIONS } from '../../../../shared/account-events';
import { USER_ROLES } from '../../../../shared/user';
import { oneOf } from '../checks';

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    login: text('login').notNull().unique(),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: USER_ROLES }).notNull(),
    passwordHash: text('password_hash').notNull(),
    disabledAt: text('disabled_at'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [check('users_role_check', oneOf(t.role, USER_ROLES))],
);

/** Only a hash of the session token is kept, so a copy of the database opens no session. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tokenHash: text('token_hash').notNull().unique(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: text('created_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
    expiresAt: text('expires_at').notNull(),
    revokedAt: text('revoked_at'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * Failed logins, in the database rather than in one process's memory, so several app
 * servers behind a proxy throttle a guesser together. `key` is `a:<address>`,
 * `p:<address>:<login>` or `l:<login>`; rows older than the window are deleted as met.
 */
export const loginFailures = sqliteTable(
  'login_failures',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    key: text('key').notNull(),
    /** Milliseconds since the epoch: the throttle counts within a sliding window. */
    at: integer('at').notNull(),
  },
  (t) => [index('login_failures_key_idx').on(t.key, t.at)],
);

/**
 * The admins' log of what happened to accounts: added, role changed, disabled, enabled, password
 * reset. Apart from the roadmap's history, which anyone who may read the roadmap reads
 * (docs/decisions/0010-account-log.md). Append-only like the history: triggers in the migrations
 * refuse UPDATE and DELETE.
 */
export const accountEvents = sqliteTable(
  'account_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    /** Who did it; null: the command line on the server itself. */
    actorId: integer('actor_id').references(() => users.id, { onDelete: 'restrict' }),
    /** Whose account it happened to. */
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'restrict' }),
    action: text('action', { enum: ACCOUNT_EVENT_ACTIONS }).notNull(),
    /** The role before a role change. */
    fromRole: text('from_role', { enum: USER_ROLES }),
    /** The role given: on a role change, and the first one when the account was added. */
    toRole: text('to_role', { enum: USER_ROLES }),
  },
  (t) => [
    index('account_events_at_idx').on(t.at),
    index('account_events_user_idx').on(t.userId, t.at),
    check('account_events_action_check', oneOf(t.action, ACCOUNT_EVENT_ACTIONS)),
  ],
);
