// A knex pool for an ERP database from a destination's `dialect` and `connection`: one pool per
// destination, opened lazily, closed by the writer cache on shutdown.
import knex, { type Knex } from 'knex';
import type { ErpSqlDestinationConfig } from '../../common/config-schema';
import { configError } from '../../common/errors';

/** `mssql://user:password@host:1433/database?encrypt=true&trustServerCertificate=true` → tedious options. */
export function mssqlConnection(url: string, timeoutMs: number): Knex.MsSqlConnectionConfig {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw configError('DestinationMisconfigured', 'erp-sql mssql connection must be a URL like mssql://user:password@host:1433/database');
  }
  const flag = (name: string, fallback: boolean) => (u.searchParams.has(name) ? u.searchParams.get(name) === 'true' : fallback);
  return {
    server: u.hostname,
    port: u.port ? Number(u.port) : 1433,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: decodeURIComponent(u.pathname.replace(/^\//, '')),
    requestTimeout: timeoutMs,
    connectionTimeout: timeoutMs,
    options: { encrypt: flag('encrypt', true), trustServerCertificate: flag('trustServerCertificate', false) },
  } as Knex.MsSqlConnectionConfig;
}

export function openErpPool(config: ErpSqlDestinationConfig): Knex {
  const pool = { min: 0, max: config.poolMax, acquireTimeoutMillis: config.timeout };
  switch (config.dialect) {
    case 'pg':
      return knex({ client: 'pg', connection: { connectionString: config.connection, connectionTimeoutMillis: config.timeout }, pool });
    case 'mysql':
      // Without FOUND_ROWS, affectedRows tells an insert (1) from an update (2) or no change (0).
      return knex({ client: 'mysql2', connection: { uri: config.connection.replace(/^mariadb:/, 'mysql:'), charset: 'utf8mb4', connectTimeout: config.timeout, flags: '-FOUND_ROWS' } as Knex.MySql2ConnectionConfig, pool });
    case 'mssql':
      return knex({ client: 'mssql', connection: mssqlConnection(config.connection, config.timeout), pool });
    case 'sqlite':
      // One connection: SQLite has a single writer, and a second connection would only meet SQLITE_BUSY.
      return knex({ client: 'better-sqlite3', connection: { filename: config.connection.replace(/^sqlite:(\/\/)?/, '') }, useNullAsDefault: true, pool: { min: 1, max: 1 } });
  }
}
