// The SQL staging-table connector against real databases: SQLite always, PostgreSQL and MariaDB
// when reachable, SQL Server when HUB_TEST_MSSQL_URL points at one (docker compose --profile mssql);
// otherwise those blocks are skipped and say why. The MERGE statement of the mssql dialect is
// checked as SQL text and bindings everywhere.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knex, { type Knex } from 'knex';
import { ConfigFileError, parseConfig } from '../common/config';
import type { ErpSqlDestinationConfig } from '../common/config-schema';
import { ErrorKind, HubError } from '../common/errors';
import { createLogger } from '../common/logger';
import type { DestinationWrite } from '../connectors/destination-writer';
import { ErpSqlWriter } from '../connectors/erp-sql/erp-sql-writer';
import { classifySqlError, isRetryableConflict } from '../connectors/erp-sql/sql-errors';
import { mssqlConnection } from '../connectors/erp-sql/sql-connection';
import { upsertStatement } from '../connectors/erp-sql/upsert-statement';
import { probeDatabase } from './support/database-probe';
import { devConfigDocument } from './support/hub-harness';

const PG_URL = process.env.HUB_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const MYSQL_URL = process.env.HUB_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
// e.g. mssql://sa:<MSSQL_SA_PASSWORD>@127.0.0.1:1433/master?encrypt=false&trustServerCertificate=true
const MSSQL_URL = process.env.HUB_TEST_MSSQL_URL;

const logger = createLogger('test', 'silent');
const tableName = () => `hb_staging_${randomBytes(5).toString('hex')}`;

/** A destination as the config loader would produce it (defaults applied), for one dialect. */
function destination(overrides: Partial<ErpSqlDestinationConfig> & Pick<ErpSqlDestinationConfig, 'dialect' | 'connection' | 'table'>): ErpSqlDestinationConfig {
  const doc = devConfigDocument();
  doc.tenants[0].destinations = [
    { id: 'staging', type: 'erp-sql', events: ['review_passed', 'onboarded'], fields: { full_name: 'candidate.name', job_code: 'jobCode', hourly_wage: 'job.hourlyWage' }, eventColumn: 'last_event', updatedAtColumn: 'updated_at', ...overrides },
  ];
  for (const job of doc.tenants[0].jobs) job.destinations = [];
  const parsed = parseConfig(doc, {});
  return parsed.tenants[0]!.destinations[0] as ErpSqlDestinationConfig;
}

function write(externalId: string, payload: Record<string, unknown>, event = 'review_passed'): DestinationWrite {
  return { tenantId: 'demo', destinationId: 'staging', externalId, event, idempotencyKey: `candidate:demo:doumi:${externalId}:staging:${event}`, payload };
}

async function createStaging(db: Knex, table: string, notNullWage = false): Promise<void> {
  await db.schema.createTable(table, (t) => {
    t.string('external_id', 191).primary();
    t.string('full_name', 200);
    t.string('job_code', 64);
    if (notNullWage) t.decimal('hourly_wage', 8, 2).notNullable();
    else t.decimal('hourly_wage', 8, 2);
    t.string('last_event', 32);
    t.string('updated_at', 40);
  });
}

interface Dialect {
  name: ErpSqlDestinationConfig['dialect'];
  skipReason: string | null;
  setup(): Promise<{ connection: string; admin: Knex; teardown(): Promise<void> }>;
}

const dialects: Dialect[] = [
  {
    name: 'sqlite',
    skipReason: null,
    setup: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'erp-sql-'));
      const file = join(dir, 'erp.sqlite');
      const admin = knex({ client: 'better-sqlite3', connection: { filename: file }, useNullAsDefault: true });
      return { connection: file, admin, teardown: async () => { await admin.destroy(); rmSync(dir, { recursive: true, force: true }); } };
    },
  },
  {
    name: 'pg',
    skipReason: probeDatabase('postgres', PG_URL),
    setup: async () => {
      const admin = knex({ client: 'pg', connection: { connectionString: PG_URL }, pool: { min: 0, max: 2 } });
      return { connection: PG_URL, admin, teardown: () => admin.destroy() };
    },
  },
  {
    name: 'mysql',
    skipReason: probeDatabase('mysql', MYSQL_URL),
    setup: async () => {
      const admin = knex({ client: 'mysql2', connection: { uri: MYSQL_URL, charset: 'utf8mb4' } as Knex.MySql2ConnectionConfig, pool: { min: 0, max: 2 } });
      return { connection: MYSQL_URL, admin, teardown: () => admin.destroy() };
    },
  },
  {
    name: 'mssql',
    skipReason: MSSQL_URL ? probeDatabase('mssql', MSSQL_URL) : 'HUB_TEST_MSSQL_URL is not set (start SQL Server with `docker compose --profile mssql up -d mssql`)',
    setup: async () => {
      const admin = knex({ client: 'mssql', connection: mssqlConnection(MSSQL_URL!, 15_000), pool: { min: 0, max: 2 } });
      return { connection: MSSQL_URL!, admin, teardown: () => admin.destroy() };
    },
  },
];

