// The upsert of each SQL dialect, keyed by the hub's external ID: PostgreSQL and SQLite
// ON CONFLICT, MySQL/MariaDB ON DUPLICATE KEY UPDATE, SQL Server MERGE WITH (HOLDLOCK).
// Table and column names go through knex's identifier quoting (`??`, after config validated them
// as plain identifiers); every value is a bound parameter.
import type { Knex } from 'knex';
import { SQL_IDENTIFIER } from '../../common/config-schema';

export type SqlDialect = 'pg' | 'mysql' | 'mssql' | 'sqlite';

export interface UpsertInput {
  table: string;
  keyColumn: string;
  /** Column → value, the key column included. */
  row: Record<string, unknown>;
}

function assertIdentifiers(input: UpsertInput): void {
  const tableParts = input.table.split('.');
  if (tableParts.length > 2 || !tableParts.every((p) => SQL_IDENTIFIER.test(p))) throw new Error(`not a plain table name: ${input.table}`);
  for (const column of Object.keys(input.row)) if (!SQL_IDENTIFIER.test(column)) throw new Error(`not a plain column name: ${column}`);
  if (!(input.keyColumn in input.row)) throw new Error(`the row has no value for the key column ${input.keyColumn}`);
}

/** A value as the driver should bind it: structured values as JSON text. */
export function bindable(value: unknown): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

/**
 * The raw, bound upsert for `dialect`. Each statement also says whether the row was inserted:
 * PostgreSQL through `xmax = 0`, SQL Server through MERGE's `$action`; MySQL reports it in
 * affectedRows (1 inserted, 2 updated, 0 unchanged) and SQLite is asked beforehand.
 */
export function upsertStatement(knex: Knex, dialect: SqlDialect, input: UpsertInput): Knex.Raw {
  assertIdentifiers(input);
  const columns = Object.keys(input.row);
  const values = columns.map((c) => bindable(input.row[c]));
  const updates = columns.filter((c) => c !== input.keyColumn);
  const list = (n: number, item: string) => Array.from({ length: n }, () => item).join(', ');
  switch (dialect) {
    case 'pg':
    case 'sqlite': {
      const set = updates.map(() => '?? = excluded.??').join(', ');
      const sql =
        `insert into ?? (${list(columns.length, '??')}) values (${list(columns.length, '?')}) ` +
        `on conflict (??) do ${updates.length > 0 ? `update set ${set}` : 'nothing'}` +
        (dialect === 'pg' ? ' returning (xmax = 0) as inserted' : '');
      return knex.raw(sql, [input.table, ...columns, ...values, input.keyColumn, ...updates.flatMap((c) => [c, c])]);
    }
    case 'mysql': {
      // VALUES(col) is what MariaDB understands (MySQL 8 accepts it too, with a deprecation note).
      const set = (updates.length > 0 ? updates : [input.keyColumn]).map(() => '?? = values(??)').join(', ');
      const sql = `insert into ?? (${list(columns.length, '??')}) values (${list(columns.length, '?')}) on duplicate key update ${set}`;
      return knex.raw(sql, [input.table, ...columns, ...values, ...(updates.length > 0 ? updates : [input.keyColumn]).flatMap((c) => [c, c])]);
    }
    case 'mssql': {
      // HOLDLOCK (serializable range lock on the key) closes the gap in which two concurrent MERGEs
      // both see "not matched" and both insert.
      const set = updates.map(() => 't.?? = s.??').join(', ');
      const sql =
        `merge into ?? with (holdlock) as t ` +
        `using (values (${list(columns.length, '?')})) as s (${list(columns.length, '??')}) ` +
        `on t.?? = s.?? ` +
        (updates.length > 0 ? `when matched then update set ${set} ` : '') +
        `when not matched then insert (${list(columns.length, '??')}) values (${list(columns.length, 's.??')}) ` +
        `output $action as merge_action;`;
      return knex.raw(sql, [
        input.table,
        ...values,
        ...columns,
        input.keyColumn,
        input.keyColumn,
        ...updates.flatMap((c) => [c, c]),
        ...columns,
        ...columns,
      ]);
    }
  }
}

/** Reads "was it inserted" from the driver's answer to upsertStatement (undefined: not reported). */
export function insertedFromResult(dialect: SqlDialect, result: unknown): boolean | undefined {
  if (dialect === 'pg') {
    const rows = (result as { rows?: { inserted?: boolean }[] }).rows;
    return rows?.[0]?.inserted;
  }
  if (dialect === 'mysql') {
    const header = Array.isArray(result) ? (result[0] as { affectedRows?: number }) : undefined;
    return header?.affectedRows === undefined ? undefined : header.affectedRows === 1;
  }
  if (dialect === 'mssql') {
    const rows = result as { merge_action?: string }[];
    return Array.isArray(rows) && rows[0]?.merge_action !== undefined ? rows[0].merge_action === 'INSERT' : undefined;
  }
  return undefined;
}
