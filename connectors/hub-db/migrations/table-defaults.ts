// Table options every hub migration applies, kept in one place so each migration stays short.
import type { Knex } from 'knex';

/**
 * On MySQL/MariaDB: utf8mb4 so Chinese text and emoji fit whatever the server's default charset is,
 * and a binary collation so keys compare (and sort) exactly as on PostgreSQL and SQLite: with the
 * usual case-insensitive collation 'Key-A' and 'key-a' would collide as one idempotency key.
 * The other dialects reject these options, hence the guard.
 */
export function applyTableDefaults(knex: Knex, table: Knex.CreateTableBuilder): void {
  if (knex.client.dialect === 'mysql') {
    table.charset('utf8mb4');
    table.collate('utf8mb4_bin');
  }
}
