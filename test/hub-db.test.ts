// The hub database against every dialect it supports: SQLite always, PostgreSQL and MariaDB/MySQL
// when reachable (each in a fresh, randomly named database that is dropped afterwards).
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { HubError } from '../common/errors';
import { CandidateStage, type CanonicalApplication } from '../common/types';
import {
  createHubDb,
  createHubStore,
  defaultSqliteFile,
  MIGRATIONS_TABLE,
  pingHubDb,
  resolveHubDbTarget,
  runMigrations,
  type CandidateRow,
  type CreateHubDbOptions,
  type HubDb,
  type HubStore,
} from '../connectors/hub-db';
import { hubDbDialects, type HubDbFixture } from './support/hub-db-dialects';

const dialects = hubDbDialects('hub-db-');

describe('hub-db target resolution', () => {
  const env = (DATABASE_URL?: string): NodeJS.ProcessEnv => ({ DATABASE_URL });

  test('PostgreSQL and MySQL/MariaDB URLs choose their drivers; the password never reaches the description', () => {
    expect(resolveHubDbTarget({ databaseUrl: 'postgresql://hub:s3cret@db:5432/hub' }, env())).toMatchObject({
      dialect: 'postgres',
      config: { client: 'pg', connection: { connectionString: 'postgresql://hub:s3cret@db:5432/hub' } },
      description: 'postgresql://hub:***@db:5432/hub',
    });
    expect(resolveHubDbTarget({}, env('postgres://db/hub')).dialect).toBe('postgres');
    expect(resolveHubDbTarget({}, env('mariadb://root:pw@db:3306/hub'))).toMatchObject({
      dialect: 'mysql',
      config: { client: 'mysql2', connection: { uri: 'mysql://root:pw@db:3306/hub', charset: 'utf8mb4' } },
      description: 'mariadb://root:***@db:3306/hub',
    });
    expect(resolveHubDbTarget({ databaseUrl: 'mysql://db/hub' }, env('postgres://other/x')).dialect).toBe('mysql');
  });

  test('SQLite: sqlite: URLs, an explicit file, or the repo default', () => {
    const file = (t: ReturnType<typeof resolveHubDbTarget>) => (t.config.connection as { filename: string }).filename;
    expect(file(resolveHubDbTarget({}, env()))).toBe(resolve(__dirname, '..', '.data', 'hub.sqlite'));
    expect(file(resolveHubDbTarget({}, env('')))).toBe(defaultSqliteFile());
    expect(file(resolveHubDbTarget({}, env('sqlite:///var/hub/hub.db')))).toBe('/var/hub/hub.db');
    expect(file(resolveHubDbTarget({}, env('sqlite:/var/hub/hub.db')))).toBe('/var/hub/hub.db');
    expect(file(resolveHubDbTarget({}, env('sqlite:data/hub.db')))).toBe(resolve(process.cwd(), 'data/hub.db'));
    expect(file(resolveHubDbTarget({}, env('sqlite::memory:')))).toBe(':memory:');
    // An explicit file wins over a server configured in the environment.
    expect(resolveHubDbTarget({ sqliteFile: '/tmp/x.sqlite' }, env('postgres://db/hub'))).toMatchObject({ dialect: 'sqlite', description: 'sqlite:/tmp/x.sqlite' });
  });

  test('any other scheme is a configuration error', () => {
    let err: unknown;
    try {
      resolveHubDbTarget({ databaseUrl: 'mssql://db/hub' }, env());
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ kind: 'config', code: 'UnsupportedDatabaseUrl' });
  });
});

for (const dialect of dialects) {
  if (dialect.skip) console.warn(`hub-db: skipping ${dialect.name} tests, server unavailable: ${dialect.skip}`);
  const describeDialect = dialect.skip ? describe.skip : describe;
  describeDialect(`hub-db on ${dialect.name}`, () => hubDbSuite(dialect.fresh));
}

/**
 * Opens the hub database from `count` starters at once. For SQLite they are real child processes:
 * better-sqlite3 waits for a file lock synchronously, so two connections in one process would block
 * each other rather than race. The server drivers are asynchronous, so in-process starters race.
 */
