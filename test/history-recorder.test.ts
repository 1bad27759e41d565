// Recording never overwrites: with RECORD_HISTORIES=1, a history whose file exists is skipped,
// says so, and the file keeps its bytes (it is skipped before any server is asked for a history).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HISTORIES_DIR, recordHistory } from './support/history-recorder';

test('an existing history is skipped, not rewritten, and the skip is reported', () => {
  const path = join(HISTORIES_DIR, 'pass-onboarded.json');
  const before = readFileSync(path);
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  const saved = process.env.RECORD_HISTORIES;
  process.env.RECORD_HISTORIES = '1';
  let warnings: unknown[][];
  try {
    // Port 1 on loopback: nothing listens there, so reaching the server would throw.
    recordHistory('127.0.0.1:1', { workflowId: 'candidate:demo:doumi:never-asked' }, 'pass-onboarded');
  } finally {
    if (saved === undefined) delete process.env.RECORD_HISTORIES;
    else process.env.RECORD_HISTORIES = saved;
    warnings = [...warn.mock.calls];
    warn.mockRestore();
  }
  expect(readFileSync(path).equals(before)).toBe(true);
  expect(warnings).toEqual([[expect.stringMatching(/^history skipped: .*pass-onboarded\.json exists/)]]);
});
