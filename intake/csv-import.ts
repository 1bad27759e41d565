// Imports a board's CSV export into the one ingestion path (CLI: scripts/import-csv.ts): decode,
// parse (csv-parse), map each row to the canonical application, then ingest it as a board delivery
// with source 'csv'. Unusable rows go to the quarantine with their row number. Re-running the
// same file is safe: rows already imported count as duplicates, and quarantined rows are kept once.
import { parse } from 'csv-parse/sync';
import type { TenantConfig } from '../common/config';
import { ErrorKind, HubError } from '../common/errors';
import { handleBoardDelivery, type BoardDeliveryDeps } from './board-delivery';
import type { PartnerBoard } from '../connectors/board-registry';
import { mapCsvHeader, normaliseCsvRow, type CsvRowPayload } from './csv-columns';
import { decodeCsv, type CsvEncoding } from './csv-encoding';
import { type ParsedDelivery, contentDeliveryId } from '../common/board-delivery';
import { IngestionSource } from '../common/ingestion';

export interface CsvImportSummary {
  encoding: CsvEncoding;
  rows: number;
  /** First delivery of the application: a workflow was started. */
  imported: number;
  /** Seen before (webhook, poll or an earlier import): joined, or its workflow had finished. */
  duplicate: number;
  quarantined: number;
  /** Temporal did not answer: kept in the quarantine as WorkflowStartFailed; run the import again. */
  failed: number;
  /** Row numbers (header = row 1) with the quarantine ID and reason, for the summary. */
  quarantinedRows: Array<{ row: number; id: string; reason: string }>;
}

export interface CsvImportOptions {
  tenant: TenantConfig;
  board: PartnerBoard;
  bytes: Buffer;
  encoding?: CsvEncoding | 'gbk';
  delimiter?: string;
  /** Called after each row with (done, total). */
  onProgress?: (done: number, total: number) => void;
}

/** Rows of the file as header → cell records, numbered as a spreadsheet shows them (header = row 1). */
export function readCsvRows(text: string, delimiter = ','): { header: string[]; rows: Array<{ row: number; cells: string[] }> } {
  const records = parse(text, { delimiter, bom: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true, info: true }) as unknown as Array<{
    record: string[];
    info: { lines: number };
  }>;
  const [first, ...rest] = records;
  if (!first) return { header: [], rows: [] };
  // info.lines is the line a record ends on; for the usual one-line rows that is the spreadsheet row.
  return { header: first.record, rows: rest.map((r) => ({ row: r.info.lines, cells: r.record })) };
}

export async function importBoardCsv(deps: BoardDeliveryDeps, options: CsvImportOptions): Promise<CsvImportSummary> {
  const { tenant, board } = options;
  const { text, encoding } = decodeCsv(options.bytes, options.encoding);
  const { header, rows } = readCsvRows(text, options.delimiter);
  // A file without the required columns is a usage error: nothing is imported or quarantined.
  mapCsvHeader(board, header);
  const summary: CsvImportSummary = { encoding, rows: rows.length, imported: 0, duplicate: 0, quarantined: 0, failed: 0, quarantinedRows: [] };

  for (const [index, { row, cells }] of rows.entries()) {
    const payload: CsvRowPayload = { board, row, cells: Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])) };
    const bytes = Buffer.from(JSON.stringify(payload), 'utf8');
    try {
      const outcome = await handleBoardDelivery(deps, {
        tenant,
        board,
        source: IngestionSource.CSV,
        parsed: parseCsvRow(tenant.id, payload),
        // Keyed by the row's content, not its position: the same row in a later export is the same delivery.
        raw: { bytes, contentType: CSV_ROW_CONTENT_TYPE, deliveryId: contentDeliveryId(`csv-${board}`, JSON.stringify(payload.cells)) },
      });
      if (outcome.kind === 'quarantined') {
        summary.quarantined += 1;
        summary.quarantinedRows.push({ row, id: outcome.id, reason: outcome.reason });
      } else if (outcome.kind === 'ingested' && outcome.result.outcome === 'new') {
        summary.imported += 1;
      } else {
        summary.duplicate += 1;
      }
    } catch (err) {
      if (!(err instanceof HubError && err.kind === ErrorKind.TRANSIENT)) throw err;
      summary.failed += 1;
    }
    options.onProgress?.(index + 1, rows.length);
  }
  return summary;
}

/** How a CSV row is kept in the quarantine (JSON of CsvRowPayload), so a replay can re-read it. */
export const CSV_ROW_CONTENT_TYPE = 'application/vnd.hirebridge.csv-row+json';

/** A CSV row (as kept) as a delivery. */
export function parseCsvRow(tenantId: string, payload: CsvRowPayload): ParsedDelivery {
  try {
    const { application, notes } = normaliseCsvRow(tenantId, payload);
    return { ok: true, delivery: { kind: 'application', application }, notes };
  } catch (err) {
    if (err instanceof HubError) return { ok: false, error: err };
    throw err;
  }
}
