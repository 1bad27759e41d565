// PullSmsSendStatusByPhoneNumber (notify-providers.md §2.4): the delivery reports of one number
// for messages sent from BeginTime (to EndTime), Offset 0, Limit ≤ 100. As with Tencent, only
// messages that have a report appear: one still waiting for its handset is not listed.
import { MAINLAND_E164 } from '../notify-kit/sms-variable-rules';
import type { TencentCall } from './tencent-gateway';
import type { TencentState } from './tencent-state';

type Fields = Record<string, unknown>;
const error = (code: string, message: string): Fields => ({ Error: { Code: code, Message: message } });

export function pullSmsSendStatusByPhoneNumber(call: TencentCall, state: TencentState): Fields {
  const { body, account } = call;
  for (const name of ['BeginTime', 'Offset', 'Limit', 'PhoneNumber', 'SmsSdkAppId']) {
    if (body[name] === undefined) return error('MissingParameter', `${name} is required.`);
  }
  const { BeginTime, EndTime, Offset, Limit, PhoneNumber, SmsSdkAppId } = body;
  if (typeof BeginTime !== 'number' || (EndTime !== undefined && typeof EndTime !== 'number')) return error('InvalidParameter', 'BeginTime and EndTime are unix seconds.');
  if (Offset !== 0) return error('InvalidParameter', 'Offset must be 0.');
  if (typeof Limit !== 'number' || !Number.isInteger(Limit) || Limit < 1 || Limit > 100) return error('InvalidParameter', 'Limit must be 1..100.');
  if (SmsSdkAppId !== account.smsSdkAppId) return error('InvalidParameterValue.SdkAppIdNotExist', 'SdkAppId 不存在');
  if (typeof PhoneNumber !== 'string' || !MAINLAND_E164.test(PhoneNumber)) return error('InvalidParameterValue.IncorrectPhoneNumber', '手机号格式错误');

  const from = BeginTime * 1000;
  const to = EndTime === undefined ? Infinity : (EndTime as number) * 1000;
  const rows = state.messages
    .filter((m) => m.tenantId === account.tenantId && m.phone === PhoneNumber && m.reportedAt !== undefined && m.acceptedAt >= from && m.acceptedAt <= to)
    .sort((a, b) => a.acceptedAt - b.acceptedAt)
    .slice(0, Limit)
    .map((m) => ({
      UserReceiveTime: Math.floor(m.reportedAt! / 1000),
      CountryCode: '86',
      SubscriberNumber: m.phone.slice(3),
      PhoneNumber: m.phone,
      SerialNo: m.serialNo,
      ReportStatus: m.status === 'DELIVERED' ? 'SUCCESS' : 'FAIL',
      Description: m.description ?? '',
      SessionContext: m.sessionContext ?? '',
    }));
  return { PullSmsSendStatusSet: rows };
}
