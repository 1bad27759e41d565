// The board postings and board feedback repositories (migrations 008/009) on every dialect the hub
// supports: SQLite always, PostgreSQL and MariaDB when their servers run here (else skipped, logged).
import { createHubStore, type HubStore } from '../connectors/hub-db';
import { createHubDb, type HubDb } from '../connectors/hub-db/create-hub-db';
import { hubDbDialects } from './support/hub-db-dialects';

const dialects = hubDbDialects('board-repos-');

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
