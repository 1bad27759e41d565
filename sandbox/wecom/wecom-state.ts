// What the simulated WeCom keeps: each tenant's self-built app (corpId, agentId, secret, callback
// token and EncodingAESKey, its people), the template cards the hub sent with each recipient's copy,
// the single-use response codes (from a send or a click), and a request log for tests.
import { DEV_PEOPLE, envOr } from '../hr-kit/dev-reviewers';

export interface WeComUser {
  userId: string;
  name?: string;
}

export interface WeComTenant {
  tenantId: string;
  corpId: string;
  agentId: number;
  secret: string;
  token: string;
  /** 43 characters; the crypto's receive id is the corpId. */
  encodingAESKey: string;
  /** The corp's members; when set, other userids come back in `invaliduser`. */
  users?: WeComUser[];
  hubUrl?: string;
}

export interface CardButton {
  text: string;
  key: string;
  style?: number;
}

/** One recipient's copy of a card: updates apply per user. */
export interface CardCopy {
  userId: string;
  card: Record<string, unknown>;
  /** Set when an update replaced the buttons with a label (button.replace_name). */
  replacedButton?: string;
  updatedAt?: number;
}

export interface WeComMessage {
  msgid: string;
  tenantId: string;
  agentId: number;
  msgtype: string;
  /** template_card.task_id (button_interaction cards). */
  taskId?: string;
  touser: string[];
  invalidUsers: string[];
  body: Record<string, unknown>;
  copies: CardCopy[];
  /** The send's response_code (updates every recipient's copy), if a card. */
  responseCode?: string;
  sentAt: number;
  /** How many send calls returned this message (> 1: caught by enable_duplicate_check). */
  sends: number;
  warnings: string[];
}

export interface ResponseCodeRecord {
  code: string;
  tenantId: string;
  msgid: string;
  origin: 'send' | 'click';
  /** The users whose copies a click's code may update (the clicker); all recipients for a send's. */
  userIds: string[];
  issuedAt: number;
  usedAt?: number;
}

export interface WeComRequestLog {
  at: number;
  method: string;
  path: string;
  status: number;
  errcode: number;
}

export function devWeComTenants(env: NodeJS.ProcessEnv = process.env): WeComTenant[] {
  return [{
    tenantId: 'demo',
    corpId: envOr('DEMO_WECOM_CORP_ID', 'wwdev0hirebridge01', env),
    agentId: Number(envOr('DEMO_WECOM_AGENT_ID', '1000005', env)),
    secret: envOr('DEMO_WECOM_SECRET', 'dev-wecom-app-secret', env),
    token: envOr('DEMO_WECOM_TOKEN', 'devWeComToken2026', env),
    encodingAESKey: envOr('DEMO_WECOM_ENCODING_AES_KEY', 'ZGV2LXdlY29tLWVuY29kaW5nLWFlcy1rZXktMDAwMDA', env),
    users: DEV_PEOPLE.map((p) => ({ userId: p.wecomUserId, name: p.name })),
  }];
}

export class WeComState {
  readonly tenants = new Map<string, WeComTenant>();
  readonly messages = new Map<string, WeComMessage>();
  readonly responseCodes = new Map<string, ResponseCodeRecord>();
  /** `${tenantId}:${task_id}` → msgid. */
  readonly taskIds = new Map<string, string>();
  readonly requests: WeComRequestLog[] = [];

  constructor(tenants: WeComTenant[]) {
    for (const t of tenants) this.tenants.set(t.tenantId, { ...t });
  }

  tenant(tenantId?: string): WeComTenant {
    const t = tenantId === undefined ? [...this.tenants.values()][0] : this.tenants.get(tenantId);
    if (!t) throw new Error(`WeCom simulator: no tenant ${tenantId ?? '(none configured)'}`);
    return t;
  }

  tenantByCorp(corpId: string): WeComTenant[] {
    return [...this.tenants.values()].filter((t) => t.corpId === corpId);
  }

  userName(tenant: WeComTenant, userId: string): string {
    return tenant.users?.find((u) => u.userId === userId)?.name ?? userId;
  }

  byTaskId(tenantId: string, taskId: string): WeComMessage | undefined {
    return this.messages.get(this.taskIds.get(`${tenantId}:${taskId}`) ?? '');
  }
}
