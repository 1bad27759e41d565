// Reads the kept histories (test/histories and its SHA256SUMS manifest) and replays them against a
// workflows module: the real one in the replay test, a deliberately changed copy in its proof.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from '@temporalio/worker';
import { HISTORIES_DIR, HISTORY_MANIFEST } from './history-recorder';

export interface KeptHistory {
  file: string;
  workflowType: string;
  /** The recorded workflow ID, not the file name: the candidate derives its children's IDs from it. */
  workflowId: string;
  history: unknown;
}

/** The history files in test/histories, by name. */
export const historyFiles = () => readdirSync(HISTORIES_DIR).filter((f) => f.endsWith('.json')).sort();

/** The manifest's entries, file name → sha256; a malformed line throws, naming it. */
export function readManifest(): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [i, line] of readFileSync(HISTORY_MANIFEST, 'utf8').split('\n').entries()) {
    if (!line.trim()) continue;
    const m = /^([0-9a-f]{64}) [ *](\S+)$/.exec(line);
    if (!m) throw new Error(`SHA256SUMS line ${i + 1} is not "<sha256>  <file>": ${line}`);
    if (entries.has(m[2]!)) throw new Error(`SHA256SUMS lists ${m[2]} twice`);
    entries.set(m[2]!, m[1]!);
  }
  return entries;
}

export function loadHistory(file: string): KeptHistory {
  const history = JSON.parse(readFileSync(join(HISTORIES_DIR, file), 'utf8'));
  const started = history.events[0].workflowExecutionStartedEventAttributes;
  return { file, workflowType: started.workflowType.name, workflowId: started.workflowId, history };
}

/** Replays each history in one replay worker; `error` is null when it replayed cleanly. */
export async function replayHistories(workflowsPath: string, histories: readonly KeptHistory[]): Promise<{ file: string; error: Error | null }[]> {
  const results: { file: string; error: Error | null }[] = [];
  // One result per history, in the order given.
  for await (const result of Worker.runReplayHistories({ workflowsPath }, histories)) {
    results.push({ file: histories[results.length]!.file, error: result.error ?? null });
  }
  return results;
}
