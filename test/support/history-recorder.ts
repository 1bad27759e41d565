// Keeps a workflow's history in test/histories for the replay test (with RECORD_HISTORIES=1). A
// history is kept, never rewritten: a file that exists already is skipped, and says so.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { requireTemporalBinary } from '../../common/temporal-binaries';

export const HISTORIES_DIR = join(__dirname, '..', 'histories');
/** File name → sha256 of every committed history, in `sha256sum` format (`sha256sum -c` checks it). */
export const HISTORY_MANIFEST = join(HISTORIES_DIR, 'SHA256SUMS');

export const recordingHistories = () => process.env.RECORD_HISTORIES === '1';

export const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
/** One manifest line, as `sha256sum` writes it. */
export const manifestLine = (file: string, bytes: Buffer | string) => `${sha256(bytes)}  ${file}`;

export interface RecordedRun {
  workflowId: string;
  /** A particular run, e.g. one that continued as new; the latest run when left out. */
  runId?: string;
}

/**
 * Exports the run as an operator would (`temporal workflow show --output json`, the format replay
 * reads) to `test/histories/{name}.json`, unless that file exists. Does nothing without RECORD_HISTORIES=1.
 */
export function recordHistory(address: string, run: RecordedRun, name: string): void {
  if (!recordingHistories()) return;
  const file = `${name}.json`;
  const path = join(HISTORIES_DIR, file);
  const shown = relative(process.cwd(), path);
  const skipped = () => console.warn(`history skipped: ${shown} exists, and a recorded history is never rewritten (a workflow change is versioned with patched())`);
  if (existsSync(path)) return skipped();
  const args = ['workflow', 'show', '--address', address, '--workflow-id', run.workflowId, '--output', 'json'];
  if (run.runId) args.push('--run-id', run.runId);
  const history = JSON.parse(execFileSync(requireTemporalBinary('cli'), args).toString());
  // The time-skipping server leaves the started event's workflowId empty; replay needs it,
  // because the candidate derives its interview children's IDs from its own.
  history.events[0].workflowExecutionStartedEventAttributes.workflowId ??= run.workflowId;
  const text = JSON.stringify(history, null, 2);
  mkdirSync(HISTORIES_DIR, { recursive: true });
  try {
    // 'wx': created only if still absent, so a file that appeared meanwhile is not overwritten either.
    writeFileSync(path, text, { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    return skipped();
  }
  console.warn(`history recorded: ${shown}\nadd its line to ${relative(process.cwd(), HISTORY_MANIFEST)}:\n${manifestLine(file, text)}`);
}
