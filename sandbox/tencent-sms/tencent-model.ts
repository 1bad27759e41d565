// What the simulated Tencent Cloud SMS knows (notify-providers.md §2): accounts (CAM key, SmsSdkAppId,
// approved SignNames and templates), the codes it answers with (§2.3) and where each is answered
// (per number in SendStatusSet, or for the whole request), and the demo tenant's dev account.
import type { FrequencyWindow } from '../notify-kit/per-number-limiter';

export interface TencentTemplate {
  /** The approved text with positional `{1}`, `{2}` … placeholders. */
  content: string;
  /** Verification templates take only 0–6 digit values (§0). Default notification. */
  kind?: 'notification' | 'verification';
  /** false: still under review. Default true. */
  approved?: boolean;
}

export interface TencentAccount {
  tenantId: string;
  secretId: string;
  secretKey: string;
  smsSdkAppId: string;
  /** Receipts go to {hubUrl}/webhooks/sms/tencent/{tenantId}/{receiptSecret}; none without it. */
  receiptSecret?: string;
  signNames: string[];
  /** TemplateId → template. */
  templates: Record<string, TencentTemplate>;
  /** Segments left in the SMS package; unlimited when missing. */
  balance?: number;
}

export type TencentStatus = 'ACCEPTED' | 'DELIVERED' | 'FAILED';

export interface TencentMessage {
  tenantId: string;
  serialNo: string;
  requestId: string;
  /** E.164 as sent. */
  phone: string;
  signName: string;
  templateId: string;
  params: string[];
  sessionContext?: string;
  text: string;
  segments: number;
  /** Simulated clock, unix ms. */
  acceptedAt: number;
  status: TencentStatus;
  reportedAt?: number;
  errmsg?: string;
  description?: string;
}

export interface TencentCode { scope: 'number' | 'request'; message: string }

/** Every code of §2.3 (injectable), with where Tencent answers it. */
export const TENCENT_CODES: Record<string, TencentCode> = {
  Ok: { scope: 'number', message: 'send success' },
  'LimitExceeded.PhoneNumberThirtySecondLimit': { scope: 'number', message: '单个手机号30秒内下发短信条数超过设定的上限' },
  'LimitExceeded.PhoneNumberOneHourLimit': { scope: 'number', message: '单个手机号1小时内下发短信条数超过设定的上限' },
  'LimitExceeded.PhoneNumberDailyLimit': { scope: 'number', message: '单个手机号日下发短信条数超过设定的上限' },
  'LimitExceeded.PhoneNumberSameContentDailyLimit': { scope: 'number', message: '单个手机号下发相同内容超过设定的上限' },
  'LimitExceeded.DeliveryFrequencyLimit': { scope: 'number', message: '下发短信命中了频率限制策略' },
  'InvalidParameterValue.IncorrectPhoneNumber': { scope: 'number', message: '手机号格式错误' },
  'FailedOperation.PhoneNumberInBlacklist': { scope: 'number', message: '手机号在免打扰名单库中' },
  'FailedOperation.InsufficientBalanceInSmsPackage': { scope: 'number', message: '套餐包余量不足' },
  'FailedOperation.SignatureIncorrectOrUnapproved': { scope: 'request', message: '签名未审批或格式错误' },
  'FailedOperation.TemplateIncorrectOrUnapproved': { scope: 'request', message: '模板未审批或内容不匹配' },
  'FailedOperation.TemplateParamSetNotMatchApprovedTemplate': { scope: 'request', message: '请求内容与审核通过的模板内容不匹配' },
  'InvalidParameterValue.TemplateParameterFormatError': { scope: 'request', message: '验证码模板参数格式错误，验证码类模板仅支持0-6位数字' },
  'InvalidParameterValue.TemplateParameterLengthLimit': { scope: 'request', message: '单个模板变量字符数超过12个' },
  'InvalidParameterValue.ProhibitedUseUrlInTemplateParameter': { scope: 'request', message: '禁止在模板变量中使用 URL' },
  'AuthFailure.SignatureFailure': { scope: 'request', message: 'The provided credentials could not be validated. Please check your signature is correct.' },
  'AuthFailure.SecretIdNotFound': { scope: 'request', message: 'The SecretId is not found, please ensure that your SecretId is correct.' },
  'AuthFailure.SignatureExpire': { scope: 'request', message: 'Signature expired. Timestamp is more than 5 minutes from the server time.' },
  RequestLimitExceeded: { scope: 'request', message: 'Your current request times exceeds the frequency limit. Please reduce the frequency of calls.' },
  'InternalError.Timeout': { scope: 'request', message: '请求下发短信超时' },
  'InternalError.SendAndRecvFail': { scope: 'request', message: '接口超时或短信收发包超时' },
};

