// `npm test`: every check the project has, in the order that fails fastest, then one
// closing line "tests: N passed, N failed" that sums the unit/integration and browser runs.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureBrowser } from './ensure-browser.mjs';

const REPORTS = '.tmp/reports';
rmSync(REPORTS, { recursive: true, force: true });
mkdirSync(REPORTS, { recursive: true });

function run(title, command, args, env = {}) {
  console.log(`\n▶ ${title}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
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

let ok = run('types', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
ok = run('lint and format', 'npx', ['biome', 'check', '.']) && ok;
ok =
  run('unit and integration', 'npx', [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${REPORTS}/vitest.json`,
  ]) && ok;
ok = run('client build', 'npx', ['vite', 'build', '--logLevel', 'warn']) && ok;
const chromium = ensureBrowser();
ok =
  run('browser end-to-end', 'npx', ['playwright', 'test'], {
    CHROMIUM_PATH: chromium,
    PLAYWRIGHT_JSON_OUTPUT_NAME: `${REPORTS}/playwright.json`,
  }) && ok;

const vitest = readJson(`${REPORTS}/vitest.json`);
const playwright = readJson(`${REPORTS}/playwright.json`);
const passed = (vitest?.numPassedTests ?? 0) + (playwright?.stats?.expected ?? 0);
const failed = (vitest?.numFailedTests ?? 0) + (playwright?.stats?.unexpected ?? 0) + (playwright?.stats?.flaky ?? 0);
const skipped = (vitest?.numPendingTests ?? 0) + (vitest?.numTodoTests ?? 0) + (playwright?.stats?.skipped ?? 0);
if (!vitest || !playwright) console.log('\nA test runner wrote no report: counted as a failure.');
const allOk = ok && vitest && playwright && failed === 0 && skipped === 0 && passed > 0;
console.log(`\ntests: ${passed} passed, ${allOk ? failed : Math.max(failed, 1)} failed, ${skipped} skipped`);
process.exit(allOk ? 0 : 1);
