/**
 * The tables of the engine this process runs on. Services import them from here and never
 * from a dialect's folder: the SQLite and PostgreSQL schemas have the same tables, columns and
 * types (a test compares them), so the PostgreSQL declarations serve as the one type both are
 * used through. See docs/decisions/0005-two-engines.md.
 */
import { ENGINE } from '../engine';
import * as pgClaim from './pg/claim';
import * as pgHistory from './pg/history';
import * as pgIntake from './pg/intake';
import * as pgMilestone from './pg/milestone';
import * as pgReference from './pg/reference';
import * as pgUser from './pg/user';
import * as sqliteClaim from './sqlite/claim';
import * as sqliteHistory from './sqlite/history';
import * as sqliteIntake from './sqlite/intake';
import * as sqliteMilestone from './sqlite/milestone';
import * as sqliteReference from './sqlite/reference';
import * as sqliteUser from './sqlite/user';

const pgTables = { ...pgClaim, ...pgHistory, ...pgIntake, ...pgMilestone, ...pgReference, ...pgUser };
const sqliteTables = {
  ...sqliteClaim,
  ...sqliteHistory,
  ...sqliteIntake,
  ...sqliteMilestone,
  ...sqliteReference,
  ...sqliteUser,
};

export type Tables = typeof pgTables;

/** Both engines' tables by name, for the tools that move data between them (db:copy). */
export const tablesOf = { postgres: pgTables, sqlite: sqliteTables as unknown as Tables } as const;

const active: Tables = tablesOf[ENGINE];

export const {
  history,
  appMeta,
  milestones,
  milestoneParticipants,
  dependencies,
  citations,
  workstreams,
  regions,
  participants,
  sources,
  users,
  accountEvents,
  sessions,
  loginFailures,
  claims,
  intakeDrafts,
  sourceSnapshots,
} = active;
