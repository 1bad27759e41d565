// The one shape every message simulator (SMS, WeChat, and the SMTP sandbox) lists what it received
// in, at GET /_sim/outbox, so a single sandbox page can show every message a candidate or HR got.
// Recipients are masked: the page is for looking at, not a copy of the contact list.

export type OutboxProvider = 'aliyun-sms' | 'tencent-sms' | 'wechat-mp' | 'smtp';
export type OutboxStatus = 'ACCEPTED' | 'DELIVERED' | 'FAILED';

export interface SandboxOutboxEntry {
  provider: OutboxProvider;
  channel: 'sms' | 'wechat' | 'email';
  tenantId: string;
  /** Masked recipient: `138****8000`, `oUpF…eS6o`, `w***@example.com`. */
  to: string;
  /** TemplateCode, TemplateId, template_id, or the e-mail subject. */
  template: string;
  /** The variables as sent (named for Aliyun and WeChat, positional for Tencent). */
  params: Record<string, string> | string[];
  /** What the recipient sees, signature included, when the simulator can render it. */
  text?: string;
  /** When the provider accepted it, ISO-8601 UTC. */
  at: string;
  status: OutboxStatus;
  /** BizId, SerialNo, msgid, Message-ID. */
  providerMessageId: string;
  /** The hub's idempotency value echoed back: OutId, SessionContext, client_msg_id, Message-ID. */
  idempotencyKey?: string;
  /** Delivery receipt time, ISO-8601 UTC, once there is one. */
  reportedAt?: string;
}

/** `13800138000` / `+8613800138000` → `138****8000` (country code dropped). */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/^\+?86(?=1\d{10}$)/, '');
  return digits.length >= 7 ? `${digits.slice(0, 3)}****${digits.slice(-4)}` : '*'.repeat(digits.length);
}

/** A WeChat openid keeps its first and last four characters. */
export function maskOpenid(openid: string): string {
  return openid.length > 8 ? `${openid.slice(0, 4)}…${openid.slice(-4)}` : '****';
}

/** Newest first, across simulators. */
export function sortOutbox(entries: SandboxOutboxEntry[]): SandboxOutboxEntry[] {
  return [...entries].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}
