// Small helpers the hub-db repositories share: dialect detection, the portable "insert if absent",
// UTC time normalisation, input checks and JSON-as-text columns.
import type { Knex } from 'knex';
import { invalidError } from '../../common/errors';

export type HubDialect = 'sqlite' | 'postgres' | 'mysql';

/** Which of the three supported dialects a knex instance talks to. */
export function dialectOf(knex: Knex): HubDialect {
  const dialect = knex.client.dialect;
  if (dialect === 'sqlite3' || dialect === 'better-sqlite3') return 'sqlite';
  if (dialect === 'postgresql' || dialect === 'postgres') return 'postgres';
  if (dialect === 'mysql' || dialect === 'mysql2') return 'mysql';
  throw new Error(`hub-db: unsupported knex dialect ${String(dialect)}`);
}

/** Repositories take a clock so tests can pin "now"; production uses the system clock. */
export interface RepoOptions {
  now?: () => Date;
}

/**
 * Inserts `row` unless a row with the same values in `conflictColumns` (a unique key) exists, and
 * tells whether this call inserted it. Exactly one of several concurrent callers gets `true`.
 *
 * PostgreSQL and SQLite use `ON CONFLICT … DO NOTHING RETURNING`, which returns a row only when one
 * was inserted. MySQL/MariaDB have no RETURNING, and `INSERT IGNORE` would also turn unrelated
 * errors (data too long, NOT NULL) into silent warnings, so there a plain INSERT is tried and the
 * duplicate-key error is the "already there" answer.
 */
export async function insertIfAbsent(
  knex: Knex,
  table: string,
  row: Record<string, unknown>,
  conflictColumns: readonly string[],
): Promise<boolean> {
  if (dialectOf(knex) === 'mysql') {
    try {
      await knex(table).insert(row);
      return true;
    } catch (err) {
      if (isMysqlDuplicateKey(err)) return false;
      throw err;
    }
  }
  const returned: unknown[] = await knex(table)
    .insert(row)
    .onConflict([...conflictColumns])
    .ignore()
    .returning(conflictColumns[0]!);
  return returned.length > 0;
}

function isMysqlDuplicateKey(err: unknown): boolean {
  const e = err as { errno?: unknown; code?: unknown } | null;
  return e !== null && typeof e === 'object' && (e.errno === 1062 || e.code === 'ER_DUP_ENTRY');
}

// ISO-8601 with an explicit zone (Z or ±hh:mm): a time without a zone would be read in the
// process's local zone, which differs between machines.
const ISO_WITH_ZONE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2}))$/i;

/**
 * Normalises a timestamp to the one form the hub database stores: `YYYY-MM-DDTHH:mm:ss.sssZ` (UTC,
 * fixed width). Stored as text, so all three dialects hold the same bytes, no driver or session
 * time zone can shift it, and text order equals time order (keyset pagination relies on that).
 */
export function toUtcIso(value: string, field: string): string {
  const bad = () =>
    invalidError('BadTimestamp', `${field} must be an ISO-8601 time with a zone, e.g. 2024-05-01T10:30:00Z`, { field });
  const m = typeof value === 'string' ? ISO_WITH_ZONE.exec(value) : null;
  if (!m) throw bad();
  const [year, month, day, hour, minute, second, offH, offM] = m.slice(1).map((part) => Number(part ?? 0));
  // Date.parse rolls 2024-02-30 over into March; a calendar check keeps such input an error.
  const daysInMonth = new Date(Date.UTC(year!, month!, 0)).getUTCDate();
  if (month! < 1 || month! > 12 || day! < 1 || day! > daysInMonth || hour! > 23 || minute! > 59 || second! > 59 || offH! > 23 || offM! > 59) {
    throw bad();
  }
  const date = new Date(value);
  // Years outside 0001–9999 (after shifting to UTC) would change the width of the text and break its ordering.
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1 || date.getUTCFullYear() > 9999) throw bad();
  return date.toISOString();
}

export function toUtcIsoOrNull(value: string | null | undefined, field: string): string | null {
  return value === null || value === undefined ? null : toUtcIso(value, field);
}

/**
 * Checks a key-like string before it reaches the database. The limits mirror the column widths in
 * migrations/; checking here gives the same `invalid` error on every dialect (SQLite would store an
 * over-long value, PostgreSQL and MySQL would fail with a driver error).
 */
export function requireText(value: unknown, field: string, maxLength: number): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > maxLength) {
    throw invalidError('BadField', `${field} must be a non-empty string of at most ${maxLength} characters`, { field });
  }
  return value;
}

export function optionalText(value: unknown, field: string, maxLength: number): string | null {
  return value === null || value === undefined ? null : requireText(value, field, maxLength);
}

/** Column widths (characters), as created by the migrations. */
export const MAX = {
  tenantId: 64,
  board: 32,
  applicationId: 128,
  jobCode: 64,
  workflowId: 255,
  stage: 32,
  outcome: 32,
  key: 255,
  type: 64,
  actor: 255,
  channel: 32,
  audience: 16,
  recipient: 255,
  template: 128,
  destinationId: 64,
  externalId: 128,
  event: 64,
} as const;

/** JSON columns are plain text so the same migration works on all three dialects. */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value ?? null);
}

export function fromJsonText<T>(text: unknown): T {
  return JSON.parse(String(text)) as T;
}

/** PostgreSQL returns bigint as a string, SQLite and MySQL as a number: ids leave as strings. */
export function idToString(value: unknown): string {
  return String(value);
}

/** Checks a `limit` argument; callers page with it, so an out-of-range value is a caller bug. */
export function requireLimit(limit: unknown, max: number): number {
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > max) {
    throw invalidError('BadLimit', `limit must be an integer from 1 to ${max}`, { limit });
  }
  return limit;
}
