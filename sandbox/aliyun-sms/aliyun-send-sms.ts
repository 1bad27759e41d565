// SendSms as the simulated Aliyun applies it (notify-providers.md §0, §1.1, §1.3): the account's
// state, the numbers, the approved SignName and TemplateCode, TemplateParam (a JSON string of
// string values, no URLs, short values, no blocked words), per-number limits and the balance.
// All or nothing: one refusal code for the whole request, or one BizId for every number.
import type { SimClock } from '../board-kit/sim-clock';
import type { PerNumberLimiter } from '../notify-kit/per-number-limiter';
import { blockedWordIn, charLength, looksLikeUrl, MAINLAND_BARE, segmentsOf } from '../notify-kit/sms-variable-rules';
import type { AliyunCall } from './aliyun-gateway';
import { aliyunVariables, renderAliyun, type AliyunMessage } from './aliyun-model';
import type { AliyunState } from './aliyun-state';

export interface AliyunOutcome { code: string; message?: string; extra?: Record<string, unknown> }

export interface SendSmsRules {
  /** §0: each variable at most this many characters (default 12). */
  maxParamLength: number;
  /** Words refused with isv.BLACK_KEY_CONTROL_LIMIT. */
  blockedWords: readonly string[];
}

export interface SendSmsDeps {
  state: AliyunState;
  clock: SimClock;
  rules: SendSmsRules;
  /** Verification templates: per number and SignName (§0). */
  verificationLimiter: PerNumberLimiter;
  /** Notification templates: per number and SignName (none by default: the spec gives none). */
  notificationLimiter: PerNumberLimiter;
  onAccepted(messages: AliyunMessage[]): void;
}

const MAX_NUMBERS = 1000;

export function sendSms(call: AliyunCall, deps: SendSmsDeps): AliyunOutcome {
  const { account, params } = call;
  for (const name of ['PhoneNumbers', 'SignName', 'TemplateCode']) {
    if (!params.get(name)) return { code: 'MissingParameter', message: `${name} is mandatory for this action.` };
  }
  if (account.outOfService) return { code: 'isv.OUT_OF_SERVICE' };

  const phones = params.get('PhoneNumbers')!.split(',').map((p) => p.trim());
  if (phones.length > MAX_NUMBERS) return { code: 'isv.MOBILE_COUNT_OVER_LIMIT', message: `at most ${MAX_NUMBERS} numbers per request` };
  const bad = phones.find((p) => !MAINLAND_BARE.test(p));
  if (bad !== undefined) return { code: 'isv.MOBILE_NUMBER_ILLEGAL', message: '非法手机号：大陆号码为1开头的11位数字，不带国家码' };

  const signName = params.get('SignName')!;
  if (!account.signNames.includes(signName)) return { code: 'isv.SMS_SIGNATURE_ILLEGAL' };
  const templateCode = params.get('TemplateCode')!;
  const template = account.templates[templateCode];
  if (!template || template.approved === false) return { code: 'isv.SMS_TEMPLATE_ILLEGAL' };

  const variables = aliyunVariables(template.content);
  const rawParam = params.get('TemplateParam');
  let values: Record<string, string> = {};
  if (rawParam !== undefined && rawParam !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(rawParam);
    } catch {
      return { code: 'isv.INVALID_JSON_PARAM', message: 'TemplateParam 不是合法的JSON' };
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { code: 'isv.INVALID_JSON_PARAM', message: 'TemplateParam 必须是JSON对象' };
    const nonString = Object.entries(parsed).find(([, v]) => typeof v !== 'string');
    if (nonString) return { code: 'isv.INVALID_JSON_PARAM', message: `JSON参数不合法，只接受字符串值：${nonString[0]}` };
    values = parsed as Record<string, string>;
  }
  const absent = variables.filter((v) => values[v] === undefined);
  if (absent.length > 0) return { code: 'isv.TEMPLATE_MISSING_PARAMETERS', message: `模板变量缺少对应参数值：${absent.join(',')}` };
  for (const name of variables) {
    const value = values[name]!;
    if (looksLikeUrl(value)) return { code: 'isv.PARAM_NOT_SUPPORT_URL', message: `变量不支持传入URL：${name}` };
    if (charLength(value) > deps.rules.maxParamLength) return { code: 'isv.PARAM_LENGTH_LIMIT', message: `参数超出长度限制：${name} 超过${deps.rules.maxParamLength}个字符` };
    if (blockedWordIn(value, deps.rules.blockedWords)) return { code: 'isv.BLACK_KEY_CONTROL_LIMIT', message: `变量含有管控关键词：${name}` };
  }

  const limiter = template.kind === 'verification' ? deps.verificationLimiter : deps.notificationLimiter;
  const key = (phone: string) => `${account.tenantId}:${phone}:${signName}`;
  for (const phone of phones) {
    const full = limiter.check(key(phone));
    if (full) return { code: full.code, message: full.message };
  }

  const used = Object.fromEntries(variables.map((v) => [v, values[v]!]));
  const text = renderAliyun(signName, template.content, used);
  const segments = segmentsOf(text);
  if (account.balance !== undefined) {
    if (account.balance < segments * phones.length) return { code: 'isv.AMOUNT_NOT_ENOUGH' };
    account.balance -= segments * phones.length;
  }

  const bizId = deps.state.newBizId();
  const outId = params.get('OutId') || undefined;
  const acceptedAt = deps.clock.now();
  const messages = phones.map((phone): AliyunMessage => ({
    tenantId: account.tenantId, bizId, requestId: call.requestId, phone, signName, templateCode, params: used, outId,
    text, segments, acceptedAt, status: 'ACCEPTED',
  }));
  for (const phone of phones) limiter.record(key(phone));
  deps.state.messages.push(...messages);
  deps.onAccepted(messages);
  return { code: 'OK', message: 'OK', extra: { BizId: bizId } };
}
