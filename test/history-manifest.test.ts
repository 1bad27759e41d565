// Recorded histories are kept, never rewritten: each one's sha256 is in test/histories/SHA256SUMS,
// so a history that was changed, re-recorded or removed fails here, and so does a new one that
// nobody added to the manifest. (By hand: `cd test/histories && sha256sum -c SHA256SUMS`.)
import { execFileSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { HISTORIES_DIR, manifestLine, sha256 } from './support/history-recorder';
import { historyFiles, readManifest } from './support/history-replay';

const manifest = readManifest();

test('every history in the manifest is there, byte for byte as committed', () => {
  const problems: string[] = [];
  for (const [file, hash] of manifest) {
    const path = join(HISTORIES_DIR, file);
    if (!existsSync(path)) {
      problems.push(`${file} was removed: a recorded history is kept for good (restore it from git)`);
    } else if (sha256(readFileSync(path)) !== hash) {
      problems.push(`${file} was changed: a recorded history is never rewritten. Restore it from git; version the workflow change with patched() and record the new journey under a new name`);
    }
  }
  expect(problems).toEqual([]);
});

test('every history file has a manifest entry', () => {
  const problems = historyFiles()
    .filter((file) => !manifest.has(file))
    .map((file) => `${file} has no entry in test/histories/SHA256SUMS. If it is a NEW recording, add this line: ${manifestLine(file, readFileSync(join(HISTORIES_DIR, file)))}`);
  expect(problems).toEqual([]);
});

// The manifest itself is append-only: a line that any commit ever had must still be there, so a
// history cannot leave together with its manifest line. (Needs the git history: CI clones it.)
test('the manifest only grows: every line any commit had is still in it', () => {
  let log: string;
  try {
    log = execFileSync('git', ['log', '--format=', '-p', '--', 'test/histories/SHA256SUMS'], { cwd: join(HISTORIES_DIR, '..', '..'), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (err) {
    throw new Error(`git log could not be read to check the manifest's history: ${(err as Error).message}`);
  }
  const current = new Set(readFileSync(join(HISTORIES_DIR, 'SHA256SUMS'), 'utf8').split('\n').filter(Boolean));
  const everCommitted = log.split('\n').filter((l) => /^\+[0-9a-f]{64} {2}\S/.test(l)).map((l) => l.slice(1));
  const dropped = [...new Set(everCommitted)].filter((line) => !current.has(line));
  expect(dropped).toEqual([]);
});
