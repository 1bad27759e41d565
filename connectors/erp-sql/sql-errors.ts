// What a database error means for a staging-table write: a deadlock or serialization failure is
// worth an immediate retry, a refused value is the data's fault (a person fixes it), a missing
// table or bad login is configuration, and anything network-like is transient.
import { configError, invalidError, transientError, type HubError } from '../../common/errors';
import type { SqlDialect } from './upsert-statement';

interface DriverError {
  code?: string | number;
  sqlMessage?: string;
  errno?: number;
  number?: number;
  message?: string;
  originalError?: { info?: { number?: number; message?: string } };
}

const PG_RETRY = new Set(['40001', '40P01']);
const MYSQL_RETRY = new Set([1213, 1205]);
const MSSQL_RETRY = new Set([1205]);

function fields(err: unknown): DriverError {
  return (err && typeof err === 'object' ? err : {}) as DriverError;
}

function mssqlNumber(e: DriverError): number | undefined {
  return e.number ?? e.originalError?.info?.number;
}

/** Deadlock victim or serialization failure: the same transaction, run again, normally succeeds. */
export function isRetryableConflict(dialect: SqlDialect, err: unknown): boolean {
  const e = fields(err);
  switch (dialect) {
    case 'pg':
      return typeof e.code === 'string' && PG_RETRY.has(e.code);
    case 'mysql':
      return typeof e.errno === 'number' && MYSQL_RETRY.has(e.errno);
    case 'mssql':
      return MSSQL_RETRY.has(mssqlNumber(e) ?? -1);
    case 'sqlite':
      return e.code === 'SQLITE_BUSY' || e.code === 'SQLITE_LOCKED';
  }
}

const NETWORK = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENOTFOUND|EAI_AGAIN|ESOCKET|ETIMEOUT|PROTOCOL_CONNECTION_LOST)$/;

/**
 * The driver's own message, which names the column and constraint. knex prefixes messages with the
 * statement and its values interpolated (names, phone numbers): that part must never be shown.
 */
function driverMessage(e: DriverError): string {
  const own = e.sqlMessage ?? e.originalError?.info?.message;
  if (own) return own;
  const message = (e.message ?? 'unknown database error').split('\n')[0]!;
  const cut = message.lastIndexOf(' - ');
  return cut >= 0 ? message.slice(cut + 3) : message;
}

/** The hub's error kind for a failed write (after in-place conflict retries ran out). */
export function classifySqlError(dialect: SqlDialect, destinationId: string, err: unknown): HubError {
  const e = fields(err);
  const code = String(e.code ?? '');
  const number = dialect === 'mssql' ? mssqlNumber(e) : e.errno;
  const detail = driverMessage(e).slice(0, 300);
  const what = `destination "${destinationId}"`;
  if (isRetryableConflict(dialect, err)) return transientError('DestinationConflict', `${what}: deadlock or serialization failure (${code || number})`, { sqlCode: code || number });
  if (NETWORK.test(code) || /Knex: Timeout acquiring a connection/.test(detail) || e.message?.includes('Defined query timeout')) {
    return transientError('DestinationUnavailable', `${what}: database unreachable or too slow (${code || 'timeout'})`, { sqlCode: code });
  }
  const refused =
    (dialect === 'pg' && /^(22|23)/.test(code)) ||
    (dialect === 'mysql' && [1048, 1264, 1265, 1292, 1366, 1406, 1452, 3819, 4025].includes(number ?? -1)) ||
    (dialect === 'mssql' && [515, 547, 2627, 2628, 8114, 8152].includes(number ?? -1)) ||
    (dialect === 'sqlite' && code.startsWith('SQLITE_CONSTRAINT'));
  if (refused) return invalidError('DestinationValidation', `${what} rejected the record: ${detail}`, { sqlCode: code || number });
  const misconfigured =
    (dialect === 'pg' && /^(42|28|3D|3F)/.test(code)) ||
    (dialect === 'mysql' && [1044, 1045, 1049, 1054, 1146].includes(number ?? -1)) ||
    (dialect === 'mssql' && (code === 'ELOGIN' || [207, 208, 229, 4060].includes(number ?? -1))) ||
    (dialect === 'sqlite' && /no such (table|column)|has no column/.test(detail));
  if (misconfigured) return configError('DestinationMisconfigured', `${what}: ${detail}`, { sqlCode: code || number });
  return transientError('DestinationUnavailable', `${what}: ${detail}`, { sqlCode: code || number });
}
