// Writes one event for one person into an ERP staging table the ERP imports from: one upsert
// keyed by the hub's external ID, in a transaction, with deadlocks and serialization failures
// retried in place (then by Temporal). Names come from validated config; every value is bound.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import type { Knex } from 'knex';
import type { ErpSqlDestinationConfig } from '../../common/config-schema';
import type { Logger } from '../../common/logger';
import type { DestinationWrite, DestinationWriter } from '../destination-writer';
import { openErpPool } from './sql-connection';
import { classifySqlError, isRetryableConflict } from './sql-errors';
import { insertedFromResult, upsertStatement, type SqlDialect } from './upsert-statement';

/** In-place attempts for a deadlock victim before the failure goes back to Temporal's retry policy. */
const CONFLICT_ATTEMPTS = 4;

export class ErpSqlWriter implements DestinationWriter {
  private pool: Knex | undefined;
  private tableReady: Promise<void> | undefined;

  constructor(
    private readonly config: ErpSqlDestinationConfig,
    private readonly logger: Logger,
  ) {}

  get dialect(): SqlDialect {
    return this.config.dialect;
  }

  private knex(): Knex {
    if (!this.pool) {
      if (this.config.dialect === 'sqlite') mkdirSync(dirname(this.config.connection.replace(/^sqlite:(\/\/)?/, '')), { recursive: true });
      this.pool = openErpPool(this.config);
    }
    return this.pool;
  }

  /** The row written for `w`: mapped fields, the key, and the optional event and timestamp columns. */
  rowFor(w: DestinationWrite, now = new Date()): Record<string, unknown> {
    const c = this.config;
    return {
      [c.keyColumn]: w.externalId,
      ...Object.fromEntries(Object.entries(w.payload).filter(([column]) => column !== c.keyColumn)),
      ...(c.eventColumn ? { [c.eventColumn]: w.event } : {}),
      ...(c.updatedAtColumn ? { [c.updatedAtColumn]: now.toISOString() } : {}),
    };
  }

  async write(w: DestinationWrite): Promise<{ created: boolean }> {
    const knex = this.knex();
    if (this.config.createTable) {
      this.tableReady ??= this.createTable(knex).catch((err) => {
        this.tableReady = undefined;
        throw err;
      });
      await this.tableReady;
    }
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      try {
        const row = this.rowFor(w);
        const created =
          this.dialect === 'sqlite'
            ? await this.sqliteUpsert(knex, row)
            : await knex.transaction(async (trx) => {
                // knex cancels a timed-out statement on pg and MySQL; tedious has its own requestTimeout.
                const result: unknown = await upsertStatement(trx, this.dialect, { table: this.config.table, keyColumn: this.config.keyColumn, row }).timeout(this.config.timeout, { cancel: this.dialect !== 'mssql' });
                return insertedFromResult(this.dialect, result) ?? false;
              });
        this.logger.info({ destination: this.config.id, table: this.config.table, externalId: w.externalId, idempotencyKey: w.idempotencyKey, created, attempt, ms: Date.now() - started }, 'staging row upserted');
        return { created };
      } catch (err) {
        if (attempt < CONFLICT_ATTEMPTS && isRetryableConflict(this.dialect, err)) {
          // Jittered, growing pause so two deadlocked writers do not meet again at once.
          await new Promise((r) => setTimeout(r, 20 * 2 ** attempt + Math.random() * 50));
          continue;
        }
        const failure = classifySqlError(this.dialect, this.config.id, err);
        this.logger.warn({ destination: this.config.id, table: this.config.table, externalId: w.externalId, idempotencyKey: w.idempotencyKey, attempt, error: failure.code, sqlCode: failure.details?.sqlCode }, 'staging row upsert failed');
        throw failure;
      }
    }
  }

  /**
   * SQLite: BEGIN IMMEDIATE takes the write lock up front (waiting out other writers), so the
   * existence check and the upsert see the same state and two processes cannot deadlock on a
   * lock upgrade, which a deferred transaction would risk.
   */
  private async sqliteUpsert(knex: Knex, row: Record<string, unknown>): Promise<boolean> {
    const { sql, bindings } = upsertStatement(knex, 'sqlite', { table: this.config.table, keyColumn: this.config.keyColumn, row }).toSQL().toNative();
    const probe = knex(this.config.table).where(this.config.keyColumn, row[this.config.keyColumn] as string).first(this.config.keyColumn).toSQL().toNative();
    const db = (await knex.client.acquireConnection()) as BetterSqlite3.Database;
    try {
      return db.transaction(() => {
        const existed = db.prepare(probe.sql).get(...probe.bindings) !== undefined;
        db.prepare(sql).run(...bindings);
        return !existed;
      }).immediate();
    } finally {
      await knex.client.releaseConnection(db);
    }
  }

  /** Development convenience (`createTable: true`): a staging table of text columns keyed by the external ID. */
  private async createTable(knex: Knex): Promise<void> {
    const c = this.config;
    if (await knex.schema.hasTable(c.table)) return;
    const columns = Object.keys(c.fields).filter((column) => column !== c.keyColumn);
    try {
      await knex.schema.createTable(c.table, (t) => {
        // 191 characters: the longest key an utf8mb4 unique index allows on older MySQL/MariaDB.
        t.string(c.keyColumn, 191).primary();
        for (const column of columns) t.text(column);
        if (c.eventColumn) t.string(c.eventColumn, 32);
        if (c.updatedAtColumn) t.string(c.updatedAtColumn, 40);
      });
    } catch (err) {
      // Another worker created it first.
      if (!(await knex.schema.hasTable(c.table))) throw err;
    }
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    this.tableReady = undefined;
    await pool?.destroy();
  }
}