async function startTogether(dialect: HubDb['dialect'], options: CreateHubDbOptions, count: number): Promise<void> {
  if (dialect !== 'sqlite') {
    const opened = await Promise.allSettled(Array.from({ length: count }, () => createHubDb(options)));
    await Promise.all(opened.map((r) => (r.status === 'fulfilled' ? r.value.close() : undefined)));
    expect(opened.filter((r) => r.status === 'rejected')).toEqual([]);
    return;
  }
  const repo = resolve(__dirname, '..');
  const script = `require('./connectors/hub-db/create-hub-db').createHubDb(JSON.parse(process.argv[1]))
    .then((db) => db.close()).then(() => process.exit(0), (e) => { console.error(e.message); process.exit(1); })`;
  const results = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<{ code: number | null; stderr: string }>((done) => {
          const child = spawn(join(repo, 'node_modules', '.bin', 'tsx'), ['-e', script, JSON.stringify(options)], { cwd: repo });
          let stderr = '';
          child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
          child.on('close', (code) => done({ code, stderr }));
        }),
    ),
  );
  expect(results).toEqual(Array.from({ length: count }, () => ({ code: 0, stderr: '' })));
}

const times = <T>(n: number, fn: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => fn(i)));

async function expectHubError(promise: Promise<unknown>, kind: string, code: string): Promise<void> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(HubError);
  expect(err).toMatchObject({ kind, code });
}

function application(overrides: Partial<CanonicalApplication> = {}, name = '张三'): CanonicalApplication {
  return {
    tenantId: 'acme',
    board: 'doumi',
    applicationId: 'app-1',
    jobCode: 'cashier',
    appliedAt: '2024-05-01T18:30:00+08:00',
    candidate: {
      name,
      phoneE164: '+8613800000000',
      gender: 'FEMALE',
      birthYear: 2001,
      city: '上海',
      isStudent: true,
      hasHealthCertificate: null,
      availability: [{ weekday: 6, from: '09:00', to: '18:00' }],
      availabilityText: '周末全天 🙂',
      expectedHourlyWage: 25.5,
      selfIntroduction: null,
    },
    ...overrides,
  };
}

function candidateRow(overrides: Partial<CandidateRow> = {}): CandidateRow {
  return {
    workflowId: 'candidate:acme:doumi:app-1',
    tenantId: 'acme',
    board: 'doumi',
    applicationId: 'app-1',
    jobCode: 'cashier',
    stage: CandidateStage.INGESTED,
    outcome: null,
    score: null,
    reviewDueAt: null,
    onboardingDueAt: null,
    deadlineProvisional: false,
    version: 1,
    createdAt: '2024-05-01T10:00:00.000Z',
    updatedAt: '2024-05-01T10:00:00.000Z',
    ...overrides,
  };
}