for (const d of dialects) {
  const run = d.skipReason ? describe.skip : describe;
  if (d.skipReason) console.warn(`[erp-sql] ${d.name} cases skipped: ${d.skipReason}`);
  run(`erp-sql on ${d.name}${d.skipReason ? ` (skipped: ${d.skipReason})` : ''}`, () => {
    let ctx: Awaited<ReturnType<Dialect['setup']>>;
    const tables: string[] = [];
    const writers: ErpSqlWriter[] = [];
    const writer = (config: ErpSqlDestinationConfig) => {
      const w = new ErpSqlWriter(config, logger);
      writers.push(w);
      return w;
    };
    const fresh = async (notNullWage = false) => {
      const table = tableName();
      tables.push(table);
      await createStaging(ctx.admin, table, notNullWage);
      return table;
    };

    beforeAll(async () => {
      ctx = await d.setup();
    });
    afterAll(async () => {
      await Promise.all(writers.map((w) => w.close()));
      for (const table of tables) await ctx.admin.schema.dropTableIfExists(table);
      await ctx.teardown();
    });

    test('create, then update by the external ID: one row; values are bound, never spliced', async () => {
      const table = await fresh();
      const w = writer(destination({ dialect: d.name, connection: ctx.connection, table }));
      const tricky = `O'Brien"; drop table ${table}; --`;
      expect(await w.write(write('HB-demo-doumi-1', { full_name: tricky, job_code: 'RX-1', hourly_wage: 25 }))).toEqual({ created: true });
      expect(await w.write(write('HB-demo-doumi-1', { full_name: '王小明', job_code: 'RX-1', hourly_wage: 26.5 }, 'onboarded'))).toEqual({ created: false });
      expect(await w.write(write('HB-demo-doumi-2', { full_name: tricky, job_code: 'RX-2', hourly_wage: 30 }))).toEqual({ created: true });
      const rows = await ctx.admin(table).select('*').orderBy('external_id');
      expect(rows.map((r) => [r.external_id, r.full_name, Number(r.hourly_wage), r.last_event])).toEqual([
        ['HB-demo-doumi-1', '王小明', 26.5, 'onboarded'],
        ['HB-demo-doumi-2', tricky, 30, 'review_passed'],
      ]);
      expect(rows[0].updated_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    });

    test('five concurrent retries of one write (five workers, five pools) leave one row', async () => {
      const table = await fresh();
      const config = destination({ dialect: d.name, connection: ctx.connection, table });
      const five = Array.from({ length: 5 }, () => writer(config));
      const results = await Promise.all(five.map((w) => w.write(write('HB-demo-doumi-77', { full_name: '李四', job_code: 'RX-1', hourly_wage: 25 }))));
      const rows = await ctx.admin(table).where('external_id', 'HB-demo-doumi-77');
      expect(rows).toHaveLength(1);
      // Every attempt succeeded; at most one reports that it inserted (SQLite cannot always tell).
      expect(results.filter((r) => r.created).length).toBeLessThanOrEqual(d.name === 'sqlite' ? 5 : 1);
    });

    test('a value the table refuses is `invalid` (a person fixes it); a missing table is `config`', async () => {
      const table = await fresh(true);
      const w = writer(destination({ dialect: d.name, connection: ctx.connection, table }));
      const refused = await w.write(write('HB-demo-doumi-3', { full_name: '张三', job_code: 'RX-1', hourly_wage: null })).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(HubError);
      expect(refused).toMatchObject({ kind: ErrorKind.INVALID, code: 'DestinationValidation' });
      expect((refused as Error).message).not.toContain('张三');
      const missing = writer(destination({ dialect: d.name, connection: ctx.connection, table: `${table}_nope` }));
      await expect(missing.write(write('HB-demo-doumi-3', { full_name: '张三' }))).rejects.toMatchObject({ kind: ErrorKind.CONFIG, code: 'DestinationMisconfigured' });
    });

    test('createTable (dev convenience) makes a staging table keyed by the external ID', async () => {
      const table = tableName();
      tables.push(table);
      const w = writer(destination({ dialect: d.name, connection: ctx.connection, table, createTable: true }));
      await w.write(write('HB-demo-doumi-9', { full_name: 'x', job_code: 'RX-9', hourly_wage: 20 }));
      await w.write(write('HB-demo-doumi-9', { full_name: 'y', job_code: 'RX-9', hourly_wage: 21 }, 'onboarded'));
      expect(await ctx.admin(table).select('external_id', 'full_name', 'last_event')).toEqual([{ external_id: 'HB-demo-doumi-9', full_name: 'y', last_event: 'onboarded' }]);
    });
  });
}

describe('erp-sql statements and error classes (no server needed)', () => {
  test('SQL Server: MERGE WITH (HOLDLOCK), bracket-quoted names, every value a parameter', () => {
    const mssql = knex({ client: 'mssql' });
    const raw = upsertStatement(mssql, 'mssql', { table: 'dbo.hb_staging', keyColumn: 'external_id', row: { external_id: 'HB-1', full_name: "O'Brien", hourly_wage: 25, extra: { a: 1 } } });
    const native = raw.toSQL().toNative();
    expect(native.sql).toBe(
      'merge into [dbo].[hb_staging] with (holdlock) as t using (values (@p0, @p1, @p2, @p3)) as s ([external_id], [full_name], [hourly_wage], [extra]) ' +
        'on t.[external_id] = s.[external_id] when matched then update set t.[full_name] = s.[full_name], t.[hourly_wage] = s.[hourly_wage], t.[extra] = s.[extra] ' +
        'when not matched then insert ([external_id], [full_name], [hourly_wage], [extra]) values (s.[external_id], s.[full_name], s.[hourly_wage], s.[extra]) output $action as merge_action;',
    );
    expect(native.bindings).toEqual(['HB-1', "O'Brien", 25, '{"a":1}']);
    void mssql.destroy();
  });

  test('PostgreSQL ON CONFLICT and MySQL ON DUPLICATE KEY UPDATE', () => {
    const pg = knex({ client: 'pg' });
    expect(upsertStatement(pg, 'pg', { table: 't', keyColumn: 'k', row: { k: 'a', v: 1 } }).toSQL().toNative()).toEqual({
      sql: 'insert into "t" ("k", "v") values ($1, $2) on conflict ("k") do update set "v" = excluded."v" returning (xmax = 0) as inserted',
      bindings: ['a', 1],
    });
    const my = knex({ client: 'mysql2' });
    expect(upsertStatement(my, 'mysql', { table: 't', keyColumn: 'k', row: { k: 'a', v: 1 } }).toSQL().toNative().sql).toBe(
      'insert into `t` (`k`, `v`) values (?, ?) on duplicate key update `v` = values(`v`)',
    );
    void pg.destroy();
    void my.destroy();
  });

  test('names that are not plain identifiers are refused by config and by the statement builder', () => {
    expect(() => destination({ dialect: 'sqlite', connection: 'x.sqlite', table: 'staging; drop table x' })).toThrow(/table name/);
    const doc = devConfigDocument();
    doc.tenants[0].destinations.push({ id: 'bad', type: 'erp-sql', dialect: 'pg', connection: 'postgres://x/y', table: 'ok', events: ['onboarded'], fields: { 'name) values (1); --': 'candidate.name' } });
    const problems = (() => {
      try {
        parseConfig(doc, {});
        return [];
      } catch (err) {
        return (err as ConfigFileError).problems;
      }
    })();
    const last = doc.tenants[0].destinations.length - 1;
    expect(problems).toEqual([`tenants[0].destinations[${last}].fields.name) values (1); --: column names must be SQL identifiers (letters, digits and _)`]);
    const pg = knex({ client: 'pg' });
    expect(() => upsertStatement(pg, 'pg', { table: 't', keyColumn: 'k', row: { k: 'a', 'v"x': 1 } })).toThrow(/not a plain column name/);
    void pg.destroy();
  });

  test('deadlocks and serialization failures are retried; each driver reports them its own way', () => {
    expect(isRetryableConflict('pg', { code: '40P01' })).toBe(true);
    expect(isRetryableConflict('pg', { code: '40001' })).toBe(true);
    expect(isRetryableConflict('pg', { code: '23505' })).toBe(false);
    expect(isRetryableConflict('mysql', { errno: 1213, code: 'ER_LOCK_DEADLOCK' })).toBe(true);
    expect(isRetryableConflict('mysql', { errno: 1205, code: 'ER_LOCK_WAIT_TIMEOUT' })).toBe(true);
    expect(isRetryableConflict('mssql', { number: 1205 })).toBe(true);
    expect(isRetryableConflict('mssql', { originalError: { info: { number: 1205 } } })).toBe(true);
    expect(classifySqlError('pg', 'staging', { code: '40P01', message: 'deadlock detected' })).toMatchObject({ kind: ErrorKind.TRANSIENT, code: 'DestinationConflict' });
    expect(classifySqlError('mssql', 'staging', { code: 'ELOGIN', message: 'Login failed for user' })).toMatchObject({ kind: ErrorKind.CONFIG });
    expect(classifySqlError('mysql', 'staging', { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' })).toMatchObject({ kind: ErrorKind.TRANSIENT, code: 'DestinationUnavailable' });
  });

  test('a mssql:// URL becomes tedious options (encryption on unless turned off)', () => {
    expect(mssqlConnection('mssql://sa:p%40ss@db:1433/erp?trustServerCertificate=true', 5000)).toMatchObject({
      server: 'db', port: 1433, user: 'sa', password: 'p@ss', database: 'erp', options: { encrypt: true, trustServerCertificate: true },
    });
  });
});
