// First step of `npm run dev` and `npm test` on any machine: installs the npm dependencies when they
// are missing or older than the lock file, then Chromium for the browser tests and the Temporal binaries (see install-temporal.ts).
// Plain Node on purpose: it runs before node_modules exists.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });

const installed = join(root, 'node_modules', '.package-lock.json');
const lock = join(root, 'package-lock.json');
if (!existsSync(installed) || statSync(installed).mtimeMs < statSync(lock).mtimeMs) {
  console.log('[setup] installing npm dependencies (npm ci)');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}
// The browser tests drive Debian's Chromium through playwright-core (`npx playwright install`
// cannot download browsers on these machines). Install it where apt is usable as root.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium) && process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
  console.log('[setup] installing Debian chromium for the browser tests');
  try {
    run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium']);
  } catch {
    run('apt-get', ['update']);
    run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium']);
  }
}
run(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'scripts', 'install-temporal.ts')]);
