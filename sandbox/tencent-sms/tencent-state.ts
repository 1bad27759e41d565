// The simulated Tencent SMS's memory: accounts, every accepted message (one per number, each with
// its own SerialNo), the request log (no phone numbers), the opted-out numbers and the numbers whose
// handset never receives. Also maps messages to the common outbox shape.
import { randomInt } from 'node:crypto';
import { maskPhone, type SandboxOutboxEntry } from '../notify-kit/outbox-entry';
import type { TencentAccount, TencentMessage } from './tencent-model';

export interface TencentRequestLogEntry {
  /** Wall-clock ms. */
  at: number;
  action: string;
  secretId?: string;
  /** Request-level error code, or the per-number codes joined with commas. */
  code?: string;
  injected?: string;
}

export class TencentState {
  readonly accounts = new Map<string, TencentAccount>(); // secretId → account
  readonly messages: TencentMessage[] = [];
  readonly requests: TencentRequestLogEntry[] = [];
  /** E.164 numbers on the do-not-disturb list (FailedOperation.PhoneNumberInBlacklist). */
  readonly blacklist = new Set<string>();
  /** E.164 number → the report's errmsg/description for a handset that never receives. */
  readonly undeliverable = new Map<string, { errmsg: string; description: string }>();

  constructor(accounts: TencentAccount[]) {
    for (const a of accounts) this.accounts.set(a.secretId, structuredClone(a));
  }

  account(tenantId?: string): TencentAccount {
    const all = [...this.accounts.values()];
    const found = tenantId === undefined ? all[0] : all.find((a) => a.tenantId === tenantId);
    if (!found) throw new Error(`Tencent SMS simulator: no account${tenantId ? ` for tenant ${tenantId}` : ''}`);
    return found;
  }

  /** Like Tencent's: `NNNN:` and a long run of digits. */
  newSerialNo(): string {
    let digits = '';
    while (digits.length < 27) digits += String(randomInt(0, 1_000_000_000)).padStart(9, '0');
    return `${randomInt(1000, 9999)}:${digits.slice(0, 27)}`;
  }

  toOutbox(m: TencentMessage): SandboxOutboxEntry {
    return {
      provider: 'tencent-sms',
      channel: 'sms',
      tenantId: m.tenantId,
      to: maskPhone(m.phone),
      template: m.templateId,
      params: m.params,
      text: m.text,
      at: new Date(m.acceptedAt).toISOString(),
      status: m.status,
      providerMessageId: m.serialNo,
      idempotencyKey: m.sessionContext,
      reportedAt: m.reportedAt === undefined ? undefined : new Date(m.reportedAt).toISOString(),
    };
  }

  publicAccounts(): unknown[] {
    return [...this.accounts.values()].map((a) => ({
      tenantId: a.tenantId, secretId: a.secretId, smsSdkAppId: a.smsSdkAppId, signNames: a.signNames, templates: a.templates,
      balance: a.balance ?? null, receipts: Boolean(a.receiptSecret),
    }));
  }
}
