// The simulated Aliyun's memory: accounts, every accepted message (one row per number, sharing
// the request's BizId), the request log (no phone numbers), and the numbers whose handset never
// receives (their report says success: false). Also maps messages to the common outbox shape.
import { randomInt } from 'node:crypto';
import { maskPhone, type SandboxOutboxEntry } from '../notify-kit/outbox-entry';
import type { AliyunAccount, AliyunMessage } from './aliyun-model';

export interface AliyunRequestLogEntry {
  /** Wall-clock ms. */
  at: number;
  action: string;
  accessKeyId?: string;
  httpStatus: number;
  code?: string;
  injected?: string;
}

export class AliyunState {
  readonly accounts = new Map<string, AliyunAccount>(); // accessKeyId → account
  readonly messages: AliyunMessage[] = [];
  readonly requests: AliyunRequestLogEntry[] = [];
  /** Number → the report's err_code/err_msg for a handset that never receives. */
  readonly undeliverable = new Map<string, { errCode: string; errMsg: string }>();

  constructor(accounts: AliyunAccount[]) {
    for (const a of accounts) this.accounts.set(a.accessKeyId, structuredClone(a));
  }

  account(tenantId?: string): AliyunAccount {
    const all = [...this.accounts.values()];
    const found = tenantId === undefined ? all[0] : all.find((a) => a.tenantId === tenantId);
    if (!found) throw new Error(`Aliyun SMS simulator: no account${tenantId ? ` for tenant ${tenantId}` : ''}`);
    return found;
  }

  /** Like Aliyun's: digits, then `^0`. */
  newBizId(): string {
    return `${randomInt(100_000, 999_999)}${randomInt(100_000_000, 999_999_999)}${randomInt(1000, 9999)}^0`;
  }

  toOutbox(m: AliyunMessage): SandboxOutboxEntry {
    return {
      provider: 'aliyun-sms',
      channel: 'sms',
      tenantId: m.tenantId,
      to: maskPhone(m.phone),
      template: m.templateCode,
      params: m.params,
      text: m.text,
      at: new Date(m.acceptedAt).toISOString(),
      status: m.status,
      providerMessageId: m.bizId,
      idempotencyKey: m.outId,
      reportedAt: m.reportedAt === undefined ? undefined : new Date(m.reportedAt).toISOString(),
    };
  }

  /** Accounts without their secrets, for GET /_sim/state. */
  publicAccounts(): unknown[] {
    return [...this.accounts.values()].map((a) => ({
      tenantId: a.tenantId, accessKeyId: a.accessKeyId, signNames: a.signNames, templates: a.templates,
      balance: a.balance ?? null, outOfService: a.outOfService ?? false, receipts: Boolean(a.receiptSecret),
    }));
  }
}
