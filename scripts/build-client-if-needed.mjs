// `npm start` builds the client only when the build is missing or older than its sources,
// so a second start is quick and a fresh clone still gets a working page.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const built = 'dist/client/index.html';
const inputs = ['client', 'shared', 'vite.config.ts', 'package-lock.json'];

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

const stale = !existsSync(built) || inputs.some((p) => existsSync(p) && newestMtime(p) > statSync(built).mtimeMs);
if (stale) {
  console.log('Building the client…');
  // A newcomer's first `npm start` shows what matters: errors, not Vite's notices about its own
  // config loader or plugin timings (yellow, and nothing for them to do).
  const result = spawnSync('npx', ['vite', 'build', '--logLevel', 'error'], {
    stdio: 'inherit',
    env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
  });
  process.exit(result.status ?? 1);
}
