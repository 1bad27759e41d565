// Test data: a canonical application and interview answers that give each outcome under the
// dev config's promoter rubric (thresholds pass 70, borderline 50).
import { Board, Gender, type CanonicalApplication } from '../../common/types';

let counter = 0;

export function makeApplication(overrides: Partial<CanonicalApplication> = {}, candidate: Partial<CanonicalApplication['candidate']> = {}): CanonicalApplication {
  counter += 1;
  return {
    tenantId: 'demo',
    board: Board.DOUMI,
    applicationId: `DM-TEST-${Date.now().toString(36)}-${counter}`,
    jobCode: 'RX-SH-PROMO-001',
    appliedAt: '2026-11-25T01:30:00.000Z',
    ...overrides,
    candidate: {
      name: '测试候选人',
      phoneE164: '+8613800138000',
      gender: Gender.FEMALE,
      birthYear: 2001,
      city: '上海',
      isStudent: true,
      hasHealthCertificate: true,
      availability: [{ weekday: 6, from: '09:00', to: '18:00' }],
      availabilityText: null,
      expectedHourlyWage: 25,
      selfIntroduction: '做过两年超市促销',
      ...candidate,
    },
  };
}

/** Promoter answers in question order (initiative, strangers, schedule). */
export const PROMOTER_ANSWERS = {
  PASS: [
    '我会主动上前介绍新品，邀请顾客试吃，并推荐当天的优惠活动。',
    '有一次我微笑着和陌生顾客打招呼，耐心倾听她的需求，沟通后她买了两箱。',
    '周末可以全天工作，临时加班也能提前安排好时间。',
  ],
  BORDERLINE: [
    '我会主动上前介绍新品，邀请顾客试吃，并推荐当天的优惠活动。',
    '我和一位顾客聊了很久，她最后买了我们店里的产品。',
    '一般工作八个小时左右没有什么问题的。',
  ],
  FAIL: ['我不太清楚应该怎么回答这个问题呢。', '我没有做过这样的事情，也说不上来。', '这个要看情况吧，现在还不能确定。'],
  INSUFFICIENT_EVIDENCE: ['好的', '没有', '看情况'],
} as const;
