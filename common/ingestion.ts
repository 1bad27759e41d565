// Where an application came into the hub, one vocabulary for the workflow input, the quarantine and
// the board feedback; and what a candidate workflow starts from. Deterministic: workflows import it.
import type { ApplicationRef } from './types';

export const IngestionSource = {
  WEBHOOK: 'webhook',
  POLL: 'poll',
  API: 'api',
  CSV: 'csv',
  /** A quarantined delivery replayed by an operator after the fix. */
  REPLAY: 'replay',
} as const;
export type IngestionSource = (typeof IngestionSource)[keyof typeof IngestionSource];

/** Candidates started before the vocabulary was unified carry `import` for a CSV row. */
const LEGACY_SOURCES: Record<string, IngestionSource> = { import: IngestionSource.CSV };

/** The source of a workflow input, read with the names earlier hub versions wrote. */
export function ingestionSourceOf(source: string): IngestionSource {
  return LEGACY_SOURCES[source] ?? (source as IngestionSource);
}

/** The sources a quarantine entry can come from: the routes that carry a board's raw payload. */
export const QUARANTINE_SOURCES = [IngestionSource.WEBHOOK, IngestionSource.POLL, IngestionSource.CSV] as const;
export type QuarantineSource = (typeof QUARANTINE_SOURCES)[number];

/** The candidate workflow's input: a reference, never the personal data (that stays in the hub database). */
export interface CandidateWorkflowInput {
  ref: ApplicationRef;
  jobCode: string;
  source: IngestionSource;
}
