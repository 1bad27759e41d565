// The board postings and board feedback repositories (migrations 008/009) on every dialect the hub
// supports: SQLite always, PostgreSQL and MariaDB when their servers run here (else skipped, logged).
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import knex from 'knex';
import { createHubStore, type HubStore } from '../connectors/hub-db';
import { createHubDb, type CreateHubDbOptions, type HubDb } from '../connectors/hub-db/create-hub-db';

const PG_URL = process.env.HUB_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const MYSQL_URL = process.env.HUB_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';

/** Synchronous reachability probe (jest cannot await in describe); null when the server answers. */
function probe(client: 'pg' | 'mysql2', url: string): string | null {
  const script =
    client === 'pg'
      ? `const { Client } = require('pg'); const c = new Client({ connectionString: process.argv[1], connectionTimeoutMillis: 3000 });
         c.connect().then(() => c.end()).then(() => process.exit(0), (e) => { console.error(e.message); process.exit(1); });`
      : `require('mysql2/promise').createConnection({ uri: process.argv[1], connectTimeout: 3000 }).then((c) => c.end())
         .then(() => process.exit(0), (e) => { console.error(e.message); process.exit(1); });`;
  const r = spawnSync(process.execPath, ['-e', script, url], { cwd: resolve(__dirname, '..'), encoding: 'utf8', timeout: 10_000 });
  return r.status === 0 ? null : (r.stderr || 'unreachable').trim().split('\n')[0]!;
}

const serverUrl = (url: string, db: string) => Object.assign(new URL(url), { pathname: `/${db}` }).toString();

const dialects: { name: string; skip: string | null; fresh(): Promise<{ options: CreateHubDbOptions; drop(): Promise<void> }> }[] = [
  {
    name: 'sqlite',
    skip: null,
    fresh: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'board-repos-'));
      return { options: { sqliteFile: join(dir, 'hub.sqlite') }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  ...(['postgres', 'mysql'] as const).map((name) => {
    const url = name === 'postgres' ? PG_URL : MYSQL_URL;
    const client = name === 'postgres' ? 'pg' : 'mysql2';
    return {
      name,
      skip: probe(client, url),
      fresh: async () => {
        const db = `hb_${randomBytes(6).toString('hex')}`;
        const admin = knex(client === 'pg' ? { client, connection: { connectionString: url }, pool: { min: 0, max: 1 } } : { client, connection: { uri: url }, pool: { min: 0, max: 1 } });
        await admin.raw(`create database ${db}`);
        return {
          options: { databaseUrl: serverUrl(url, db) },
          drop: async () => {
            await admin.raw(client === 'pg' ? `drop database if exists ${db} with (force)` : `drop database if exists ${db}`);
            await admin.destroy();
          },
        };
      },
    };
  }),
];

for (const dialect of dialects) {
  if (dialect.skip) console.warn(`board-repos: skipping ${dialect.name}, server unavailable: ${dialect.skip}`);
  (dialect.skip ? describe.skip : describe)(`board repositories on ${dialect.name}`, () => {
    let fixture: Awaited<ReturnType<typeof dialect.fresh>>;
    let db: HubDb;
    let store: HubStore;

    beforeAll(async () => {
      fixture = await dialect.fresh();
      db = await createHubDb(fixture.options);
      store = createHubStore(db);
    });
    afterAll(async () => {
      await db?.close();
      await fixture?.drop();
    });

    it('keeps one posting per tenant, job and board; a save replaces it and keeps publishedAt', async () => {
      const first = await store.boardPostings.save({ tenantId: 't1', jobCode: 'JOB-1', board: 'doumi', boardJobId: 'DMJ1', contentHash: 'a'.repeat(64), status: 'online', validUntil: '2026-12-31T23:59:59+08:00' });
      expect(first).toMatchObject({ boardJobId: 'DMJ1', status: 'online', validUntil: '2026-12-31T15:59:59.000Z' });
      await new Promise((r) => setTimeout(r, 5));
      const second = await store.boardPostings.save({ ...first, contentHash: 'b'.repeat(64), status: 'offline' });
      expect(second).toMatchObject({ contentHash: 'b'.repeat(64), status: 'offline', publishedAt: first.publishedAt });
      expect(second.updatedAt >= first.updatedAt).toBe(true);
      await store.boardPostings.save({ ...first, board: 'jianzhimao', boardJobId: 'J1' });
      expect((await store.boardPostings.list('t1')).map((p) => p.board)).toEqual(['doumi', 'jianzhimao']);
      expect(await store.boardPostings.get('t2', 'JOB-1', 'doumi')).toBeNull();
    });

    it('counts hires from the read model', async () => {
      const row = (id: string, stage: 'ONBOARDED' | 'ONBOARDING', jobCode = 'JOB-1') => ({
        workflowId: `candidate:t1:doumi:${id}`, tenantId: 't1', board: 'doumi' as const, applicationId: id, jobCode, stage,
        outcome: null, score: null, reviewDueAt: null, onboardingDueAt: null, version: 1, createdAt: '2026-11-25T00:00:00Z', updatedAt: '2026-11-25T00:00:00Z',
      });
      await store.candidates.upsert(row('A', 'ONBOARDED'));
      await store.candidates.upsert(row('B', 'ONBOARDING'));
      await store.candidates.upsert(row('C', 'ONBOARDED', 'JOB-2'));
      expect(await store.boardPostings.countHires('t1', 'JOB-1')).toBe(1);
    });

    it('enqueues feedback once per application and progress, even concurrently, and drains it in order', async () => {
      const report = { tenantId: 't1', board: 'doumi', applicationId: 'DM1', progress: 'INTERVIEWING', stage: 'INTERVIEW_INVITED' };
      const results = await Promise.all(Array.from({ length: 5 }, () => store.boardFeedback.enqueue(report)));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      await store.boardFeedback.enqueue({ ...report, progress: 'CLOSED', stage: 'WITHDRAWN' });
      await store.boardFeedback.enqueue({ ...report, board: 'jianzhimao' });

      const pending = await store.boardFeedback.pending('t1', 'doumi', 10);
      expect(pending.map((p) => p.progress)).toEqual(['INTERVIEWING', 'CLOSED']);
      await store.boardFeedback.noteAttempt(pending[0]!.id, 'board busy');
      await store.boardFeedback.markSent(pending[0]!.id);
      await store.boardFeedback.markDone(pending[1]!.id, 'failed', 'DoumiNotFound: no such application');
      expect(await store.boardFeedback.pending('t1', 'doumi', 10)).toEqual([]);
      const rows = await store.boardFeedback.list('t1', { board: 'doumi' });
      expect(rows.map((r) => [r.progress, r.status, r.attempts, r.lastError])).toEqual([
        ['INTERVIEWING', 'sent', 2, null],
        ['CLOSED', 'failed', 1, 'DoumiNotFound: no such application'],
      ]);
      expect(rows[0]!.sentAt).toMatch(/Z$/);
    });
  });
}
