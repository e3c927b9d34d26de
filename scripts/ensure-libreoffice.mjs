// Finds LibreOffice for the test that opens the CSV exports the way a planner's spreadsheet
// does, installing it when there is none, so `npm test` needs no set-up step: Debian's
// `libreoffice-calc-nogui` through apt when this process may use it (CI and the team's
// machines run as root). Without it the run fails, saying what was tried: never skipped.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/soffice', '/usr/bin/libreoffice', '/usr/lib/libreoffice/program/soffice'];

function found() {
  if (process.env.SOFFICE_PATH && existsSync(process.env.SOFFICE_PATH)) return process.env.SOFFICE_PATH;
  return CANDIDATES.find((p) => existsSync(p));
}

function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** The soffice executable; throws, naming what was tried, when it cannot be had. */
export function ensureLibreOffice({ log = console.log } = {}) {
  const existing = found();
  if (existing) return existing;
  const tried = [`SOFFICE_PATH (${process.env.SOFFICE_PATH ?? 'unset'})`, ...CANDIDATES];
  if (hasCommand('apt-get') && process.getuid?.() === 0) {
    log('Installing LibreOffice Calc (libreoffice-calc-nogui) from Debian packages…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const started = Date.now();
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'libreoffice-calc-nogui'], {
      stdio: 'inherit',
      env,
    });
    log(`LibreOffice installed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    const installed = found();
    if (installed) return installed;
    tried.push('apt-get install libreoffice-calc-nogui (installed, but no soffice found)');
  } else {
    tried.push('apt-get (needs root and apt)');
  }
  throw new Error(
    `LibreOffice could not be had; tried: ${tried.join(', ')}. Install libreoffice-calc or set SOFFICE_PATH.`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(ensureLibreOffice());
