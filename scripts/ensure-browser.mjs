// Finds a Chromium for the browser tests, installing one when there is none, so that
// `npm test` needs no separate set-up step: Debian's package through apt when this process
// may use it (CI and the team's machines run as root), else Playwright's own download.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

function found() {
  if (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) return process.env.CHROMIUM_PATH;
  return CANDIDATES.find((p) => existsSync(p));
}

function hasCommand(name) {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** Returns the executable to use, or '' for Playwright's own browser. */
export function ensureBrowser() {
  const existing = found();
  if (existing) return existing;
  if (hasCommand('apt-get') && process.getuid?.() === 0) {
    console.log('Installing Chromium from Debian packages…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
    const installed = found();
    if (installed) return installed;
  }
  console.log("Installing Playwright's Chromium…");
  execFileSync('npx', ['playwright', 'install', 'chromium'], { stdio: 'inherit' });
  return '';
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(ensureBrowser() || '(playwright chromium)');
