/**
 * npm run bench: each case against a floor measured in the same run on the same data, with
 * medians over several runs, on SQLite and on PostgreSQL, printed as one table and written to
 * bench/results/. The machines are shared and noisy: ratios, not absolute figures, are what
 * the budgets judge.
 *
 * The engine is fixed per process (server/db/engine.ts), so every case runs in a child process
 * of its own: without DATABASE_URL for SQLite, with it, on a new database of a throwaway
 * cluster (scripts/postgres.mjs), for PostgreSQL; the two engines' runs of a case follow each
 * other. The client cases (timeline, JS size) do not depend on the engine and run once.
 *
 *   npm run bench [-- [name…] [--engine sqlite|postgres] [--profile]]
 *
 * Names pick cases by part of their name; --profile writes each child's CPU profile
 * (node --cpu-prof) to bench/results/profiles/.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createDatabase, dropDatabase, type PostgresCluster, startPostgres } from '../scripts/postgres.mjs';
import { CASES } from './cases';
import type { BenchEngine, CaseResult } from './stats';

const { values: options, positionals: only } = parseArgs({
  allowPositionals: true,
  options: { engine: { type: 'string' }, profile: { type: 'boolean', default: false } },
});
if (options.engine && options.engine !== 'sqlite' && options.engine !== 'postgres') {
  throw new Error(`--engine: sqlite or postgres, not ${options.engine}`);
}

const runs = CASES.filter((c) => !only.length || only.some((o) => c.name.includes(o))).flatMap((c) =>
  c.engines
    .filter((engine) => !options.engine || engine === 'client' || engine === options.engine)
    .map((engine) => ({ name: c.name, engine })),
);
if (!runs.length) throw new Error(`no case matches ${only.join(', ')}; cases: ${CASES.map((c) => c.name).join(', ')}`);

const profiles = resolve('bench/results/profiles');
const work = mkdtempSync(join(tmpdir(), 'roadmap-bench-'));
let cluster: PostgresCluster | null = null;
let postgresVersion = '';

/** The child's environment: DATABASE_URL only for PostgreSQL, so that SQLite runs never inherit one. */
function envFor(databaseUrl: string | null): NodeJS.ProcessEnv {
  const { DATABASE_URL: _url, DATABASE_PATH: _path, ...env } = process.env;
  return databaseUrl ? { ...env, DATABASE_URL: databaseUrl } : env;
}

function runChild(name: string, engine: BenchEngine, databaseUrl: string | null): Promise<CaseResult> {
  const out = join(work, `result-${Date.now()}.json`);
  const profile = options.profile
    ? ['--cpu-prof', `--cpu-prof-dir=${join(profiles, `${name.replace(/\W+/g, '-')}-${engine}`)}`]
    : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'bench/case.ts', name, engine, work, out], {
    env: envFor(databaseUrl),
    stdio: 'inherit',
  });
  return new Promise((resolveRun, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0 && existsSync(out)) return resolveRun(JSON.parse(readFileSync(out, 'utf8')) as CaseResult);
      reject(new Error(`${name} on ${engine}: the child process ended with ${signal ?? `exit code ${code}`}`));
    });
  });
}

const results: CaseResult[] = [];
try {
  for (const [index, { name, engine }] of runs.entries()) {
    console.log(`… ${name}${engine === 'client' ? '' : ` on ${engine}`}`);
    let databaseUrl: string | null = null;
    if (engine === 'postgres') {
      cluster ??= await startPostgres({
        log: (line) => {
          console.log(`  postgres: ${line}`);
          postgresVersion ||= /^PostgreSQL (\S+)/.exec(line)?.[1] ?? '';
        },
      });
      const database = `bench_${index}`;
      await createDatabase(cluster.url, database);
      const url = new URL(cluster.url);
      url.pathname = `/${database}`;
      databaseUrl = url.href;
    }
    try {
      results.push(await runChild(name, engine, databaseUrl));
    } catch (error) {
      console.error(error);
      results.push({
        case: name,
        engine,
        ours: Number.NaN,
        floor: Number.NaN,
        unit: '',
        ratio: Number.NaN,
        budget: '',
        pass: false,
        notes: { error: (error as Error).message },
      });
    } finally {
      if (cluster && databaseUrl) await dropDatabase(cluster.url, `bench_${index}`);
    }
  }
} finally {
  await cluster?.stop();
  rmSync(work, { recursive: true, force: true });
}

const figure = (value: number) => (Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2));
console.table(
  results.map((r) => ({
    case: r.case,
    engine: r.engine,
    ours: `${figure(r.ours)} ${r.unit}`,
    floor: `${figure(r.floor)} ${r.unit}`,
    ratio: `${r.ratio.toFixed(2)}×`,
    budget: r.budget,
    result: r.pass === null ? 'reported' : r.pass ? 'pass' : 'FAIL',
  })),
);
for (const r of results) {
  const notes = Object.entries(r.notes).map(([k, v]) => `${k}=${typeof v === 'number' ? figure(v) : v}`);
  console.log(`${r.case} (${r.engine}): ${notes.join(', ')}`);
}
mkdirSync('bench/results', { recursive: true });
const at = new Date().toISOString();
const file = `bench/results/bench-${at.replace(/[:.]/g, '-')}.json`;
const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? '', loadavg: loadavg() };
// What was measured: the commit, and the files of the server side changed since, if any.
const git = (...args: string[]) => spawnSync('git', args, { encoding: 'utf8' }).stdout?.trim() ?? '';
const code = {
  commit: git('rev-parse', 'HEAD'),
  changed: git('status', '--porcelain', '--', 'server', 'shared').split('\n').filter(Boolean),
};
writeFileSync(
  file,
  `${JSON.stringify({ at, node: process.version, postgres: postgresVersion, machine, code, results }, null, 2)}\n`,
);
console.log(`written ${file}`);
process.exit(results.every((r) => r.pass !== false) ? 0 : 1);
