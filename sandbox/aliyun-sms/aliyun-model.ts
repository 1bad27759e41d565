// What the simulated Aliyun SMS knows (notify-providers.md §1): accounts with their approved
// SignNames and templates, the codes it answers with (§1.3) and where each one comes from, and
// the development tenant's account that `npm run dev` starts with.
import type { FrequencyWindow } from '../notify-kit/per-number-limiter';

export interface AliyunTemplate {
  /** The approved text with `${name}` placeholders; the placeholders are the required parameters. */
  content: string;
  /** Verification-code templates get the per-number limits of §0; default notification. */
  kind?: 'notification' | 'verification';
  /** false: still under review, so refused like an unknown code. Default true. */
  approved?: boolean;
}

export interface AliyunAccount {
  tenantId: string;
  accessKeyId: string;
  accessKeySecret: string;
  /** Receipts go to {hubUrl}/webhooks/sms/aliyun/{tenantId}/{receiptSecret}; none without it. */
  receiptSecret?: string;
  /** Approved SignNames (the 【…】 the provider puts in front). */
  signNames: string[];
  /** TemplateCode → template. */
  templates: Record<string, AliyunTemplate>;
  /** Segments left to send; unlimited when missing. */
  balance?: number;
  /** The account is suspended (isv.OUT_OF_SERVICE). */
  outOfService?: boolean;
}

export type AliyunStatus = 'ACCEPTED' | 'DELIVERED' | 'FAILED';

export interface AliyunMessage {
  tenantId: string;
  bizId: string;
  requestId: string;
  /** Bare mainland number as sent. */
  phone: string;
  signName: string;
  templateCode: string;
  params: Record<string, string>;
  outId?: string;
  /** 【SignName】 + the rendered template. */
  text: string;
  segments: number;
  /** Simulated clock, unix ms. */
  acceptedAt: number;
  status: AliyunStatus;
  reportedAt?: number;
  errCode?: string;
  errMsg?: string;
}

/** Where an Aliyun code is answered: in an HTTP 200 business body, or as a gateway 4xx. */
export interface AliyunCode { http: number; message: string }

/** Every code of §1.3 (injectable through injectFailure / POST /_sim/failures). */
export const ALIYUN_CODES: Record<string, AliyunCode> = {
  'isv.BUSINESS_LIMIT_CONTROL': { http: 200, message: '触发分钟级流控Permits:1' },
  'isv.DAY_LIMIT_CONTROL': { http: 200, message: '触发日发送限额' },
  'isv.MOBILE_NUMBER_ILLEGAL': { http: 200, message: '非法手机号' },
  'isv.MOBILE_COUNT_OVER_LIMIT': { http: 200, message: '手机号码数量超过限制' },
  'isv.SMS_SIGNATURE_ILLEGAL': { http: 200, message: '该账号下找不到对应签名' },
  'isv.SMS_TEMPLATE_ILLEGAL': { http: 200, message: '该账号下找不到对应模板' },
  'isv.TEMPLATE_MISSING_PARAMETERS': { http: 200, message: '模板变量缺少对应参数值' },
  'isv.INVALID_JSON_PARAM': { http: 200, message: 'JSON参数不合法，只接受字符串值' },
  'isv.PARAM_LENGTH_LIMIT': { http: 200, message: '参数超出长度限制' },
  'isv.PARAM_NOT_SUPPORT_URL': { http: 200, message: '不支持URL' },
  'isv.BLACK_KEY_CONTROL_LIMIT': { http: 200, message: '黑名单管控' },
  'isv.AMOUNT_NOT_ENOUGH': { http: 200, message: '账户余额不足' },
  'isv.OUT_OF_SERVICE': { http: 200, message: '业务停机' },
  'isp.SYSTEM_ERROR': { http: 200, message: '系统错误' },
  SignatureDoesNotMatch: { http: 400, message: 'Specified signature does not match our calculation.' },
  'InvalidAccessKeyId.NotFound': { http: 404, message: 'Specified access key is not found.' },
  'InvalidTimeStamp.Expired': { http: 400, message: 'Specified time stamp or date value is expired.' },
  SignatureNonceUsed: { http: 400, message: 'Specified signature nonce was used already.' },
  'Throttling.User': { http: 400, message: 'Request was denied due to user flow control.' },
  'Throttling.Api': { http: 400, message: 'Request was denied due to api flow control.' },
};

