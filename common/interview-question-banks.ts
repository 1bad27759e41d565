// Default interview questions per role, asked when a job lists none (`interview.questions`).
// Each bank probes what the role needs: a rider reaction and pressure, a promoter initiative and
// talking to strangers, customer service complaints and order handling.
import type { JobConfig } from './config-schema';

export interface BankQuestion {
  id: string;
  text: string;
  maxChars: number;
}

export const ROLE_QUESTION_BANKS: Record<JobConfig['role'], readonly BankQuestion[]> = {
  rider: [
    { id: 'reaction', text: '送餐途中突然下大雨、订单快要超时，你会怎么做？', maxChars: 500 },
    { id: 'pressure', text: '午高峰同时有5单要送，你如何安排路线和节奏，保持冷静？', maxChars: 500 },
    { id: 'safety', text: '顾客催单时，你怎样在保证交通安全的前提下尽快送达？', maxChars: 500 },
  ],
  promoter: [
    { id: 'initiative', text: '在超市里顾客对新品不感兴趣时，你会怎么主动介绍？', maxChars: 500 },
    { id: 'strangers', text: '请讲一次你主动和陌生人沟通并成功的经历。', maxChars: 500 },
    { id: 'schedule', text: '周末能连续工作几小时？遇到临时加班怎么安排？', maxChars: 300 },
  ],
  customer_service: [
    { id: 'complaint', text: '请描述一次你解决客户投诉的经历', maxChars: 600 },
    { id: 'sorting', text: '如何在1小时内完成10单商品分拣', maxChars: 400 },
  ],
  shop_assistant: [
    { id: 'service', text: '店里同时有几位顾客需要帮助时，你会怎么安排？', maxChars: 500 },
    { id: 'stock', text: '请讲一次你整理货架或盘点库存的经历。', maxChars: 500 },
  ],
  other: [
    { id: 'motivation', text: '你为什么想做这份兼职？每周能安排多少时间？', maxChars: 500 },
    { id: 'teamwork', text: '请讲一次你和同事合作完成任务的经历。', maxChars: 500 },
  ],
};

/** The questions a job asks: its own list, or its role's default bank. */
export function questionsForJob(job: Pick<JobConfig, 'role' | 'interview'>): BankQuestion[] {
  const own = job.interview.questions;
  return (own && own.length > 0 ? own : ROLE_QUESTION_BANKS[job.role]).map((q) => ({ id: q.id, text: q.text, maxChars: q.maxChars }));
}
