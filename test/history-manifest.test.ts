// Recorded histories are kept, never rewritten: each one's sha256 is in test/histories/SHA256SUMS,
// so a history that was changed, re-recorded or removed fails here, and so does a new one that
// nobody added to the manifest. (By hand: `cd test/histories && sha256sum -c SHA256SUMS`.)
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
