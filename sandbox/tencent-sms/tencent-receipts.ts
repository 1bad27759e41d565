// Tencent's status callbacks (notify-providers.md §2.4): after the delay each accepted number is
// reported SUCCESS (DELIVRD), or FAIL for a number on the undeliverable list, and one request's
// reports are POSTed as a JSON array to {hub}/webhooks/sms/tencent/{tenantId}/{receiptSecret}.
// Times are Beijing time without a zone. The hub acknowledges with {"result":0,…}.
import { toBeijingText } from '../board-kit/board-time';
import type { SimClock } from '../board-kit/sim-clock';
import type { ReceiptPusher } from '../notify-kit/receipt-pusher';
import type { TencentMessage } from './tencent-model';
import type { TencentState } from './tencent-state';

export function isTencentReceiptAck(status: number, body: string): boolean {
  if (status !== 200) return false;
  try {
    return (JSON.parse(body) as { result?: unknown }).result === 0;
  } catch {
    return false;
  }
}

export function tencentReceiptItem(m: TencentMessage) {
  return {
    user_receive_time: toBeijingText(m.reportedAt ?? m.acceptedAt),
    nationcode: '86',
    mobile: m.phone.replace(/^\+86/, ''),
    report_status: m.status === 'DELIVERED' ? 'SUCCESS' : 'FAIL',
    errmsg: m.errmsg ?? '',
    description: m.description ?? '',
    sid: m.serialNo,
  };
}

export interface TencentReceiptDeps {
  state: TencentState;
  clock: SimClock;
  pusher: ReceiptPusher;
  delayMs(): number;
  hubUrl(): string | undefined;
}

export function scheduleTencentReports(messages: TencentMessage[], deps: TencentReceiptDeps): void {
  deps.pusher.afterDelay(deps.delayMs(), () => {
    const reportedAt = deps.clock.now();
    for (const m of messages) {
      const failure = deps.state.undeliverable.get(m.phone);
      m.status = failure ? 'FAILED' : 'DELIVERED';
      m.errmsg = failure ? failure.errmsg : 'DELIVRD';
      m.description = failure ? failure.description : '用户短信送达成功';
      m.reportedAt = reportedAt;
    }
    const first = messages[0];
    const account = first && deps.state.account(first.tenantId);
    const hubUrl = deps.hubUrl();
    if (!first || !account?.receiptSecret || !hubUrl) return;
    const url = `${hubUrl.replace(/\/$/, '')}/webhooks/sms/tencent/${encodeURIComponent(account.tenantId)}/${encodeURIComponent(account.receiptSecret)}`;
    deps.pusher.push({ id: first.serialNo, tenantId: account.tenantId, subject: first.requestId }, url, messages.map(tencentReceiptItem));
  });
}
