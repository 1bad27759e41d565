// Interview scoring without Temporal: redaction, the OpenAI-compatible scorer against the LLM
// simulator (success, 429, 500, malformed, slow), outcomes from thresholds, and the deterministic scorer.
import { parseConfig } from '../common/config';
import type { JobConfig, LlmConfig } from '../common/config-schema';
import { HubError } from '../common/errors';
import { questionsForJob } from '../common/interview-question-banks';
import { InterviewOutcome } from '../common/types';
import { DeterministicRubricScorer } from '../connectors/llm/deterministic-rubric-scorer';
import type { TranscriptEntry } from '../connectors/llm/interview-scorer';
import { OpenAiCompatibleScorer, retryAfterMs } from '../connectors/llm/openai-scorer';
import { outcomeFor, tooShortToJudge } from '../connectors/llm/outcome';
import { createRedactor } from '../connectors/llm/redact';
import { SCORING_PROMPT_VERSION } from '../connectors/llm/scoring-prompt';
import { FailureMode, startLlmSimulator, type LlmSimulator } from '../sandbox/llm/llm-simulator';
import { devConfigDocument } from './support/hub-harness';
import { PROMOTER_ANSWERS } from './support/fixtures';

const config = parseConfig(devConfigDocument(), {});
const promoter = config.tenants[0]!.jobs.find((j) => j.code === 'RX-SH-PROMO-001')!;
const rubric = promoter.rubric;

function transcript(answers: readonly string[]): TranscriptEntry[] {
  const questions = questionsForJob(promoter);
  return answers.map((answer, i) => ({ questionId: questions[i]!.id, question: questions[i]!.text, answer, secondsTaken: 30 }));
}
/** An answer of exactly n characters, so the simulator's length-based score is known. */
const answerOf = (n: number) => '我在超市做过促销工作，主动向顾客介绍产品并耐心解答问题，'.repeat(10).slice(0, n);

describe('redaction before anything reaches an LLM', () => {
  const redactor = createRedactor('欧阳金丝雀');

  test.each([
    ['我是欧阳金丝雀，可以周末上班', '我是[姓名]，可以周末上班'],
    ['大家叫我金丝雀', '大家叫我[姓名]'],
    ['我叫王小明，今年二十岁', '我叫[姓名]，今年二十岁'],
    ['电话13912345678', '电话[电话]'],
    ['打 +86 139-1234-5678 找我', '打 [电话] 找我'],
    ['座机021-62345678', '座机[电话]'],
    ['身份证110101199003078515', '身份证[证件号]'],
    ['证件号 11010119900307851X。', '证件号 [证件号]。'],
    ['邮箱 canary.bird@example.com', '邮箱 [邮箱]'],
    ['工资卡 6222 0212 3456 7890 123', '工资卡 [卡号]'],
    ['微信号：canary_bird88', '微信号：[账号]'],
  ])('%s', (input, expected) => {
    expect(redactor.redact(input)).toBe(expected);
  });

  test('text without personal data is left alone, numbers in it too', () => {
    const text = '我能在1小时内完成10单分拣，周末可以连续工作8小时。';
    expect(redactor.redact(text)).toBe(text);
  });
});

