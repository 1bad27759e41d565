// What the simulated Feishu keeps: each tenant's app (credentials, tenant_key, directory of users),
// the messages the hub sent (with every update), and a request log for tests.
import { createHash } from 'node:crypto';
import { DEV_PEOPLE, envOr } from '../hr-kit/dev-reviewers';

export interface FeishuUser {
  openId: string;
  userId?: string;
  unionId?: string;
  name?: string;
}

export interface FeishuTenant {
  tenantId: string;
  appId: string;
  appSecret: string;
  verificationToken: string;
  encryptKey: string;
  /** Feishu's id of the customer organisation (sent as tenant_key). Default: derived from appId. */
  tenantKey?: string;
  /** Users known to this app, for user_id / union_id on callbacks and the page's names. */
  users?: FeishuUser[];
  /** Where callbacks go: {hubUrl}/webhooks/feishu/{tenantId}. */
  hubUrl?: string;
}

export interface FeishuUpdate {
  at: number;
  content: string;
}

export interface FeishuToast {
  at: number;
  userId: string;
  deliveryId: string;
  toast?: { type?: string; content?: string };
}

export interface FeishuMessage {
  messageId: string;
  tenantId: string;
  appId: string;
  /** The recipient (p2p chat with the bot). */
  openId: string;
  chatId: string;
  msgType: string;
  /** The current content string (after the latest PATCH). */
  content: string;
  uuid?: string;
  /** Simulated-clock ms. */
  createdAt: number;
  updatedAt: number;
  /** How many send calls returned this message (> 1: an idempotent resend by uuid). */
  sends: number;
  updates: FeishuUpdate[];
  /** Problems the simulator saw on what the hub sent (personal data, …); kinds only. */
  warnings: string[];
  toasts: FeishuToast[];
}

export interface FeishuRequestLog {
  at: number;
  method: string;
  path: string;
  status: number;
  code: number;
}

export function devFeishuTenants(env: NodeJS.ProcessEnv = process.env): FeishuTenant[] {
  return [{
    tenantId: 'demo',
    appId: envOr('DEMO_FEISHU_APP_ID', 'cli_a0de00hirebridge', env),
    appSecret: envOr('DEMO_FEISHU_APP_SECRET', 'dev-feishu-app-secret', env),
    verificationToken: envOr('DEMO_FEISHU_VERIFICATION_TOKEN', 'dev-feishu-verification-token', env),
    encryptKey: envOr('DEMO_FEISHU_ENCRYPT_KEY', 'dev-feishu-encrypt-key', env),
    users: DEV_PEOPLE.map((p) => ({ openId: p.feishuOpenId, userId: p.feishuUserId, unionId: p.feishuUnionId, name: p.name })),
  }];
}

const hash = (text: string, chars: number) => createHash('sha256').update(text).digest('hex').slice(0, chars);

export class FeishuState {
  readonly tenants = new Map<string, FeishuTenant>();
  readonly messages = new Map<string, FeishuMessage>();
  /** `${appId}:${uuid}` → message id. */
  readonly byUuid = new Map<string, string>();
  readonly requests: FeishuRequestLog[] = [];

  constructor(tenants: FeishuTenant[]) {
    for (const t of tenants) this.tenants.set(t.tenantId, { ...t, tenantKey: t.tenantKey ?? hash(`tenant:${t.appId}`, 16) });
  }

  tenant(tenantId?: string): FeishuTenant {
    const t = tenantId === undefined ? [...this.tenants.values()][0] : this.tenants.get(tenantId);
    if (!t) throw new Error(`Feishu simulator: no tenant ${tenantId ?? '(none configured)'}`);
    return t;
  }

  tenantByApp(appId: string): FeishuTenant | undefined {
    return [...this.tenants.values()].find((t) => t.appId === appId);
  }

  user(tenant: FeishuTenant, openId: string): FeishuUser {
    return tenant.users?.find((u) => u.openId === openId) ?? { openId };
  }

  /** The p2p chat between the app's bot and a user: stable, like Feishu's. */
  chatIdFor(tenant: FeishuTenant, openId: string): string {
    return `oc_${hash(`chat:${tenant.appId}:${openId}`, 32)}`;
  }
}