/**
 * Request errors for malformed input, which the spec's table does not list (the simulator's
 * choice, after Tencent's common error codes).
 */
export const TENCENT_INPUT_CODES: Record<string, string> = {
  InvalidAction: '接口不存在',
  InvalidParameter: '参数错误',
  MissingParameter: '缺少参数',
  UnsupportedRegion: '接口不支持所传地域',
  'InvalidParameterValue.SdkAppIdNotExist': 'SdkAppId 不存在',
  'LimitExceeded.PhoneNumberCountLimit': '单次请求的手机号个数超过上限200',
};

export const TENCENT_REGIONS = ['ap-guangzhou', 'ap-beijing', 'ap-nanjing'];

/** §0: per number, 1 per 30 s, 5/hour, 10/day. */
export const TENCENT_PER_NUMBER_LIMITS: FrequencyWindow[] = [
  { per: 30_000, max: 1, code: 'LimitExceeded.PhoneNumberThirtySecondLimit', message: TENCENT_CODES['LimitExceeded.PhoneNumberThirtySecondLimit']!.message },
  { per: 3_600_000, max: 5, code: 'LimitExceeded.PhoneNumberOneHourLimit', message: TENCENT_CODES['LimitExceeded.PhoneNumberOneHourLimit']!.message },
  { per: 'day', max: 10, code: 'LimitExceeded.PhoneNumberDailyLimit', message: TENCENT_CODES['LimitExceeded.PhoneNumberDailyLimit']!.message },
];

/** The demo tenant's account for `npm run dev` (test credentials of the spec's vectors, env overrides). */
export function devTencentAccounts(env: NodeJS.ProcessEnv = process.env): TencentAccount[] {
  const link = env.NOTIFY_SIM_LINK_DOMAIN ?? 'hb-demo.cn';
  return [{
    tenantId: 'demo',
    secretId: env.DEMO_TENCENT_SECRET_ID ?? 'AKIDhbTestSecretId0000000000000000001',
    secretKey: env.DEMO_TENCENT_SECRET_KEY ?? 'hbTencentTestSecretKey000000001',
    smsSdkAppId: env.DEMO_TENCENT_SMS_SDK_APP_ID ?? '1400987654',
    receiptSecret: env.DEMO_TENCENT_RECEIPT_SECRET ?? 'dev-tencent-receipt-secret',
    signNames: ['嗨桥招聘'],
    templates: {
      2345678: { content: `{1}您好，您的应聘结果已出，请登录 https://${link}/r/{2} 查看。` },
      2345679: { content: '您的验证码为{1}，5分钟内有效，请勿泄露给他人。', kind: 'verification' },
      2345680: { content: `{1}您好，{2}邀请您参加AI面试，请于{3}前完成：https://${link}/i/{4}` },
      2345681: { content: `{1}您好，您的{2}AI面试还未完成，请尽快完成：https://${link}/i/{3}` },
      2345682: { content: `{1}您好，请于{2}前提交入职材料：https://${link}/m/{3}` },
      2346678: { content: `Hi {1}, your application result is ready: https://${link}/r/{2}` },
      2346679: { content: 'Your verification code is {1}, valid for 5 minutes.', kind: 'verification' },
      2346680: { content: `Hi {1}, {2} invites you to an AI interview before {3}: https://${link}/i/{4}` },
      2346681: { content: `Hi {1}, your AI interview for {2} is not finished yet: https://${link}/i/{3}` },
      2346682: { content: `Hi {1}, please hand in your onboarding papers before {2}: https://${link}/m/{3}` },
    },
  }];
}

/** The number of positional variables: the highest `{n}`. */
export function tencentVariableCount(content: string): number {
  return Math.max(0, ...[...content.matchAll(/\{(\d+)\}/g)].map((m) => Number(m[1])));
}

export function renderTencent(signName: string, content: string, params: string[]): string {
  return `【${signName}】${content.replace(/\{(\d+)\}/g, (_, n: string) => params[Number(n) - 1] ?? '')}`;
}