describe('the OpenAI-compatible scorer against the LLM simulator', () => {
  let sim: LlmSimulator;
  let llm: LlmConfig;
  beforeAll(async () => {
    sim = await startLlmSimulator(0, { slowMs: 3000 });
    llm = { baseUrl: sim.baseUrl, model: 'sim-interview-scorer', apiKey: 'test-key', timeout: 1000, maxMalformedRetries: 1 };
  });
  afterAll(() => sim.close());
  beforeEach(() => sim.reset());

  test('scores each rubric dimension with quoted evidence; model, rubric and prompt versions are kept', async () => {
    const result = await new OpenAiCompatibleScorer(llm).score(rubric, transcript([answerOf(60), answerOf(60), answerOf(60)]));
    expect(result).toMatchObject({ outcome: InterviewOutcome.PASS, scorer: 'llm', model: 'sim-interview-scorer', rubricVersion: 'promoter-v1', promptVersion: SCORING_PROMPT_VERSION });
    expect(result.dimensions.map((d) => d.dimensionId)).toEqual(['initiative', 'communication', 'reliability']);
    expect(result.dimensions[0]!.evidence[0]).toBe(answerOf(12));
    expect(sim.requests).toHaveLength(1);
    expect(sim.requests[0]!.responseFormat).toMatchObject({ type: 'json_schema', json_schema: { name: 'interview_assessment', strict: true } });
  });

  test('thresholds decide the outcome: PASS, BORDERLINE, FAIL, and INSUFFICIENT_EVIDENCE for answers too short', async () => {
    const scorer = new OpenAiCompatibleScorer(llm);
    const outcomeOf = async (n: number) => (await scorer.score(rubric, transcript([answerOf(n), answerOf(n), answerOf(n)]))).outcome;
    // The simulator scores 1.5 points per character of the average answer; pass 70, borderline 50.
    expect(await outcomeOf(50)).toBe(InterviewOutcome.PASS);
    expect(await outcomeOf(40)).toBe(InterviewOutcome.BORDERLINE);
    expect(await outcomeOf(20)).toBe(InterviewOutcome.FAIL);
    const short = await scorer.score(rubric, transcript(['好的', '可以的', answerOf(60)]));
    expect(short).toMatchObject({ outcome: InterviewOutcome.INSUFFICIENT_EVIDENCE, reason: '2 of 3 answers are shorter than 15 characters' });
  });

  test('429 is a transient error carrying Retry-After; 500 is transient too', async () => {
    const scorer = new OpenAiCompatibleScorer(llm);
    sim.fail(FailureMode.RATE_LIMIT);
    const limited = await scorer.score(rubric, transcript(PROMOTER_ANSWERS.PASS)).catch((e) => e);
    expect(limited).toBeInstanceOf(HubError);
    expect(limited).toMatchObject({ kind: 'transient', code: 'LlmRateLimited', details: { retryAfterMs: 1000 } });
    sim.fail(FailureMode.SERVER_ERROR);
    expect(await scorer.score(rubric, transcript(PROMOTER_ANSWERS.PASS)).catch((e) => e)).toMatchObject({ kind: 'transient', code: 'LlmUnavailable' });
    expect((await scorer.score(rubric, transcript(PROMOTER_ANSWERS.PASS))).outcome).not.toBe(InterviewOutcome.INSUFFICIENT_EVIDENCE);
  });

  test('malformed output is asked again, within the bound; then INSUFFICIENT_EVIDENCE with the reason', async () => {
    const scorer = new OpenAiCompatibleScorer(llm);
    sim.fail(FailureMode.MALFORMED);
    expect((await scorer.score(rubric, transcript([answerOf(60), answerOf(60), answerOf(60)]))).outcome).toBe(InterviewOutcome.PASS);
    expect(sim.requests.map((r) => r.result)).toEqual(['malformed', 'ok']);

    sim.reset();
    sim.fail(FailureMode.MALFORMED);
    sim.fail(FailureMode.WRONG_SHAPE);
    const failed = await scorer.score(rubric, transcript(PROMOTER_ANSWERS.PASS));
    expect(failed).toMatchObject({ outcome: InterviewOutcome.INSUFFICIENT_EVIDENCE, score: null, model: 'sim-interview-scorer' });
    expect(failed.reason).toMatch(/^malformed LLM output after 2 attempts: the reply does not fit the schema/);
    expect(sim.requests).toHaveLength(2);
  });

  test('a slow answer times out as a transient error (the activity retries it)', async () => {
    sim.fail(FailureMode.SLOW);
    const started = Date.now();
    expect(await new OpenAiCompatibleScorer(llm).score(rubric, transcript(PROMOTER_ANSWERS.PASS)).catch((e) => e)).toMatchObject({ kind: 'transient', code: 'LlmTimeout' });
    expect(Date.now() - started).toBeLessThan(2500);
  });

  test('a wrong key or model is a config error, not retried', async () => {
    const noKey = await new OpenAiCompatibleScorer({ ...llm, baseUrl: sim.baseUrl.replace('/v1', '/v2') }).score(rubric, transcript(PROMOTER_ANSWERS.PASS)).catch((e) => e);
    expect(noKey).toMatchObject({ kind: 'config', code: 'LlmRequestRejected' });
  });

  test('follow-up question', async () => {
    const question = await new OpenAiCompatibleScorer(llm).followUp('请讲一次你主动和陌生人沟通并成功的经历。', '我在超市主动和顾客打招呼');
    expect(question).toBe('能具体说说“我在超市主动和顾”时的一个例子吗？');
  });

  test('Retry-After in seconds, as a date, and retry-after-ms', () => {
    expect(retryAfterMs(new Headers({ 'retry-after': '2' }))).toBe(2000);
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '250' }))).toBe(250);
    expect(retryAfterMs(new Headers({ 'retry-after': new Date(Date.now() + 5000).toUTCString() }))).toBeGreaterThan(3000);
    expect(retryAfterMs(new Headers({}))).toBeUndefined();
  });
});

