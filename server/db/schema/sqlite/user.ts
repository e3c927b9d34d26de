import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
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
