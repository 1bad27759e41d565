// Is a database server reachable? Jest cannot await inside describe(), so the probe runs
// synchronously in a child process at load time; a suite (hub-db, erp-sql) turns an unreachable
// server into describe.skip and prints the reason.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const PROBES = {
  postgres: `const { Client } = require('pg');
    const c = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
    c.connect().then(() => c.query('select 1')).then(() => c.end())
      .then(() => process.exit(0), (e) => { console.error(e.message || e.code || String(e)); process.exit(1); });`,
  mysql: `const mysql = require('mysql2/promise');
    mysql.createConnection({ uri: process.argv[1], connectTimeout: 3000 })
      .then((c) => c.query('select 1').then(() => c.end()))
      .then(() => process.exit(0), (e) => { console.error(e.message || e.code || String(e)); process.exit(1); });`,
  mssql: `const sql = require('mssql');
    const u = new URL(process.argv[1]);
    sql.connect({ server: u.hostname, port: Number(u.port || 1433), user: decodeURIComponent(u.username), password: decodeURIComponent(u.password),
      database: u.pathname.slice(1) || 'master', connectionTimeout: 3000,
      options: { encrypt: u.searchParams.get('encrypt') !== 'false', trustServerCertificate: u.searchParams.get('trustServerCertificate') === 'true' } })
      .then((p) => p.request().query('select 1').then(() => p.close()))
      .then(() => process.exit(0), (e) => { console.error(e.message || e.code || String(e)); process.exit(1); });`,
};

/** null when reachable, otherwise the first line of the reason. */
export function probeDatabase(kind: keyof typeof PROBES, url: string | undefined): string | null {
  if (!url) return 'no server URL given';
  const result = spawnSync(process.execPath, ['-e', PROBES[kind], url], { cwd: resolve(__dirname, '..', '..'), encoding: 'utf8', timeout: 10_000 });
  if (result.status === 0) return null;
  return (result.stderr || result.error?.message || `exit ${String(result.status)}`).trim().split('\n')[0] ?? 'unknown';
}
