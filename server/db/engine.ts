/**
 * Which engine this process runs on. Decided once, at import, because the table objects the
 * services import (`./schema`) are the engine's own: drizzle builds SQL from the table's
 * dialect. `DATABASE_URL=postgres://…` picks PostgreSQL; without it the SQLite file at
 * `DATABASE_PATH` (env.ts validates both values when the app starts).
 */
export type Engine = 'sqlite' | 'postgres';

export const ENGINE: Engine = process.env.DATABASE_URL ? 'postgres' : 'sqlite';

export type DatabaseConfig = { engine: 'sqlite'; path: string } | { engine: 'postgres'; url: string };

export function databaseConfigOf(env: { DATABASE_URL?: string | undefined; DATABASE_PATH: string }): DatabaseConfig {
  return env.DATABASE_URL
    ? { engine: 'postgres', url: env.DATABASE_URL }
    : { engine: 'sqlite', path: env.DATABASE_PATH };
}

/** `postgres://…` or `postgresql://…` is a server; anything else is a SQLite file path. */
export function databaseConfigFromTarget(target: string): DatabaseConfig {
  return /^postgres(ql)?:\/\//.test(target) ? { engine: 'postgres', url: target } : { engine: 'sqlite', path: target };
}
