// The candidate's result page as rendered HTML, stage by stage and for each tenant setting of
// candidatePortal.showAssessment: no AI score or judgement before the tenant has decided, then only
// what the tenant allows; every status label in the page's own language.
import { parseConfig } from '../common/config';
import { ShowAssessment } from '../common/config-schema';
import { Board, CandidateStage, type CandidateStage as Stage } from '../common/types';
import type { StoredAssessment } from '../connectors/hub-db';
import { renderResultHtml } from '../api/presenters/candidate-html';
import { PAGE_TEXT } from '../api/presenters/candidate-page-text';
import { presentCandidateReport } from '../api/presenters/candidate-report';
import { presentResultPage } from '../api/presenters/result-page';
import { ResultCode } from '../api/schemas/candidate-page-schemas';
import type { CandidateStatus } from '../workflows/definitions';
import { devConfigDocument } from './support/hub-harness';

/** Chinese, Japanese and Korean characters, and the full-width punctuation that comes with them. */
const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/u;

// Everything the scorer said, each recognisable: none of it may appear unless allowed.
const SCORE = 87;
const EVIDENCE = '邀请顾客试吃';
const STRENGTH = '主动性: 3 rubric phrase(s) found';
const WEAKNESS = '沟通: few or no rubric phrases found';
const SUMMARY = 'Weighted score 72/100. A person should read the answers themselves.';
const ANSWER = '我会主动上前介绍新品，邀请顾客试吃，并推荐当天的优惠活动。';

function assessment(overrides: Partial<StoredAssessment> = {}): StoredAssessment {
  return {
    tenantId: 'demo',
    workflowId: 'candidate:demo:doumi:RP-1',
    round: 1,
    jobCode: 'RX-SH-PROMO-001',
    aiScoringDeclined: false,
    outcome: 'PASS',
    score: 72,
    scorer: 'deterministic-rubric (not an LLM)',
    model: null,
    rubricVersion: 'promoter-v1',
    promptVersion: 'rules-v1',
    report: {
      dimensions: [{ dimensionId: 'initiative', label: '主动性', score: SCORE, evidence: [EVIDENCE] }],
      strengths: [STRENGTH],
      weaknesses: [WEAKNESS],
      summary: SUMMARY,
    },
    transcript: [{ questionId: 'initiative', question: '你会怎么主动介绍？', answer: ANSWER, answeredAt: '2026-11-25T02:00:00.000Z', secondsTaken: 41 }],
    createdAt: '2026-11-25T02:01:00.000Z',
    ...overrides,
  };
}

function statusIn(stage: Stage, overrides: Partial<CandidateStatus> = {}): CandidateStatus {
  const onboarding = stage === CandidateStage.ONBOARDING || stage === CandidateStage.ONBOARDING_OVERDUE || stage === CandidateStage.ONBOARDED;
  return {
    workflowId: 'candidate:demo:doumi:RP-1',
    ref: { tenantId: 'demo', board: Board.DOUMI, applicationId: 'RP-1' },
    jobCode: 'RX-SH-PROMO-001',
    stage,
    outcome: 'PASS',
    score: 72,
    assessment: null,
    prescreenReasons: [],
    interviewLink: null,
    resultLink: null,
    questions: [],
    answeredQuestionIds: [],
    aiScoringDeclined: false,
    interviewRound: 1,
    interviewWorkflowId: null,
    deadlines: {
      interviewReminderAt: null,
      interviewExpiresAt: null,
      reviewDueAt: '2026-11-30T10:00:00.000Z',
      onboardingDueAt: onboarding ? '2026-12-03T15:59:59.000Z' : null,
    },
    materialsRequired: ['id_card', 'health_certificate', 'bank_card'],
    materialsReceived: ['id_card'],
    destinations: [],
    attention: null,
    lastDecision: null,
    withdrawal: null,
    updatedAt: '2026-11-25T02:01:00.000Z',
    ...overrides,
  };
}

function page(stage: Stage, show: ShowAssessment, lang: 'zh' | 'en' = 'zh', a = assessment(), overrides: Partial<CandidateStatus> = {}) {
  const result = presentResultPage(statusIn(stage, overrides), '促销员 (promoter)', lang, Date.parse('2026-11-26T00:00:00Z'));
  return renderResultHtml(result, presentCandidateReport(a, result.resultCode, show), lang);
}

/** Whether the page shows any part of what the scorer said, by kind. */
function shown(html: string) {
  return {
    score: html.includes(`<td>${SCORE}</td>`) || html.includes(PAGE_TEXT.zh.reportDimensions),
    evidence: html.includes(`<q>${EVIDENCE}</q>`),
    strengths: html.includes(STRENGTH),
    weaknesses: html.includes(WEAKNESS),
    summary: html.includes(SUMMARY) || html.includes('72/100'),
    answers: html.includes(ANSWER),
  };
}

const NOTHING = { score: false, evidence: false, strengths: false, weaknesses: false, summary: false, answers: true };
const FEEDBACK = { score: false, evidence: false, strengths: true, weaknesses: true, summary: false, answers: true };
const FULL = { score: true, evidence: true, strengths: true, weaknesses: true, summary: true, answers: true };