describe('outcomes from the thresholds (computed in code)', () => {
  const r = { ...rubric, thresholds: { pass: 70, borderline: 50 } } as JobConfig['rubric'];
  test.each([
    [70, InterviewOutcome.PASS],
    [69.9, InterviewOutcome.BORDERLINE],
    [50, InterviewOutcome.BORDERLINE],
    [49.9, InterviewOutcome.FAIL],
  ])('%d → %s', (score, outcome) => expect(outcomeFor(r, score)).toBe(outcome));
  test('too short to judge', () => {
    expect(tooShortToJudge(r, [])).toBe('no answers');
    expect(tooShortToJudge(r, ['好的', '一二三四五六七八九十一二三四五'])).toBe('1 of 2 answers are shorter than 15 characters');
  });
});

describe('the deterministic rubric scorer (no LLM configured)', () => {
  const scorer = new DeterministicRubricScorer();

  test('gives each outcome on the promoter fixtures and says it is not an LLM', async () => {
    for (const [name, answers] of Object.entries(PROMOTER_ANSWERS)) {
      expect([name, (await scorer.score(rubric, transcript(answers))).outcome]).toEqual([name, name]);
    }
    const pass = await scorer.score(rubric, transcript(PROMOTER_ANSWERS.PASS));
    expect(pass.scorer).toBe('deterministic-rubric (not an LLM)');
    expect(pass.summary).toContain('not an LLM');
    expect(pass.model).toBeNull();
    expect(pass.dimensions[0]!.evidence[0]).toContain('主动');
  });

  test('phrases count as whole words (jieba), not as parts of other words', async () => {
    const r = { ...rubric, dimensions: [{ id: 'x', label: 'X', weight: 1, description: '', phrases: ['动', '主动'] }] } as JobConfig['rubric'];
    const result = await scorer.score(r, transcript(['我会主动上前介绍新品，邀请顾客试吃。']));
    expect(result.dimensions[0]!.evidence).toHaveLength(1);
    expect(result.dimensions[0]!.evidence[0]).toContain('主动');
  });
});

describe('question banks', () => {
  test('a job without questions asks its role bank; the dev config keeps its own', () => {
    const doc = devConfigDocument();
    delete doc.tenants[0].jobs[2].interview.questions;
    delete doc.tenants[0].jobs[1].interview.questions;
    const jobs = parseConfig(doc, {}).tenants[0]!.jobs;
    expect(questionsForJob(jobs[2]!).map((q) => q.text)).toEqual(['请描述一次你解决客户投诉的经历', '如何在1小时内完成10单商品分拣']);
    expect(questionsForJob(jobs[1]!).map((q) => q.id)).toEqual(['reaction', 'pressure', 'safety']);
    expect(questionsForJob(jobs[0]!).map((q) => q.id)).toEqual(['initiative', 'strangers', 'schedule']);
  });
});