function hubDbSuite(fresh: () => Promise<HubDbFixture>): void {
  let fixture: HubDbFixture;
  let db: HubDb;
  let store: HubStore;

  beforeAll(async () => {
    fixture = await fresh();
    db = await createHubDb(fixture.options);
    store = createHubStore(db);
  });

  afterAll(async () => {
    await db?.close();
    await fixture?.drop();
  });

  describe('migrations', () => {
    test('apply once; running them again changes nothing', async () => {
      const countApplied = async () => Number(((await db.knex(MIGRATIONS_TABLE).count({ n: '*' })) as Array<{ n: number | string }>)[0]!.n);
      const before = await countApplied();
      expect(before).toBeGreaterThanOrEqual(5);
      expect(await runMigrations(db.knex)).toEqual([]);
      expect(await runMigrations(db.knex)).toEqual([]);
      const again = await createHubDb(fixture.options);
      await expect(pingHubDb(again)).resolves.toBeUndefined();
      await again.close();
      expect(await countApplied()).toBe(before);
    });

    test('several processes starting together on an empty database migrate it once', async () => {
      const other = await fresh();
      try {
        await startTogether(db.dialect, other.options, 3);
        const check = await createHubDb(other.options);
        try {
          const names = ((await check.knex(MIGRATIONS_TABLE).select('name')) as Array<{ name: string }>).map((r) => r.name);
          expect(names.length).toBeGreaterThanOrEqual(5);
          expect(new Set(names).size).toBe(names.length);
          expect(await check.knex(`${MIGRATIONS_TABLE}_lock`).select('is_locked')).toEqual([{ is_locked: 0 }]);
          expect(await runMigrations(check.knex)).toEqual([]);
        } finally {
          await check.close();
        }
      } finally {
        await other.drop();
      }
    });
  });

  describe('applications', () => {
    test('first upsert creates, redelivery updates the candidate but keeps appliedAt and jobCode', async () => {
      const ref = { tenantId: 't-apps', board: 'doumi', applicationId: 'a-1' } as const;
      expect(await store.applications.upsert(application(ref))).toEqual({ created: true });
      const first = await store.applications.get(ref);
      expect(first?.candidate.name).toBe('张三');
      expect(first?.candidate.availabilityText).toBe('周末全天 🙂');
      expect(first?.candidate.availability).toEqual([{ weekday: 6, from: '09:00', to: '18:00' }]);

      const redelivered = application({ ...ref, appliedAt: '2024-06-01T00:00:00Z', jobCode: 'other-job' }, '张三丰');
      expect(await store.applications.upsert(redelivered)).toEqual({ created: false });
      const second = await store.applications.get(ref);
      expect(second?.candidate.name).toBe('张三丰');
      expect(second?.appliedAt).toBe('2024-05-01T10:30:00.000Z');
      expect(second?.jobCode).toBe('cashier');
    });

    test('five concurrent upserts of a new application report created exactly once', async () => {
      const ref = { tenantId: 't-apps', board: 'jianzhimao', applicationId: 'race-1' } as const;
      const results = await times(5, (i) => store.applications.upsert(application(ref, `name-${i}`)));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(await store.applications.get(ref)).toBeDefined();
    });

    test('an unknown application is undefined; the key is scoped by tenant and board', async () => {
      await store.applications.upsert(application({ tenantId: 't-apps2', board: 'doumi', applicationId: 'x' }));
      expect(await store.applications.get({ tenantId: 't-apps2', board: 'jianzhimao', applicationId: 'x' })).toBeUndefined();
      expect(await store.applications.get({ tenantId: 'other', board: 'doumi', applicationId: 'x' })).toBeUndefined();
    });
  });

  describe('candidates read model', () => {
    const tenantId = 't-guard';
    const workflowId = `candidate:${tenantId}:doumi:g-1`;
    const row = (version: number, stage: CandidateStage, extra: Partial<CandidateRow> = {}) =>
      candidateRow({ tenantId, workflowId, applicationId: 'g-1', version, stage, updatedAt: `2024-05-01T10:0${version}:00Z`, ...extra });

    test('an older or equal version never overwrites a newer one', async () => {
      expect(await store.candidates.upsert(row(2, CandidateStage.SCORING))).toEqual({ applied: true });
      expect(await store.candidates.upsert(row(1, CandidateStage.INTERVIEW_INVITED))).toEqual({ applied: false });
      expect((await store.candidates.get(tenantId, workflowId))?.stage).toBe(CandidateStage.SCORING);
      expect(await store.candidates.upsert(row(2, CandidateStage.REJECTED))).toEqual({ applied: false });

      expect(await store.candidates.upsert(row(3, CandidateStage.HR_REVIEW, { outcome: 'BORDERLINE', score: 61.25, createdAt: '2030-01-01T00:00:00Z' }))).toEqual({ applied: true });
      const stored = await store.candidates.get(tenantId, workflowId);
      expect(stored).toMatchObject({ stage: 'HR_REVIEW', outcome: 'BORDERLINE', score: 61.25, version: 3, updatedAt: '2024-05-01T10:03:00.000Z' });
      // createdAt is the first write's.
      expect(stored?.createdAt).toBe('2024-05-01T10:00:00.000Z');
      expect(await store.candidates.get('someone-else', workflowId)).toBeUndefined();
    });

    test('concurrent writes of versions 1..8 in any order leave the highest', async () => {
      const wf = `candidate:${tenantId}:doumi:g-race`;
      const versions = [5, 2, 8, 1, 7, 3, 6, 4];
      const results = await Promise.all(versions.map((v) => store.candidates.upsert(candidateRow({ tenantId, workflowId: wf, version: v, updatedAt: `2024-05-01T10:00:0${v}Z` }))));
      expect(results[versions.indexOf(8)]).toEqual({ applied: true });
      expect((await store.candidates.get(tenantId, wf))?.version).toBe(8);
    });

    test('invalid rows are refused as invalid', async () => {
      await expectHubError(store.candidates.upsert(candidateRow({ tenantId, stage: 'NOPE' as CandidateStage })), 'invalid', 'BadField');
      await expectHubError(store.candidates.upsert(candidateRow({ tenantId, createdAt: '2024-05-01 10:00' })), 'invalid', 'BadTimestamp');
      await expectHubError(store.candidates.upsert(candidateRow({ tenantId, workflowId: 'x'.repeat(256) })), 'invalid', 'BadField');
    });
  });

  describe('candidate lists', () => {
    const tenantId = 't-list';
    // 9 candidates, two pairs sharing a createdAt so the workflowId tie-breaker matters.
    const rows: CandidateRow[] = [
      ['a', '2024-03-01T08:00:00Z', CandidateStage.HR_REVIEW, 'cashier', 'doumi'],
      ['b', '2024-03-02T08:00:00Z', CandidateStage.HR_REVIEW, 'cashier', 'jianzhimao'],
      ['c', '2024-03-02T08:00:00Z', CandidateStage.ONBOARDING, 'waiter', 'doumi'],
      ['d', '2024-03-03T08:00:00Z', CandidateStage.HR_REVIEW, 'waiter', 'doumi'],
      ['e', '2024-03-04T08:00:00Z', CandidateStage.REJECTED, 'cashier', 'doumi'],
      ['f', '2024-03-05T08:00:00+08:00', CandidateStage.HR_REVIEW, 'cashier', 'jianzhimao'],
      ['g', '2024-03-05T00:00:00Z', CandidateStage.HR_REVIEW, 'cashier', 'doumi'],
      ['h', '2024-03-06T08:00:00Z', CandidateStage.INGESTED, 'waiter', 'doumi'],
      ['i', '2024-03-06T08:00:00Z', CandidateStage.HR_REVIEW, 'cashier', 'doumi'],
    ].map(([id, createdAt, stage, jobCode, board]) =>
      candidateRow({
        tenantId,
        workflowId: `candidate:${tenantId}:${board}:${id}`,
        applicationId: id!,
        board: board as CandidateRow['board'],
        jobCode: jobCode!,
        stage: stage as CandidateStage,
        createdAt: createdAt!,
        updatedAt: createdAt!,
      }),
    );
    const idsOf = (items: CandidateRow[]) => items.map((r) => r.applicationId);

    beforeAll(async () => {
      for (const r of rows) await store.candidates.upsert(r);
      // Another tenant's candidate must never show up.
      await store.candidates.upsert(candidateRow({ tenantId: 't-list-other', workflowId: 'candidate:t-list-other:doumi:z', createdAt: '2024-03-04T09:00:00Z' }));
    });

    async function allPages(filter: Omit<Parameters<HubStore['candidates']['list']>[0], 'cursor'>): Promise<string[][]> {
      const pages: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = await store.candidates.list({ ...filter, cursor });
        pages.push(idsOf(page.items));
        cursor = page.nextCursor ?? undefined;
      } while (cursor && pages.length < 20);
      return pages;
    }

    test('pages newest first with ties broken by workflowId, until nextCursor is null', async () => {
      // 2024-03-05T08:00+08:00 is 00:00Z, the same instant as g; f's workflowId (jianzhimao) sorts after g's (doumi).
      expect(await allPages({ tenantId, limit: 4 })).toEqual([['i', 'h', 'f', 'g'], ['e', 'd', 'b', 'c'], ['a']]);
      expect(await allPages({ tenantId, limit: 9 })).toEqual([['i', 'h', 'f', 'g', 'e', 'd', 'b', 'c', 'a']]);
      expect(await allPages({ tenantId, limit: 200 })).toEqual([['i', 'h', 'f', 'g', 'e', 'd', 'b', 'c', 'a']]);
      expect((await store.candidates.list({ tenantId, limit: 1 })).items[0]?.createdAt).toBe('2024-03-06T08:00:00.000Z');
    });

    test('filters by stage, job, board and a half-open createdAt range', async () => {
      expect(await allPages({ tenantId, stage: CandidateStage.HR_REVIEW, limit: 2 })).toEqual([['i', 'f'], ['g', 'd'], ['b', 'a']]);
      expect((await allPages({ tenantId, jobCode: 'waiter', limit: 10 })).flat()).toEqual(['h', 'd', 'c']);
      expect((await allPages({ tenantId, board: 'jianzhimao', limit: 10 })).flat()).toEqual(['f', 'b']);
      expect((await allPages({ tenantId, createdFrom: '2024-03-02T08:00:00Z', createdTo: '2024-03-05T00:00:00Z', limit: 10 })).flat()).toEqual(['e', 'd', 'b', 'c']);
      // The same bounds written in Beijing time select the same rows.
      expect((await allPages({ tenantId, createdFrom: '2024-03-02T16:00:00+08:00', createdTo: '2024-03-05T08:00:00+08:00', limit: 2 })).flat()).toEqual(['e', 'd', 'b', 'c']);
      expect((await allPages({ tenantId, stage: CandidateStage.HR_REVIEW, jobCode: 'cashier', board: 'doumi', limit: 10 })).flat()).toEqual(['i', 'g', 'a']);
      expect((await store.candidates.list({ tenantId: 'nobody', limit: 10 })).items).toEqual([]);
    });

    test('a malformed cursor or limit is an invalid request', async () => {
      const page = await store.candidates.list({ tenantId, limit: 2 });
      expect(page.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
      for (const cursor of ['not a cursor!', 'abc', Buffer.from('{"c":"2024-01-01","w":"x"}').toString('base64url'), Buffer.from('[1,2]').toString('base64url'), `${page.nextCursor}*`, '']) {
        await expectHubError(store.candidates.list({ tenantId, limit: 2, cursor }), 'invalid', 'BadCursor');
      }
      await expectHubError(store.candidates.list({ tenantId, limit: 0 }), 'invalid', 'BadLimit');
      await expectHubError(store.candidates.list({ tenantId, limit: 201 }), 'invalid', 'BadLimit');
      await expectHubError(store.candidates.list({ tenantId, limit: 10, createdFrom: 'yesterday' }), 'invalid', 'BadTimestamp');
    });
  });

  describe('audit log', () => {
    test('five concurrent appends of one event store it once; list is in time order', async () => {
      const base = { tenantId: 't-audit', workflowId: 'candidate:t-audit:doumi:1', actor: 'system' };
      const results = await times(5, () => store.audit.append({ ...base, eventKey: 'k-2', type: 'stage', stage: 'HR_REVIEW', at: '2024-05-01T12:00:00+08:00', details: { reason: 'borderline', n: 2 } }));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      await store.audit.append({ ...base, eventKey: 'k-1', type: 'ingested', at: '2024-05-01T03:00:00Z' });
      await store.audit.append({ ...base, eventKey: 'k-3', type: 'decision', actor: 'hr:li', at: '2024-05-02T00:00:00Z' });
      await store.audit.append({ ...base, workflowId: 'candidate:t-audit:doumi:2', eventKey: 'k-x', type: 'other', at: '2024-05-01T00:00:00Z' });

      const events = await store.audit.list('t-audit', base.workflowId);
      expect(events.map((e) => e.eventKey)).toEqual(['k-1', 'k-2', 'k-3']);
      expect(events[1]).toMatchObject({ type: 'stage', stage: 'HR_REVIEW', actor: 'system', at: '2024-05-01T04:00:00.000Z', details: { reason: 'borderline', n: 2 } });
      expect(events[0]).toMatchObject({ stage: null, details: {} });
      expect(events[0]?.recordedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      // Event keys are scoped by tenant: the same key elsewhere is another event.
      expect(await store.audit.append({ ...base, tenantId: 't-audit-2', eventKey: 'k-2', type: 'stage', at: '2024-05-01T00:00:00Z' })).toEqual({ created: true });
    });
  });

  describe('notification outbox', () => {
    const tenantId = 't-notify';
    const workflowId = `candidate:${tenantId}:doumi:1`;
    const note = (key: string) => ({
      idempotencyKey: key,
      tenantId,
      workflowId,
      channel: 'sms',
      audience: 'candidate' as const,
      recipient: `application:${tenantId}:doumi:1`,
      template: 'interview-invite',
      params: { link: 'https://hub.example/i/abc', deadline: '2024-05-03T10:00:00.000Z' },
    });

    test('five concurrent enqueues of one key make one row with one id', async () => {
      const results = await times(5, () => store.notifications.enqueue(note(`${workflowId}:invite:0`)));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.id)).size).toBe(1);
      expect(typeof results[0]?.id).toBe('string');
    });

    test('lists in creation order, pending first-in-first-out, and marks sent once', async () => {
      const second = await store.notifications.enqueue({ ...note(`${workflowId}:reminder:0`), audience: 'hr', recipient: 'hr-contact:0', template: 'review-reminder' });
      const third = await store.notifications.enqueue({ ...note(`${workflowId}:escalation:0`), audience: 'hr_escalation', recipient: 'hr-contact:1' });
      const listed = await store.notifications.listForWorkflow(tenantId, workflowId);
      expect(listed.map((n) => n.idempotencyKey)).toEqual([`${workflowId}:invite:0`, `${workflowId}:reminder:0`, `${workflowId}:escalation:0`]);
      expect(listed[0]).toMatchObject({ status: 'pending', sentAt: null, params: note('').params, audience: 'candidate' });

      const pending = (await store.notifications.listPending(1000)).filter((n) => n.tenantId === tenantId);
      expect(pending.map((n) => n.id)).toEqual(listed.map((n) => n.id));
      expect(await store.notifications.listPending(1)).toHaveLength(1);

      expect(await store.notifications.markSent(second.id, '2024-05-01T20:00:00+08:00')).toEqual({ marked: true });
      expect(await store.notifications.markSent(second.id, '2024-05-02T00:00:00Z')).toEqual({ marked: false });
      const after = await store.notifications.listForWorkflow(tenantId, workflowId);
      expect(after[1]).toMatchObject({ status: 'sent', sentAt: '2024-05-01T12:00:00.000Z' });
      const stillPending = (await store.notifications.listPending(1000)).filter((n) => n.tenantId === tenantId).map((n) => n.id);
      expect(stillPending).toEqual([listed[0]!.id, third.id]);

      expect(await store.notifications.markSent('999999999', '2024-05-02T00:00:00Z')).toEqual({ marked: false });
      await expectHubError(store.notifications.markSent('abc', '2024-05-02T00:00:00Z'), 'invalid', 'BadField');
      await expectHubError(store.notifications.listPending(0), 'invalid', 'BadLimit');
    });
  });

  describe('recording destination writes', () => {
    test('five concurrent writes with one idempotency key are recorded once; list filters', async () => {
      const write = {
        tenantId: 't-dest',
        destinationId: 'ehr',
        externalId: 'hb-1',
        event: 'candidate.hired',
        idempotencyKey: 'candidate:t-dest:doumi:1:ehr:hired',
        payload: { jobCode: 'cashier', startDate: '2024-05-06' },
      };
      const results = await times(5, () => store.destinationWrites.record(write));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      await store.destinationWrites.record({ ...write, destinationId: 'erp', idempotencyKey: `${write.idempotencyKey}:erp` });
      await store.destinationWrites.record({ ...write, externalId: 'hb-2', idempotencyKey: `${write.idempotencyKey}:2` });

      expect(await store.destinationWrites.list({ tenantId: 't-dest' })).toHaveLength(3);
      const ehr = await store.destinationWrites.list({ tenantId: 't-dest', destinationId: 'ehr' });
      expect(ehr.map((w) => w.externalId)).toEqual(['hb-1', 'hb-2']);
      expect(ehr[0]).toMatchObject({ event: 'candidate.hired', payload: write.payload, idempotencyKey: write.idempotencyKey });
      expect(await store.destinationWrites.list({ tenantId: 't-dest', destinationId: 'ehr', externalId: 'hb-2' })).toHaveLength(1);
      expect(await store.destinationWrites.list({ tenantId: 'other' })).toEqual([]);
    });
  });

  describe('transactions', () => {
    it('a read-model row and its audit event land together, or not at all', async () => {
      const row = candidateRow();
      await expect(
        store.transaction(async (tx) => {
          await tx.candidates.upsert(row);
          throw new Error('the audit append failed');
        }),
      ).rejects.toThrow('the audit append failed');
      expect(await store.candidates.get(row.tenantId, row.workflowId)).toBeUndefined();

      await store.transaction(async (tx) => {
        await tx.candidates.upsert(row);
        await tx.audit.append({ eventKey: `${row.workflowId}:1`, tenantId: row.tenantId, workflowId: row.workflowId, type: 'ingested', actor: 'test', at: row.updatedAt });
      });
      expect(await store.candidates.get(row.tenantId, row.workflowId)).toMatchObject({ stage: row.stage });
      expect(await store.audit.list(row.tenantId, row.workflowId)).toHaveLength(1);
    });
  });

  describe('times', () => {
    test('are stored in UTC and come back as ISO-8601 whatever offset they were written with', async () => {
      const tenantId = 't-time';
      const workflowId = `candidate:${tenantId}:doumi:1`;
      await store.candidates.upsert(
        candidateRow({
          tenantId,
          workflowId,
          createdAt: '2024-12-31T23:30:00-02:00',
          updatedAt: '2025-01-01T09:30:00.5+08:00',
          reviewDueAt: '2025-01-03T18:00:00+08:00',
          onboardingDueAt: '2025-01-06T23:59:59.999Z',
        }),
      );
      expect(await store.candidates.get(tenantId, workflowId)).toMatchObject({
        createdAt: '2025-01-01T01:30:00.000Z',
        updatedAt: '2025-01-01T01:30:00.500Z',
        reviewDueAt: '2025-01-03T10:00:00.000Z',
        onboardingDueAt: '2025-01-06T23:59:59.999Z',
      });
      // What the database itself holds is the same UTC text on every dialect.
      const raw = (await db.knex('candidates').where({ tenant_id: tenantId }).first('created_at', 'review_due_at')) as Record<string, unknown>;
      expect(raw).toEqual({ created_at: '2025-01-01T01:30:00.000Z', review_due_at: '2025-01-03T10:00:00.000Z' });

      await store.applications.upsert(application({ tenantId, appliedAt: '2024-02-29T07:00:00+08:00' }));
      expect((await store.applications.get({ tenantId, board: 'doumi', applicationId: 'app-1' }))?.appliedAt).toBe('2024-02-28T23:00:00.000Z');

      for (const bad of ['2024-02-30T00:00:00Z', '2024-05-01T10:00:00', '2024-05-01', 'tomorrow', '2024-05-01T25:00:00Z']) {
        await expectHubError(store.applications.upsert(application({ tenantId, applicationId: 'bad', appliedAt: bad })), 'invalid', 'BadTimestamp');
      }
    });

    test('the clock of stored-at times is UTC', async () => {
      const fixed = new Date('2024-07-01T00:00:00+08:00');
      const pinned = createHubStore(db, { now: () => fixed });
      await pinned.audit.append({ eventKey: 'clock', tenantId: 't-clock', workflowId: 'w', type: 't', actor: 'system', at: '2024-07-01T00:00:00Z' });
      expect((await pinned.audit.list('t-clock', 'w'))[0]?.recordedAt).toBe('2024-06-30T16:00:00.000Z');
    });
  });
}
