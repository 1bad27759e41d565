// QuerySendDetails (notify-providers.md §1.4): the messages one number got on one Beijing day,
// optionally of one BizId, a page at a time. SendStatus 1 waiting, 2 failed, 3 delivered; OutId is
// echoed, so the hub can tell after an unobserved outcome whether its message went out.
import { toBeijingText } from '../board-kit/board-time';
import { MAINLAND_BARE } from '../notify-kit/sms-variable-rules';
import type { AliyunCall } from './aliyun-gateway';
import type { AliyunMessage } from './aliyun-model';
import type { AliyunOutcome } from './aliyun-send-sms';
import type { AliyunState } from './aliyun-state';

const SEND_STATUS = { ACCEPTED: 1, FAILED: 2, DELIVERED: 3 } as const;

function detail(m: AliyunMessage) {
  return {
    PhoneNum: m.phone,
    SendStatus: SEND_STATUS[m.status],
    ErrCode: m.status === 'ACCEPTED' ? '' : m.errCode ?? '',
    TemplateCode: m.templateCode,
    Content: m.text,
    SendDate: toBeijingText(m.acceptedAt),
    ReceiveDate: m.reportedAt === undefined ? '' : toBeijingText(m.reportedAt),
    OutId: m.outId ?? '',
  };
}

export function querySendDetails(call: AliyunCall, state: AliyunState): AliyunOutcome {
  const { params, account } = call;
  for (const name of ['PhoneNumber', 'SendDate', 'PageSize', 'CurrentPage']) {
    if (!params.get(name)) return { code: 'MissingParameter', message: `${name} is mandatory for this action.` };
  }
  const phone = params.get('PhoneNumber')!;
  if (!MAINLAND_BARE.test(phone)) return { code: 'isv.MOBILE_NUMBER_ILLEGAL' };
  const sendDate = params.get('SendDate')!;
  if (!/^\d{8}$/.test(sendDate)) return { code: 'InvalidParameter', message: 'SendDate must be yyyyMMdd.' };
  const pageSize = Number(params.get('PageSize'));
  const currentPage = Number(params.get('CurrentPage'));
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 50) return { code: 'InvalidParameter', message: 'PageSize must be 1..50.' };
  if (!Number.isInteger(currentPage) || currentPage < 1) return { code: 'InvalidParameter', message: 'CurrentPage must be at least 1.' };
  const bizId = params.get('BizId');

  const rows = state.messages
    .filter((m) => m.tenantId === account.tenantId && m.phone === phone
      && toBeijingText(m.acceptedAt).slice(0, 10).replaceAll('-', '') === sendDate
      && (!bizId || m.bizId === bizId))
    .sort((a, b) => b.acceptedAt - a.acceptedAt);
  const page = rows.slice((currentPage - 1) * pageSize, currentPage * pageSize);
  return {
    code: 'OK',
    message: 'OK',
    extra: { TotalCount: String(rows.length), SmsSendDetailDTOs: { SmsSendDetailDTO: page.map(detail) } },
  };
}
