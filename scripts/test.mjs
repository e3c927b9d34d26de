// `npm test`: every check the project has, in the order that fails fastest, on both engines:
// the server and browser suites run once on SQLite and once on a throwaway PostgreSQL cluster
// that this script finds or installs (scripts/postgres.mjs). One closing line
// "tests: N passed, N failed" sums every run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureBrowser } from './ensure-browser.mjs';
import { ensureLibreOffice } from './ensure-libreoffice.mjs';
import { startPostgres } from './postgres.mjs';

const REPORTS = '.tmp/reports';
rmSync(REPORTS, { recursive: true, force: true });
mkdirSync(REPORTS, { recursive: true });

// The SQLite runs must not inherit a DATABASE_URL from the shell: that would run them on it.
const { DATABASE_URL: _inherited, ...baseEnv } = process.env;

function run(title, command, args, env = {}) {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...baseEnv, ...env } });
  console.log(
    `◀ ${title}: ${result.status === 0 ? 'ok' : `exit ${result.status}`} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  return result.status === 0;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

const vitestRuns = [];
const playwrightRuns = [];

function vitest(engine, project, env) {
  const report = `${REPORTS}/vitest-${engine}-${project}.json`;
  vitestRuns.push(report);
  return run(
    `unit and integration (${project}, ${engine})`,
    'npx',
    ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile=${report}`],
    env,
  );
}

function playwright(engine, env) {
  const report = `${REPORTS}/playwright-${engine}.json`;
  playwrightRuns.push(report);
  return run(`browser end-to-end (${engine})`, 'npx', ['playwright', 'test'], {
    ...env,
    PLAYWRIGHT_JSON_OUTPUT_NAME: report,
  });
}

let ok = run('types', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
ok = run('lint, format and import zones', 'npx', ['biome', 'check', '.']) && ok;

let postgres = null;
try {
  postgres = await startPostgres({ log: (line) => console.log(`  postgres: ${line}`) });
} catch (error) {
  console.error(`\nPostgreSQL could not be had, so the PostgreSQL half of the suite cannot run:\n${error.message}`);
  ok = false;
}
const pgEnv = postgres ? { DATABASE_URL: postgres.url } : null;

// The CSV formula test opens the exports in LibreOffice: found or installed once, here, rather
// than inside a test's timeout, for both engines' runs. Without it that test fails, saying why.
try {
  baseEnv.SOFFICE_PATH = ensureLibreOffice({ log: (line) => console.log(`  libreoffice: ${line}`) });
} catch (error) {
  console.error(`\nLibreOffice could not be had, so the CSV formula test cannot pass:\n${error.message}`);
  ok = false;
}

// The SQLite run's db:copy test moves a roadmap to PostgreSQL and back on the same cluster.
const sqliteEnv = postgres ? { TEST_POSTGRES_URL: postgres.url } : {};
ok = vitest('sqlite', 'main', sqliteEnv) && ok;
ok = vitest('sqlite', 'memory', {}) && ok;
if (pgEnv) {
  ok = vitest('postgres', 'main', pgEnv) && ok;
  ok = vitest('postgres', 'memory', pgEnv) && ok;
}
ok = run('client build', 'npx', ['vite', 'build', '--logLevel', 'warn']) && ok;
const chromium = ensureBrowser();
ok = playwright('sqlite', { CHROMIUM_PATH: chromium }) && ok;
if (pgEnv) ok = playwright('postgres', { CHROMIUM_PATH: chromium, ...pgEnv }) && ok;
await postgres?.stop();

let passed = 0;
let failed = 0;
let skipped = 0;
let missing = 0;
for (const path of vitestRuns) {
  const report = readJson(path);
  if (!report) missing += 1;
  passed += report?.numPassedTests ?? 0;
  failed += report?.numFailedTests ?? 0;
  skipped += (report?.numPendingTests ?? 0) + (report?.numTodoTests ?? 0);
}
for (const path of playwrightRuns) {
  const report = readJson(path);
  if (!report) missing += 1;
  passed += report?.stats?.expected ?? 0;
  failed += (report?.stats?.unexpected ?? 0) + (report?.stats?.flaky ?? 0);
  skipped += report?.stats?.skipped ?? 0;
}
if (missing) console.log(`\n${missing} test run(s) wrote no report: counted as a failure.`);
if (!postgres) console.log('\nThe PostgreSQL runs did not happen: counted as a failure.');
const allOk = ok && postgres && missing === 0 && failed === 0 && skipped === 0 && passed > 0;
console.log(`\ntests: ${passed} passed, ${allOk ? failed : Math.max(failed, 1)} failed, ${skipped} skipped`);
process.exit(allOk ? 0 : 1);
