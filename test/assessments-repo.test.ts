// The assessment reports in the hub database (migration 010-assessments), on SQLite, PostgreSQL
// and MariaDB: a dialect whose server is not reachable is reported as skipped, with the reason.
import { HubError } from '../common/errors';
import { InterviewOutcome } from '../common/types';
import { createHubDb, createHubStore, type AssessmentInput, type HubDb, type HubStore } from '../connectors/hub-db';
import { hubDbDialects } from './support/hub-db-dialects';

const dialects = hubDbDialects('hub-assessments-');

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