describe('before the tenant has decided, the candidate sees their answers and no AI score or judgement, whatever the setting', () => {
  const undecided: Stage[] = [
    CandidateStage.SCORING,
    CandidateStage.HR_REVIEW,
    CandidateStage.SYNCING, // approved but not yet told: still "in review" for the candidate
    CandidateStage.NEEDS_ATTENTION,
    CandidateStage.INTERVIEW_INVITED, // a new round after HR asked for a re-interview
    CandidateStage.INTERVIEW_EXPIRED,
    CandidateStage.WITHDRAWN,
  ];
  test.each(undecided.flatMap((stage) => Object.values(ShowAssessment).map((show) => [stage, show] as const)))('%s with showAssessment %s', (stage, show) => {
    const html = page(stage, show);
    expect(shown(html)).toEqual(NOTHING);
    expect(html).not.toContain(PAGE_TEXT.zh.reportScorerRules); // not even how it was judged
  });

  test('in review, the page says that the assessment waits for the decision', () => {
    const html = page(CandidateStage.HR_REVIEW, ShowAssessment.FULL);
    expect(html).toContain(PAGE_TEXT.zh.reportWithheld);
    expect(html).toContain('审核中');
  });

  test('a failed scoring run is not hinted at either', () => {
    const failed = assessment({ outcome: 'INSUFFICIENT_EVIDENCE', scorer: 'none', report: { dimensions: [], strengths: [], weaknesses: [], summary: 'x', reason: 'scorer failed' } });
    expect(page(CandidateStage.HR_REVIEW, ShowAssessment.FULL, 'zh', failed)).not.toContain(PAGE_TEXT.zh.reportScorerNone);
  });
});

describe('after the decision, what the tenant allows', () => {
  const decided: Stage[] = [CandidateStage.ONBOARDING, CandidateStage.ONBOARDED, CandidateStage.REJECTED];
  test.each(decided)('%s: none → the answers only; feedback → plain words, no numbers; full → everything', (stage) => {
    expect(shown(page(stage, ShowAssessment.NONE))).toEqual(NOTHING);
    expect(page(stage, ShowAssessment.NONE)).toContain(PAGE_TEXT.zh.reportOnlyAnswers);
    const feedback = page(stage, ShowAssessment.FEEDBACK);
    expect(shown(feedback)).toEqual(FEEDBACK);
    expect(feedback).toContain(PAGE_TEXT.zh.reportScorerRules);
    expect(shown(page(stage, ShowAssessment.FULL))).toEqual(FULL);
  });

  test('SYNCING after the offer (materials verified) counts as decided', () => {
    const html = page(CandidateStage.SYNCING, ShowAssessment.FULL, 'zh', assessment(), { deadlines: { ...statusIn(CandidateStage.ONBOARDING).deadlines } });
    expect(shown(html)).toEqual(FULL);
  });

  test('a candidate who declined AI scoring is told so, and nothing else is made up', () => {
    const declined = assessment({ aiScoringDeclined: true, outcome: null, score: null, scorer: null, report: null });
    const html = page(CandidateStage.ONBOARDING, ShowAssessment.FULL, 'zh', declined);
    expect(html).toContain(PAGE_TEXT.zh.reportHuman);
    expect(shown(html)).toEqual(NOTHING);
  });

  test('the default is feedback', () => {
    const doc = devConfigDocument();
    delete doc.tenants[0].candidatePortal;
    expect(parseConfig(doc, {}).tenants[0]!.candidatePortal.showAssessment).toBe(ShowAssessment.FEEDBACK);
    doc.tenants[0].candidatePortal = { showAssessment: 'scores' };
    expect(() => parseConfig(doc, {})).toThrow(/candidatePortal\.showAssessment/);
  });
});

describe('the English page speaks English', () => {
  /** The page's own words: everything except the job title, the scorer's words and the candidate's answers. */
  function ownWords(html: string): string {
    return html
      .replace(/<h1>[^<]*<\/h1>/, '')
      .replace(/<table class="scores"[\s\S]*?<\/table>/, '')
      .replace(/<ul id="(strengths|weaknesses)">[\s\S]*?<\/ul>/g, '')
      .replace(/<ol class="transcript">[\s\S]*?<\/ol>/, '')
      .replace(/<title>[^<]*<\/title>/, '')
      .replace(/<a id="lang-switch"[^>]*>[^<]*<\/a>/, ''); // the switch to Chinese is written in Chinese
  }

  const stages: Stage[] = [
    CandidateStage.INTERVIEW_INVITED,
    CandidateStage.HR_REVIEW,
    CandidateStage.ONBOARDING,
    CandidateStage.ONBOARDING_OVERDUE,
    CandidateStage.ONBOARDED,
    CandidateStage.REJECTED,
    CandidateStage.INTERVIEW_EXPIRED,
    CandidateStage.WITHDRAWN,
  ];
  test.each(stages)('%s: the status label and every other label of the page have no Chinese', (stage) => {
    const html = page(stage, ShowAssessment.FULL, 'en');
    const status = /<tr><th>Status<\/th><td>([^<]*)<\/td><\/tr>/.exec(html)?.[1];
    expect(status).toBeDefined();
    expect(status).not.toMatch(CJK);
    expect(ownWords(html)).not.toMatch(CJK);
  });

  test('every result code has a label in both languages, and the JSON result follows the language', () => {
    for (const code of Object.values(ResultCode)) {
      expect(PAGE_TEXT.en.results[code]).not.toMatch(CJK);
      expect(PAGE_TEXT.zh.results[code]).toMatch(CJK);
    }
    expect(presentResultPage(statusIn(CandidateStage.HR_REVIEW), null, 'en').result).toBe('In review');
    expect(presentResultPage(statusIn(CandidateStage.HR_REVIEW), null).result).toBe('审核中');
  });

  test('missing materials are named in words, not by their config IDs', () => {
    expect(page(CandidateStage.ONBOARDING, ShowAssessment.NONE, 'en')).toContain('<td>Health certificate, Bank card</td>');
    expect(page(CandidateStage.ONBOARDING, ShowAssessment.NONE, 'zh')).toContain('<td>健康证、银行卡</td>');
  });
});
