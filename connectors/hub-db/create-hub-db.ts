// Opens the hub database: a SQLite file by default, PostgreSQL or MySQL/MariaDB from DATABASE_URL,
// and brings its schema up to date before anything reads or writes it.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import knex, { type Knex } from 'knex';
import { configError, transientError } from '../../common/errors';
import { hubMigrationSource } from './migrations';
import type { HubDialect } from './sql-helpers';

export type { HubDialect } from './sql-helpers';

export interface HubDb {
  knex: Knex;
  dialect: HubDialect;
  close(): Promise<void>;
}

export interface CreateHubDbOptions {
  /**
   * `postgres://…`/`postgresql://…`, `mysql://…`/`mariadb://…`, or `sqlite:<path>`. Defaults to
   * `process.env.DATABASE_URL`; with neither (nor `sqliteFile`) the hub uses `<repo>/.data/hub.sqlite`.
   */
  databaseUrl?: string;
  /** A SQLite file to use when no server URL is given explicitly (tests, tools). */
  sqliteFile?: string;
}

/** The table knex records applied migrations in (plus `<name>_lock`). */
export const MIGRATIONS_TABLE = 'hub_migrations';

/** Where the hub connects, without the password, for logs and error messages. */
export interface HubDbTarget {
  dialect: HubDialect;
  config: Knex.Config;
  description: string;
}

/**
 * Decides the database from the options and the environment. Explicit options win over
 * DATABASE_URL so that a test or tool asking for a SQLite file gets one on a machine configured
 * for PostgreSQL.
 */
export function resolveHubDbTarget(options: CreateHubDbOptions = {}, env: NodeJS.ProcessEnv = process.env): HubDbTarget {
  // An empty string counts as unset, as it does for environment variables.
  const url = options.databaseUrl || (options.sqliteFile !== undefined ? undefined : env.DATABASE_URL || undefined);
  if (url === undefined) return sqliteTarget(options.sqliteFile ?? defaultSqliteFile());

  const scheme = url.slice(0, Math.max(url.indexOf(':'), 0)).toLowerCase();
  switch (scheme) {
    case 'postgres':
    case 'postgresql':
      return {
        dialect: 'postgres',
        // min 0: an idle worker or API process should not keep connections open on the server.
        config: { client: 'pg', connection: { connectionString: url }, pool: { min: 0, max: 10 } },
        description: redactUrl(url),
      };
    case 'mysql':
    case 'mariadb':
      return {
        dialect: 'mysql',
        config: {
          client: 'mysql2',
          // utf8mb4 on the connection too: names and self-introductions are Chinese text.
          connection: { uri: `mysql:${url.slice(scheme.length + 1)}`, charset: 'utf8mb4' },
          pool: { min: 0, max: 10 },
        },
        description: redactUrl(url),
      };
    case 'sqlite': {
      // sqlite:/abs/file, sqlite:///abs/file, sqlite:relative/file, sqlite::memory:, or bare `sqlite:`.
      let rest = url.slice('sqlite:'.length);
      if (rest.startsWith('//')) rest = rest.slice(2);
      return sqliteTarget(rest === '' ? options.sqliteFile ?? defaultSqliteFile() : rest);
    }
    default:
      throw configError('UnsupportedDatabaseUrl', 'DATABASE_URL must start with postgres://, postgresql://, mysql://, mariadb:// or sqlite:', {
        scheme,
      });
  }
}

function sqliteTarget(file: string): HubDbTarget {
  const memory = file === ':memory:';
  const filename = memory ? file : isAbsolute(file) ? file : resolve(process.cwd(), file);
  return {
    dialect: 'sqlite',
    config: {
      client: 'better-sqlite3',
      connection: { filename },
      // knex would otherwise warn on every insert that SQLite has no DEFAULT keyword.
      useNullAsDefault: true,
      pool: {
        // One connection (knex's SQLite default), created with the pragmas the hub relies on.
        min: 1,
        max: 1,
        afterCreate: (conn: SqliteConnection, done: (err: Error | null, conn: SqliteConnection) => void) => {
          try {
            // WAL lets the API read while a worker writes; the busy timeout makes a second process
            // (API and workers share the file in dev) wait for the write lock instead of failing.
            if (!memory) conn.pragma('journal_mode = WAL');
            conn.pragma('foreign_keys = ON');
            conn.pragma('busy_timeout = 5000');
            done(null, conn);
          } catch (err) {
            done(err as Error, conn);
          }
        },
      },
    },
    description: `sqlite:${filename}`,
  };
}

interface SqliteConnection {
  pragma(source: string): unknown;
}

/** `<repo>/.data/hub.sqlite`, found from this file whether it runs from source or from dist/. */
export function defaultSqliteFile(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return resolve(process.cwd(), '.data', 'hub.sqlite');
    dir = parent;
  }
  // Compiled code lives in <repo>/dist, which has no package.json: the walk lands on the repo.
  return join(dir, '.data', 'hub.sqlite');
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable database URL)';
  }
}

