// The hub database on every dialect it supports, for the repository suites: SQLite always (a file in
// a fresh temp folder), PostgreSQL and MariaDB/MySQL when reachable (HUB_TEST_PG_URL,
// HUB_TEST_MYSQL_URL), each in a fresh, randomly named database that drop() removes again.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knex from 'knex';
import type { CreateHubDbOptions } from '../../connectors/hub-db';
import { probeDatabase } from './database-probe';

export const PG_URL = process.env.HUB_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const MYSQL_URL = process.env.HUB_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';

export interface HubDbFixture {
  options: CreateHubDbOptions;
  drop(): Promise<void>;
}

export interface HubDbDialect {
  name: 'sqlite' | 'postgres' | 'mysql';
  /** Why the server cannot be used (the suite becomes describe.skip); null when it can. */
  skip: string | null;
  fresh(): Promise<HubDbFixture>;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

function serverDb(client: 'pg' | 'mysql2', url: string, namePrefix: string): () => Promise<HubDbFixture> {
  return async () => {
    const name = `${namePrefix}${randomBytes(6).toString('hex')}`;
    const admin = knex({ client, connection: client === 'pg' ? { connectionString: url } : { uri: url }, pool: { min: 0, max: 1 } });
    // Server default charset on purpose: the migrations must set utf8mb4 themselves.
    await admin.raw(`create database ${name}`);
    return {
      options: { databaseUrl: withDatabase(url, name) },
      drop: async () => {
        await admin.raw(client === 'pg' ? `drop database if exists ${name} with (force)` : `drop database if exists ${name}`);
        await admin.destroy();
      },
    };
  };
}

/**
 * The three dialects; the servers are probed once, now (jest cannot await inside describe()).
 * `tempPrefix` names the SQLite temp folders, `databasePrefix` the server databases.
 */
export function hubDbDialects(tempPrefix: string, databasePrefix = 'hb_'): HubDbDialect[] {
  return [
    {
      name: 'sqlite',
      skip: null,
      fresh: async () => {
        const dir = mkdtempSync(join(tmpdir(), tempPrefix));
        return { options: { sqliteFile: join(dir, 'hub.sqlite') }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
      },
    },
    { name: 'postgres', skip: probeDatabase('postgres', PG_URL), fresh: serverDb('pg', PG_URL, databasePrefix) },
    { name: 'mysql', skip: probeDatabase('mysql', MYSQL_URL), fresh: serverDb('mysql2', MYSQL_URL, databasePrefix) },
  ];
}