/**
 * Gateway answers for malformed requests, which the spec's table does not list (the simulator's
 * choice, after Aliyun's naming): a missing parameter, a bad value, an unknown action or version.
 */
export const ALIYUN_INPUT_CODES: Record<string, AliyunCode> = {
  MissingParameter: { http: 400, message: 'A required parameter is missing.' },
  InvalidParameter: { http: 400, message: 'A parameter is not valid.' },
  'InvalidAction.NotFound': { http: 404, message: 'Specified api is not found, please check your url and method.' },
};

/** §0: per number and signature, for verification codes: 1/minute, 5/hour, 10/day. */
export const ALIYUN_VERIFICATION_LIMITS: FrequencyWindow[] = [
  { per: 60_000, max: 1, code: 'isv.BUSINESS_LIMIT_CONTROL', message: '触发分钟级流控Permits:1' },
  { per: 3_600_000, max: 5, code: 'isv.BUSINESS_LIMIT_CONTROL', message: '触发小时级流控Permits:5' },
  { per: 'day', max: 10, code: 'isv.BUSINESS_LIMIT_CONTROL', message: '触发天级流控Permits:10' },
];

/** The demo tenant's account for `npm run dev` (test credentials of the spec's vectors, env overrides). */
export function devAliyunAccounts(env: NodeJS.ProcessEnv = process.env): AliyunAccount[] {
  const link = env.NOTIFY_SIM_LINK_DOMAIN ?? 'hb-demo.cn';
  return [{
    tenantId: 'demo',
    accessKeyId: env.DEMO_ALIYUN_ACCESS_KEY_ID ?? 'LTAI5tHBTestKeyId00000001',
    accessKeySecret: env.DEMO_ALIYUN_ACCESS_KEY_SECRET ?? 'hbAliyunTestSecret0000000000001',
    receiptSecret: env.DEMO_ALIYUN_RECEIPT_SECRET ?? 'dev-aliyun-receipt-secret',
    signNames: ['嗨桥招聘'],
    templates: {
      SMS_480001234: { content: `\${name}您好，您应聘的\${job}结果已出，请登录 https://${link}/r/\${code} 查看。` },
      SMS_480001235: { content: '您的验证码为${code}，5分钟内有效，请勿泄露给他人。', kind: 'verification' },
      SMS_480001236: { content: `\${name}您好，您应聘的\${job}邀请您参加AI面试，请于\${time}前完成：https://${link}/i/\${code}` },
      SMS_480001237: { content: `\${name}您好，您的\${job}AI面试还未完成，请尽快完成：https://${link}/i/\${code}` },
      SMS_480001238: { content: `\${name}您好，请于\${date}前提交入职材料：https://${link}/m/\${code}` },
      SMS_480002234: { content: `Hi \${name}, the result for \${job} is ready: https://${link}/r/\${code}` },
      SMS_480002235: { content: 'Your verification code is ${code}, valid for 5 minutes.', kind: 'verification' },
      SMS_480002236: { content: `Hi \${name}, please take the AI interview for \${job} before \${time}: https://${link}/i/\${code}` },
      SMS_480002237: { content: `Hi \${name}, your AI interview for \${job} is not finished yet: https://${link}/i/\${code}` },
      SMS_480002238: { content: `Hi \${name}, please hand in your onboarding papers before \${date}: https://${link}/m/\${code}` },
    },
  }];
}

/** The `${name}` placeholders of a template, in order of first appearance. */
export function aliyunVariables(content: string): string[] {
  return [...new Set([...content.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]!))];
}

export function renderAliyun(signName: string, content: string, params: Record<string, string>): string {
  return `【${signName}】${content.replace(/\$\{([A-Za-z0-9_]+)\}/g, (_, name: string) => params[name] ?? '')}`;
}
