// Jianzhimao (兼职猫) as the hub sees a board: the contract of connectors/board-contract.ts,
// assembled from this folder's wire code. Registered in connectors/board-registry.ts.
import type { TenantConfig } from '../../common/config-schema';
import type { BoardContract } from '../board-contract';
import { JianzhimaoClient, type JianzhimaoFeedbackStatus, type JianzhimaoJobPosting } from './jianzhimao-client';
import { readJianzhimaoPage } from './jianzhimao-poll';
import { jianzhimaoPostingContract } from './jianzhimao-posting';
import { jianzhimaoDeliveryId, jianzhimaoItemDelivery, parseJianzhimaoForm, parseJianzhimaoWebhook, verifyJianzhimaoWebhook } from './jianzhimao-webhook';

export type JianzhimaoBoardConfig = NonNullable<TenantConfig['boards']['jianzhimao']>;

const fail = { status: 401, body: 'fail' };

export const jianzhimaoBoard: BoardContract<JianzhimaoBoardConfig, JianzhimaoClient, JianzhimaoFeedbackStatus, JianzhimaoJobPosting> = {
  displayName: 'Jianzhimao',
  createClient: (c) => new JianzhimaoClient({ appId: c.appId, appSecret: c.appSecret, baseUrl: c.baseUrl }),

  webhook: {
    contentType: 'application/x-www-form-urlencoded',
    signing:
      'Form fields app_id, event_type, timestamp (unix s, within ±600 s), nonce_str, biz_content (JSON string), sign (MD5 over the sorted fields + &key=appSecret, uppercase hex).',
    verify: (request, config, nowMs) => verifyJianzhimaoWebhook(parseJianzhimaoForm(request.rawBody), config, nowMs),
    parse: (tenantId, request) => {
      const fields = parseJianzhimaoForm(request.rawBody);
      return { parsed: parseJianzhimaoWebhook(tenantId, fields), deliveryId: jianzhimaoDeliveryId(fields) };
    },
    reparse: (tenantId, rawBody) => parseJianzhimaoWebhook(tenantId, parseJianzhimaoForm(rawBody)),
    // Spec: plain-text `success`; anything else is retried. A refused sign or clock is `fail` alike.
    replies: {
      accepted: { status: 200, body: 'success' },
      badSignature: fail,
      staleClock: fail,
      unavailable: { status: 503, body: 'fail' },
    },
  },

  poll: { readPage: readJianzhimaoPage, parseItem: (tenantId, item) => jianzhimaoItemDelivery(tenantId, item) },

  // Spec: `resume.feedback` codes; it has no "closed", so an expiry or withdrawal is not reported.
  feedback: {
    statuses: { VIEWED: 1, INTERVIEWING: 2, PASSED: 3, REJECTED: 4, HIRED: 5, CLOSED: null },
    send: (client, applicationId, status, { stage }) => client.feedback(applicationId, status, `stage ${stage}`),
  },

  posting: jianzhimaoPostingContract,

  // The headers of Jianzhimao's CSV export (for tenants without partner API access); README "CSV import".
  csvColumns: {
    applicationId: ['简历编号', '简历ID', 'resume_id'],
    name: ['姓名', '真实姓名', 'real_name'],
    mobile: ['手机号', '手机号码', '联系电话', 'phone'],
    gender: ['性别', 'sex'],
    birth: ['出生年份', '出生日期', 'birth_year'],
    city: ['城市', '所在城市', 'city_name'],
    jobCode: ['职位编号', '外部职位编号', 'out_job_no'],
    appliedAt: ['投递时间', 'deliver_time'],
    isStudent: ['是否学生', '学生', 'is_student'],
    healthCert: ['健康证', '是否有健康证', 'health_cert'],
    wage: ['期望薪资', 'expect_salary'],
    availability: ['工作时间偏好', '可工作时间', 'work_time_prefer'],
    intro: ['自我介绍', '个人介绍', 'intro'],
  },
};
