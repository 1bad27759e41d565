// SendSms as the simulated Tencent applies it (notify-providers.md §0, §2.1, §2.3): request-level
// checks first (SmsSdkAppId, ≤ 200 numbers all mainland or all abroad, SignName, TemplateId, the
// parameter count, no URLs, short values, 0–6 digits in verification templates), then a status
// per number in SendStatusSet (format, do-not-disturb list, per-number limits, balance, `Ok`).
import type { SimClock } from '../board-kit/sim-clock';
import type { PerNumberLimiter } from '../notify-kit/per-number-limiter';
import { charLength, looksLikeUrl, MAINLAND_E164, segmentsOf } from '../notify-kit/sms-variable-rules';
import type { TencentCall } from './tencent-gateway';
import { renderTencent, TENCENT_CODES, tencentVariableCount, type TencentMessage } from './tencent-model';
import type { TencentState } from './tencent-state';

export interface TencentSendDeps {
  state: TencentState;
  clock: SimClock;
  /** §0: each variable at most this many characters (default 12). */
  maxParamLength: number;
  limiter: PerNumberLimiter;
  onAccepted(messages: TencentMessage[]): void;
}

type Fields = Record<string, unknown>;
const error = (code: string, message?: string): Fields => ({ Error: { Code: code, Message: message ?? TENCENT_CODES[code]?.message ?? code } });
const ABROAD = /^\+(?!86)\d{6,15}$/;
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

export function sendTencentSms(call: TencentCall, deps: TencentSendDeps): Fields {
  const { account, body } = call;
  if (!isStringArray(body.PhoneNumberSet) || body.PhoneNumberSet.length === 0) return error('MissingParameter', 'PhoneNumberSet: a list of numbers is required.');
  if (typeof body.SmsSdkAppId !== 'string') return error('MissingParameter', 'SmsSdkAppId is required.');
  if (typeof body.TemplateId !== 'string') return error('MissingParameter', 'TemplateId is required.');
  if (body.TemplateParamSet !== undefined && !isStringArray(body.TemplateParamSet)) return error('InvalidParameter', 'TemplateParamSet must be a list of strings.');
  if (body.SignName !== undefined && typeof body.SignName !== 'string') return error('InvalidParameter', 'SignName must be a string.');
  if (body.SessionContext !== undefined && typeof body.SessionContext !== 'string') return error('InvalidParameter', 'SessionContext must be a string.');
  if (body.SmsSdkAppId !== account.smsSdkAppId) return error('InvalidParameterValue.SdkAppIdNotExist', 'SdkAppId 不存在');

  const phones = body.PhoneNumberSet;
  if (phones.length > 200) return error('LimitExceeded.PhoneNumberCountLimit', '单次请求的手机号个数超过上限200');
  const mainland = phones.some((p) => MAINLAND_E164.test(p));
  if (mainland && phones.some((p) => ABROAD.test(p))) return error('InvalidParameter', 'PhoneNumberSet must be all mainland or all abroad numbers.');

  const signName = (body.SignName as string | undefined) ?? '';
  if (mainland && !account.signNames.includes(signName)) return error('FailedOperation.SignatureIncorrectOrUnapproved');
  const template = account.templates[body.TemplateId];
  if (!template || template.approved === false) return error('FailedOperation.TemplateIncorrectOrUnapproved');
  const params = (body.TemplateParamSet as string[] | undefined) ?? [];
  if (params.length !== tencentVariableCount(template.content)) return error('FailedOperation.TemplateParamSetNotMatchApprovedTemplate');
  for (const value of params) {
    if (looksLikeUrl(value)) return error('InvalidParameterValue.ProhibitedUseUrlInTemplateParameter');
    if (template.kind === 'verification' && !/^\d{0,6}$/.test(value)) return error('InvalidParameterValue.TemplateParameterFormatError');
    if (charLength(value) > deps.maxParamLength) return error('InvalidParameterValue.TemplateParameterLengthLimit', `单个模板变量字符数超过${deps.maxParamLength}个`);
  }

  const text = renderTencent(signName, template.content, params);
  const segments = segmentsOf(text);
  const sessionContext = (body.SessionContext as string | undefined) ?? '';
  const acceptedAt = deps.clock.now();
  const accepted: TencentMessage[] = [];
  const refused = (phone: string, code: string, message?: string) => ({
    SerialNo: '', PhoneNumber: phone, Fee: 0, SessionContext: sessionContext, Code: code, Message: message ?? TENCENT_CODES[code]?.message ?? code, IsoCode: mainland ? 'CN' : '',
  });

  const statuses = phones.map((phone) => {
    if (call.perNumberFailure) return refused(phone, call.perNumberFailure.code!, call.perNumberFailure.message);
    if (!MAINLAND_E164.test(phone)) {
      return refused(phone, 'InvalidParameterValue.IncorrectPhoneNumber', ABROAD.test(phone) ? '该 SmsSdkAppId 未开通国际/港澳台短信' : '手机号格式错误，应为 E.164 格式，如 +8613800138000');
    }
    if (deps.state.blacklist.has(phone)) return refused(phone, 'FailedOperation.PhoneNumberInBlacklist');
    const key = `${account.tenantId}:${phone}`;
    const full = deps.limiter.check(key);
    if (full) return refused(phone, full.code, full.message);
    if (account.balance !== undefined) {
      if (account.balance < segments) return refused(phone, 'FailedOperation.InsufficientBalanceInSmsPackage');
      account.balance -= segments;
    }
    deps.limiter.record(key);
    const message: TencentMessage = {
      tenantId: account.tenantId, serialNo: deps.state.newSerialNo(), requestId: call.requestId, phone, signName,
      templateId: body.TemplateId as string, params, sessionContext: sessionContext || undefined, text, segments, acceptedAt, status: 'ACCEPTED',
    };
    accepted.push(message);
    return { SerialNo: message.serialNo, PhoneNumber: phone, Fee: segments, SessionContext: sessionContext, Code: 'Ok', Message: 'send success', IsoCode: 'CN' };
  });

  if (accepted.length > 0) {
    deps.state.messages.push(...accepted);
    deps.onAccepted(accepted);
  }
  return { SendStatusSet: statuses };
}
