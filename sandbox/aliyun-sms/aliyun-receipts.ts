// Aliyun's delivery reports (notify-providers.md §1.4): after the delay each number of a BizId is
// reported DELIVERED, or success: false for a number on the undeliverable list, and the batch is
// POSTed as one JSON array to {hub}/webhooks/sms/aliyun/{tenantId}/{receiptSecret}. Times are
// Beijing time without a zone. The hub acknowledges with {"code":0,…}.
import { toBeijingText } from '../board-kit/board-time';
import type { SimClock } from '../board-kit/sim-clock';
import type { ReceiptPusher } from '../notify-kit/receipt-pusher';
import type { AliyunMessage } from './aliyun-model';
import type { AliyunState } from './aliyun-state';

export function isAliyunReceiptAck(status: number, body: string): boolean {
  if (status !== 200) return false;
  try {
    return (JSON.parse(body) as { code?: unknown }).code === 0;
  } catch {
    return false;
  }
}

export function aliyunReceiptItem(m: AliyunMessage) {
  return {
    phone_number: m.phone,
    send_time: toBeijingText(m.acceptedAt),
    report_time: toBeijingText(m.reportedAt ?? m.acceptedAt),
    success: m.status === 'DELIVERED',
    err_code: m.errCode ?? '',
    err_msg: m.errMsg ?? '',
    sms_size: String(m.segments),
    biz_id: m.bizId,
    out_id: m.outId ?? '',
  };
}

export interface AliyunReceiptDeps {
  state: AliyunState;
  clock: SimClock;
  pusher: ReceiptPusher;
  delayMs(): number;
  hubUrl(): string | undefined;
}

/** Schedules the report of one request's messages (one BizId), and its push when there is a URL. */
export function scheduleAliyunReports(messages: AliyunMessage[], deps: AliyunReceiptDeps): void {
  deps.pusher.afterDelay(deps.delayMs(), () => {
    const reportedAt = deps.clock.now();
    for (const m of messages) {
      const failure = deps.state.undeliverable.get(m.phone);
      m.status = failure ? 'FAILED' : 'DELIVERED';
      m.errCode = failure ? failure.errCode : 'DELIVERED';
      m.errMsg = failure ? failure.errMsg : '用户接收成功';
      m.reportedAt = reportedAt;
    }
    const first = messages[0];
    const account = first && deps.state.account(first.tenantId);
    const hubUrl = deps.hubUrl();
    if (!first || !account?.receiptSecret || !hubUrl) return;
    const url = `${hubUrl.replace(/\/$/, '')}/webhooks/sms/aliyun/${encodeURIComponent(account.tenantId)}/${encodeURIComponent(account.receiptSecret)}`;
    deps.pusher.push({ id: first.bizId, tenantId: account.tenantId, subject: first.bizId }, url, messages.map(aliyunReceiptItem));
  });
}
