// Doumi (斗米) as the hub sees a board: the contract of connectors/board-contract.ts, assembled
// from this folder's wire code. Registered in connectors/board-registry.ts.
import type { TenantConfig } from '../../common/config-schema';
import type { BoardContract } from '../board-contract';
import { DoumiClient, type DoumiApplicationStatus, type DoumiJobPosting } from './doumi-client';
import { readDoumiPage } from './doumi-poll';
import { doumiPostingContract } from './doumi-posting';
import { verifyDoumiWebhook } from './doumi-signature';
import { doumiDeliveryId, doumiItemDelivery, parseDoumiWebhook } from './doumi-webhook';

export type DoumiBoardConfig = NonNullable<TenantConfig['boards']['doumi']>;

export const doumiBoard: BoardContract<DoumiBoardConfig, DoumiClient, DoumiApplicationStatus, DoumiJobPosting> = {
  displayName: 'Doumi',
  createClient: (c) => new DoumiClient({ appKey: c.appKey, appSecret: c.appSecret, baseUrl: c.baseUrl }),

  webhook: {
    contentType: 'application/json',
    signing:
      'Signed with X-Dm-Timestamp (unix ms, within ±300 s) and X-Dm-Signature = hex HMAC-SHA256(webhookSecret, TIMESTAMP + "." + body); X-Dm-Event and X-Dm-Delivery name the event and the delivery.',
    verify: (request, config, nowMs) =>
      verifyDoumiWebhook({
        secret: config.webhookSecret,
        timestampHeader: request.header('x-dm-timestamp'),
        signatureHeader: request.header('x-dm-signature'),
        rawBody: request.rawBody,
        ...(nowMs === undefined ? {} : { nowMs }),
      }),
    parse: (tenantId, request) => ({
      parsed: parseDoumiWebhook(tenantId, request.rawBody, request.header('x-dm-event')),
      deliveryId: doumiDeliveryId(request.header('x-dm-delivery'), request.rawBody),
    }),
    reparse: (tenantId, rawBody) => parseDoumiWebhook(tenantId, rawBody),
    // Spec: 200 `{"code":0}` within 3 s; Doumi's own codes for a refused signature or clock.
    replies: {
      accepted: { status: 200, body: { code: 0 } },
      badSignature: { status: 401, body: { code: 40101, msg: 'bad signature' } },
      staleClock: { status: 401, body: { code: 40102, msg: 'timestamp outside ±300 s' } },
      unavailable: { status: 503, headers: { 'Retry-After': '10' }, body: { code: 50000, msg: 'temporarily unavailable; redeliver' } },
    },
  },

  poll: { readPage: readDoumiPage, parseItem: (tenantId, item) => doumiItemDelivery(tenantId, item) },

  // Spec: `POST /open/v2/applications/{id}/status`; Doumi has nothing for "viewed".
  feedback: {
    statuses: { VIEWED: null, INTERVIEWING: 'INTERVIEWING', PASSED: 'PASSED', REJECTED: 'REJECTED', HIRED: 'HIRED', CLOSED: 'CLOSED' },
    send: (client, applicationId, status) => client.reportStatus(applicationId, status),
  },

  posting: doumiPostingContract,

  // The headers of Doumi's CSV export (for tenants without partner API access); README "CSV import".
  csvColumns: {
    applicationId: ['投递编号', '申请编号', '报名编号', 'applicationId'],
    name: ['姓名', '候选人姓名', 'name'],
    mobile: ['手机号', '手机号码', '联系电话', 'mobile'],
    gender: ['性别', 'gender'],
    birth: ['出生日期', '出生年份', 'birthDate'],
    city: ['城市', '所在城市', 'city'],
    jobCode: ['职位编号', '外部职位编号', 'outerJobCode'],
    appliedAt: ['投递时间', '报名时间', 'appliedAt'],
    isStudent: ['是否学生', '学生', 'isStudent'],
    healthCert: ['健康证', '是否有健康证', 'healthCert'],
    wage: ['期望薪资', '期望时薪', 'expectedHourlyWage'],
    availability: ['可工作时间', '工作时间偏好', 'availability'],
    intro: ['自我介绍', '个人介绍', 'selfIntroduction'],
  },
};
