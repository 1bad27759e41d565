// The simulators of the outside world that `npm run dev` starts beside the hub: one line each.
// Each speaks its partner's real wire format and never imports the connector that talks to it.
// The job boards, the EHR/ERP and the LLM simulators arrive with their connector issues; until
// then the embedded stack uses the recording destination and the notification outbox.

export interface SimulatorEntry {
  name: string;
  /** The simulator's entry file, run with tsx. */
  entry: string;
  port: number;
  /** The environment the hub needs to reach it (e.g. a board's base URL for the dev config). */
  hubEnv(baseUrl: string): NodeJS.ProcessEnv;
}

export const SIMULATORS: SimulatorEntry[] = [
  // Job boards (issue #3): their webhooks go to HUB_URL (default http://127.0.0.1:3000).
  { name: 'doumi simulator', entry: 'sandbox/doumi/main.ts', port: 4101, hubEnv: (url) => ({ DOUMI_BASE_URL: url }) },
  { name: 'jianzhimao sim', entry: 'sandbox/jianzhimao/main.ts', port: 4102, hubEnv: (url) => ({ JIANZHIMAO_BASE_URL: url }) },
  // OpenAI-compatible LLM (issue #4): interview scoring and follow-up questions.
  { name: 'llm simulator', entry: 'sandbox/llm/main.ts', port: 4103, hubEnv: (url) => ({ LLM_BASE_URL: `${url}/v1` }) },
  // Systems of record (issue #5): the demo tenant's `ehr` and `erp-staffing` switch from recording to them.
  { name: 'ehr simulator', entry: 'sandbox/ehr/main.ts', port: 4104, hubEnv: (url) => ({ EHR_BASE_URL: url, DEMO_EHR_TYPE: 'ehr-rest' }) },
  { name: 'erp simulator', entry: 'sandbox/erp/main.ts', port: 4105, hubEnv: (url) => ({ ERP_SOAP_URL: `${url}/ccx/service/Staffing/v1`, DEMO_ERP_STAFFING_TYPE: 'erp-soap' }) },
  // Candidate messages (issue #11): SMS receipts to HUB_URL; each serves its outbox page at / (and /_sim/outbox).
  { name: 'aliyun sms sim', entry: 'sandbox/aliyun-sms/main.ts', port: 4111, hubEnv: (url) => ({ ALIYUN_SMS_URL: url }) },
  { name: 'tencent sms sim', entry: 'sandbox/tencent-sms/main.ts', port: 4112, hubEnv: (url) => ({ TENCENT_SMS_URL: url }) },
  { name: 'wechat mp sim', entry: 'sandbox/wechat-mp/main.ts', port: 4113, hubEnv: (url) => ({ WECHAT_API_URL: url }) },
  // HR tools (issue #10): cards, approvals and clicks; callbacks go to HUB_URL/webhooks/{tool}/{tenantId}.
  { name: 'feishu simulator', entry: 'sandbox/feishu/main.ts', port: 4106, hubEnv: (url) => ({ FEISHU_BASE_URL: url }) },
  { name: 'dingtalk sim', entry: 'sandbox/dingtalk/main.ts', port: 4107, hubEnv: (url) => ({ DINGTALK_BASE_URL: url }) },
  { name: 'wecom simulator', entry: 'sandbox/wecom/main.ts', port: 4108, hubEnv: (url) => ({ WECOM_BASE_URL: url }) },
  // SMTP sandbox: SMTP on SMTP_PORT (2525), its inbox page on 4109.
  { name: 'smtp sandbox', entry: 'sandbox/smtp/main.ts', port: 4109, hubEnv: (url) => ({ SMTP_HOST: '127.0.0.1', SMTP_PORT: process.env.SMTP_PORT ?? '2525', SMTP_SANDBOX_URL: url }) },
];