/** Opens the hub database and runs pending migrations; the caller closes it with `close()`. */
export async function createHubDb(options: CreateHubDbOptions = {}): Promise<HubDb> {
  const target = resolveHubDbTarget(options);
  if (target.dialect === 'sqlite') {
    const { filename } = target.config.connection as { filename: string };
    if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
  }
  const instance = knex(target.config);
  try {
    await runMigrations(instance);
  } catch (err) {
    await instance.destroy().catch(() => undefined);
    throw err;
  }
  return { knex: instance, dialect: target.dialect, close: () => instance.destroy() };
}

/** For readiness checks: resolves when the database answers a trivial query. */
export async function pingHubDb(db: HubDb): Promise<void> {
  await db.knex.raw('select 1');
}

/**
 * Applies pending migrations and returns their names (empty when the schema is current), so
 * running it again, or from several processes starting together, is harmless.
 */
export async function runMigrations(db: Knex): Promise<string[]> {
  const config: Knex.MigratorConfig = { migrationSource: hubMigrationSource, tableName: MIGRATIONS_TABLE };
  const dialect = db.client.dialect as string;
  if (dialect === 'postgresql' || dialect === 'mysql') {
    return withServerMigrationLock(db, dialect, async () => {
      // Holding the server-side lock, no other hub process can be migrating, so a lock row left by
      // a crashed migration (MySQL commits DDL, and with it the lock row, as it goes) is stale.
      await db.migrate.forceFreeMigrationsLock(config);
      const [, applied] = (await db.migrate.latest(config)) as [number, string[]];
      return applied;
    });
  }
  // SQLite has no server lock. knex takes its lock row inside the migration transaction, so a
  // second process waits on the file's write lock and then finds nothing left to do; only knex's
  // first-run creation of its own tables races, which prepareSqliteMigrationTables closes.
  const deadline = Date.now() + 30_000;
  for (let attempt = 1; ; attempt++) {
    try {
      prepareSqliteMigrationTables(db);
      const [, applied] = (await db.migrate.latest(config)) as [number, string[]];
      return applied;
    } catch (err) {
      // "already locked": another process is between taking and freeing the lock row;
      // "database is locked": it held the write lock for longer than the busy timeout.
      const busy = /already locked|database is locked|SQLITE_BUSY/i.test((err as Error).message ?? '');
      if (!busy) throw err;
      if (Date.now() > deadline) {
        throw transientError('MigrationLocked', `hub database migrations are locked (table ${MIGRATIONS_TABLE}_lock); if no hub process is starting, clear it with knex migrate:unlock`);
      }
      await new Promise((r) => setTimeout(r, Math.min(100 * attempt, 1000)));
    }
  }
}

/**
 * Creates knex's migration tables and lock row in one IMMEDIATE transaction on a short-lived
 * connection of its own. knex checks for them and creates them in separate statements, so two
 * processes opening a new file together could both create a table ("already exists") or both
 * insert a lock row (after which knex considers migrations locked forever). The definitions are
 * knex's own (lib/migrations/migrate/table-creator.js), so knex finds nothing to add.
 */
function prepareSqliteMigrationTables(db: Knex): void {
  const filename = (db.client.config as Knex.Config).connection as { filename?: string } | undefined;
  if (!filename?.filename || filename.filename === ':memory:') return; // one connection: no race
  const conn = new BetterSqlite3(filename.filename);
  try {
    conn.pragma('busy_timeout = 5000');
    conn
      .transaction(() => {
        conn.exec(
          `create table if not exists \`${MIGRATIONS_TABLE}\` (\`id\` integer not null primary key autoincrement, \`name\` varchar(255), \`batch\` integer, \`migration_time\` datetime);` +
            `create table if not exists \`${MIGRATIONS_TABLE}_lock\` (\`index\` integer not null primary key autoincrement, \`is_locked\` integer);` +
            `insert into \`${MIGRATIONS_TABLE}_lock\` (\`is_locked\`) select 0 where not exists (select 1 from \`${MIGRATIONS_TABLE}_lock\`);`,
        );
      })
      .immediate();
  } finally {
    conn.close();
  }
}

// Any constant works; it only has to be the same in every hub process.
const PG_MIGRATION_LOCK_KEY = 4_812_733_001;

/**
 * Serialises migrations across processes with a server lock held on one pooled connection while
 * knex migrates on others. knex's lock row alone fails with "already locked" instead of waiting,
 * and its first-run creation of the migrations tables races between processes.
 */
async function withServerMigrationLock<T>(db: Knex, dialect: 'postgresql' | 'mysql', fn: () => Promise<T>): Promise<T> {
  return db.transaction(async (trx) => {
    if (dialect === 'postgresql') {
      // Transaction-scoped: released at commit or rollback, also if this process dies.
      await trx.raw('select pg_advisory_xact_lock(?::bigint)', [PG_MIGRATION_LOCK_KEY]);
      return fn();
    }
    // MySQL named locks are server-wide, so the name carries the database; at most 64 characters.
    const name = "left(concat('hub_migrations:', database()), 64)";
    const [rows] = (await trx.raw(`select get_lock(${name}, 120) as got`)) as [Array<{ got: number | null }>];
    if (rows[0]?.got !== 1) {
      throw transientError('MigrationLocked', 'another hub process held the migration lock for 120 s');
    }
    try {
      return await fn();
    } finally {
      await trx.raw(`do release_lock(${name})`);
    }
  });
}
