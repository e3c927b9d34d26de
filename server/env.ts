import { z } from 'zod';

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_PATH: z.string().min(1).default('./data/roadmap.db'),
  /** Set: the app runs on this PostgreSQL database instead of the SQLite file (server/db/engine.ts). */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Where the built client lives; the server answers with it for every non-API path. */
  CLIENT_DIST: z.string().min(1).default('./dist/client'),
  /** Largest request body accepted, in bytes: guards the tRPC and future upload routes. */
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_048_576),
  /** Largest CSV import request, in bytes: a whole roadmap file, with room for long quotes. */
  MAX_IMPORT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(20 * 1_048_576),
  /** Data rows one CSV import may have; a larger file is refused, naming the cap, before it is read further. */
  MAX_IMPORT_ROWS: z.coerce.number().int().positive().default(10_000),
  /** Errors a CSV import answer lists; the rest are counted, not listed. */
  MAX_IMPORT_ERRORS: z.coerce.number().int().positive().default(100),
  /** Most calls one tRPC batch may carry. */
  MAX_BATCH_SIZE: z.coerce.number().int().positive().default(20),
  /** `public`: anyone who reaches the server reads the roadmap; `login`: only signed-in users. */
  READ_ACCESS: z.enum(['public', 'login']).default('public'),
  /** A session unused this long ends. */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .positive()
    .default(12 * 60),
  /** A session ends this long after login, however busy. */
  SESSION_MAX_HOURS: z.coerce
    .number()
    .int()
    .positive()
    .default(7 * 24),
  /** Sessions one user may hold at once (browsers, devices); a new login past it ends the oldest. */
  SESSION_MAX_PER_USER: z.coerce.number().int().positive().default(10),
  /**
   * How often each app server deletes ended sessions (logged out, revoked, expired, idle). Every
   * login deletes them too; the timer keeps the table small when nobody logs in.
   */
  SESSION_SWEEP_SECONDS: z.coerce.number().int().positive().default(3600),
  /**
   * Live-update streams (open timelines) one client address may hold on one app server; more
   * get 429. Behind a reverse proxy, set TRUST_PROXY, or every client shares the proxy's address.
   */
  LIVE_STREAMS_PER_ADDRESS: z.coerce.number().int().positive().default(50),
  /** Live-update streams one app server holds in all; more get 503. */
  LIVE_STREAMS_MAX: z.coerce.number().int().positive().default(500),
  /** A live-update stream is ended after this long (the browser reconnects): a dead one is dropped by then. */
  LIVE_STREAM_MAX_SECONDS: z.coerce.number().int().positive().default(1800),
  /** Behind a reverse proxy: trust X-Forwarded-* for the client address and HTTPS (Secure cookie). */
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

export type Env = z.infer<typeof envSchema>;

export function sessionPolicyOf(env: Env) {
  return {
    idleMs: env.SESSION_IDLE_MINUTES * 60_000,
    absoluteMs: env.SESSION_MAX_HOURS * 3_600_000,
    maxPerUser: env.SESSION_MAX_PER_USER,
  };
}

/** Reads the environment once at start; a bad value stops the process with every problem named. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  // An operator reads these in a terminal: Zod's English, not the i18n keys the forms get.
  const parsed = envSchema.safeParse(source, { error: z.locales.en().localeError });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment: ${problems}`);
  }
  return parsed.data;
}
