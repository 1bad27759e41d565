// The assessment reports in the hub database (migration 010-assessments), on SQLite, PostgreSQL
// and MariaDB: a dialect whose server is not reachable is reported as skipped, with the reason.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import knex from 'knex';
import { HubError } from '../common/errors';
import { InterviewOutcome } from '../common/types';
import { createHubDb, createHubStore, type AssessmentInput, type CreateHubDbOptions, type HubDb, type HubStore } from '../connectors/hub-db';

const PG_URL = process.env.HUB_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const MYSQL_URL = process.env.HUB_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';

function probe(client: 'pg' | 'mysql2', url: string): string | null {
  const script = `const k = require('knex')({ client: '${client}', connection: ${client === 'pg' ? '{ connectionString: process.argv[1] }' : '{ uri: process.argv[1] }'}, acquireConnectionTimeout: 3000 });
    k.raw('select 1').then(() => k.destroy()).then(() => process.exit(0), (e) => { console.error(e.message || String(e)); process.exit(1); });`;
  const r = spawnSync(process.execPath, ['-e', script, url], { cwd: resolve(__dirname, '..'), encoding: 'utf8', timeout: 10_000 });
  return r.status === 0 ? null : (r.stderr || r.error?.message || 'unreachable').trim().split('\n')[0]!;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

type Fresh = () => Promise<{ options: CreateHubDbOptions; drop(): Promise<void> }>;
const serverDb = (client: 'pg' | 'mysql2', url: string): Fresh => async () => {
  const name = `hb_${randomBytes(6).toString('hex')}`;
  const admin = knex({ client, connection: client === 'pg' ? { connectionString: url } : { uri: url }, pool: { min: 0, max: 1 } });
  await admin.raw(`create database ${name}`);
  return {
    options: { databaseUrl: withDatabase(url, name) },
    drop: async () => {
      await admin.raw(client === 'pg' ? `drop database if exists ${name} with (force)` : `drop database if exists ${name}`);
      await admin.destroy();
    },
  };
};

const dialects: { name: string; skip: string | null; fresh: Fresh }[] = [
  {
    name: 'sqlite',
    skip: null,
    fresh: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'hub-assessments-'));
      return { options: { sqliteFile: join(dir, 'hub.sqlite') }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
    },
  },
  { name: 'postgres', skip: probe('pg', PG_URL), fresh: serverDb('pg', PG_URL) },
  { name: 'mariadb', skip: probe('mysql2', MYSQL_URL), fresh: serverDb('mysql2', MYSQL_URL) },
];

const input = (overrides: Partial<AssessmentInput> = {}): AssessmentInput => ({
  tenantId: 'acme',
  workflowId: 'candidate:acme:doumi:A-1',
  round: 1,
  jobCode: 'PROMO',
  aiScoringDeclined: false,
  outcome: InterviewOutcome.BORDERLINE,
  score: 62.5,
  scorer: 'llm',
  model: 'qwen-plus',
  rubricVersion: 'promoter-v1',
  promptVersion: 'interview-score-v1',
  report: { dimensions: [{ dimensionId: 'initiative', label: '主动性', score: 62.5, evidence: ['主动上前介绍新品😀'] }], strengths: ['热情'], weaknesses: ['例子少'], summary: '总体尚可。' },
  transcript: [{ questionId: 'initiative', question: '你会怎么主动介绍？', answer: '我会主动上前介绍新品😀', answeredAt: '2026-11-26T02:00:00.000Z', secondsTaken: 42 }],
  ...overrides,
});

for (const dialect of dialects) {
  if (dialect.skip) console.warn(`assessments: skipping ${dialect.name}, server unavailable: ${dialect.skip}`);
  (dialect.skip ? describe.skip : describe)(`assessments on ${dialect.name}`, () => {
    let db: HubDb;
    let store: HubStore;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      const fixture = await dialect.fresh();
      drop = fixture.drop;
      db = await createHubDb(fixture.options);
      store = createHubStore(db, { now: () => new Date('2026-11-26T03:00:00Z') });
    });
    afterAll(async () => {
      await db?.close();
      await drop?.();
    });

    test('a round is stored with its report, transcript and versions; Chinese and emoji intact', async () => {
      await store.assessments.save(input());
      expect(await store.assessments.get('acme', 'candidate:acme:doumi:A-1')).toEqual({ ...input(), createdAt: '2026-11-26T03:00:00.000Z' });
    });

    test('saving a round again (a retried activity) replaces it; the latest round is the default', async () => {
      await store.assessments.save(input({ outcome: InterviewOutcome.PASS, score: 80 }));
      await store.assessments.save(input({ round: 2, aiScoringDeclined: true, outcome: null, score: null, scorer: null, model: null, rubricVersion: null, promptVersion: null, report: null }));
      const rounds = await store.assessments.list('acme', 'candidate:acme:doumi:A-1');
      expect(rounds.map((r) => [r.round, r.outcome, r.score, r.aiScoringDeclined])).toEqual([
        [1, 'PASS', 80, false],
        [2, null, null, true],
      ]);
      expect((await store.assessments.get('acme', 'candidate:acme:doumi:A-1'))?.round).toBe(2);
      expect((await store.assessments.get('acme', 'candidate:acme:doumi:A-1', 1))?.outcome).toBe('PASS');
      expect(await store.assessments.get('other', 'candidate:acme:doumi:A-1')).toBeUndefined();
    });

    test('bad input is an invalid error naming the field', async () => {
      await expect(store.assessments.save(input({ round: 0 }))).rejects.toBeInstanceOf(HubError);
      await expect(store.assessments.save(input({ outcome: 'GREAT' as InterviewOutcome }))).rejects.toMatchObject({ kind: 'invalid', details: { field: 'outcome' } });
      await expect(store.assessments.save(input({ workflowId: '' }))).rejects.toMatchObject({ kind: 'invalid', details: { field: 'workflowId' } });
    });
  });
}
