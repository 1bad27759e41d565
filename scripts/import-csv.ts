// CLI: imports a board's CSV export for a tenant without partner API access.
//   npm run import:csv -- --tenant demo --board doumi applications.csv [--encoding gbk] [--delimiter ';'] [--task-queue q]
// Uses the same environment as the worker (TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE, DATABASE_URL,
// HUB_CONFIG), shows a progress bar on stderr and prints the summary; exit code 1 when rows failed.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { SingleBar, Presets } from 'cli-progress';
import { findTenant, loadConfig } from '../common/config';
import { DataCipher } from '../common/data-cipher';
import { loadEnv } from '../common/env';
import { HubError } from '../common/errors';
import { createLogger } from '../common/logger';
import { TASK_QUEUE } from '../common/workflow-ids';
import { importBoardCsv } from '../intake/csv-import';
import { isPartnerBoard, PARTNER_BOARDS } from '../connectors/board-registry';
import type { CsvEncoding } from '../intake/csv-encoding';
import { createHubDb, createHubStore } from '../connectors/hub-db';

const USAGE = `usage: npm run import:csv -- --tenant <id> --board ${PARTNER_BOARDS.join('|')} [--encoding utf-8|gbk|gb18030|utf-16le] [--delimiter ,] [--task-queue <queue>] <file.csv>`;
const ENCODINGS = ['utf-8', 'gbk', 'gb18030', 'utf-16le', 'utf-16be'];

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      tenant: { type: 'string' },
      board: { type: 'string' },
      encoding: { type: 'string' },
      delimiter: { type: 'string' },
      'task-queue': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const problems: string[] = [];
  if (!values.tenant) problems.push('--tenant is required');
  if (!values.board || !isPartnerBoard(values.board)) problems.push(`--board must be one of ${PARTNER_BOARDS.join(', ')}`);
  if (values.encoding && !ENCODINGS.includes(values.encoding)) problems.push(`--encoding must be one of ${ENCODINGS.join(', ')}`);
  if (positionals.length !== 1) problems.push('give exactly one CSV file');
  if (problems.length > 0) {
    console.error(`${problems.join('\n')}\n${USAGE}`);
    return 2;
  }
  const env = loadEnv();
  const config = loadConfig();
  const tenant = findTenant(config, values.tenant!);
  if (!tenant) {
    console.error(`tenant "${values.tenant}" is not in the hub configuration`);
    return 2;
  }
  const bytes = readFileSync(positionals[0]!);
  const logger = createLogger('import-csv', env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL);
  const db = await createHubDb({ databaseUrl: env.DATABASE_URL });
  const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
  const bar = new SingleBar({ stream: process.stderr, format: 'importing [{bar}] {value}/{total} rows', hideCursor: true }, Presets.shades_classic);
  try {
    const client = new Client({ connection, namespace: env.TEMPORAL_NAMESPACE });
    const store = createHubStore(db, { dataCipher: DataCipher.fromConfig(config) });
    let started = false;
    const summary = await importBoardCsv(
      { client, store, logger, taskQueue: values['task-queue'] ?? TASK_QUEUE, temporalTimeoutMs: 10_000 },
      {
        tenant,
        board: values.board as (typeof PARTNER_BOARDS)[number],
        bytes,
        ...(values.encoding ? { encoding: values.encoding as CsvEncoding | 'gbk' } : {}),
        ...(values.delimiter ? { delimiter: values.delimiter } : {}),
        onProgress: (done, total) => {
          if (!started) bar.start(total, 0);
          started = true;
          bar.update(done);
        },
      },
    );
    bar.stop();
    console.log(`file read as ${summary.encoding}: ${summary.rows} rows`);
    console.log(`imported: ${summary.imported}  duplicate: ${summary.duplicate}  quarantined: ${summary.quarantined}  failed: ${summary.failed}`);
    for (const q of summary.quarantinedRows) console.log(`  row ${q.row}: quarantined as ${q.id} (${q.reason}); see GET /api/v1/quarantine/${q.id}`);
    if (summary.failed > 0) console.log('Temporal did not accept some rows; they are kept in the quarantine (WorkflowStartFailed). Run the import again.');
    return summary.failed > 0 ? 1 : 0;
  } catch (err) {
    bar.stop();
    if (err instanceof HubError) {
      console.error(`${err.code}: ${err.message}`);
      return 2;
    }
    throw err;
  } finally {
    await connection.close();
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
