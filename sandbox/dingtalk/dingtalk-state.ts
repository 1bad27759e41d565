// What the simulated DingTalk keeps: each tenant's app (credentials, the approval templates it
// has, its people), the approval instances (审批) with their tasks and operation records, the work
// notifications the hub sent, and a request log for tests.
import { DEV_PEOPLE, envOr } from '../hr-kit/dev-reviewers';

export interface DingTalkUser {
  userId: string;
  name?: string;
}

export interface DingTalkTenant {
  tenantId: string;
  appKey: string;
  appSecret: string;
  agentId: number;
  corpId: string;
  /** Event-push crypto: token, 43-character aesKey, and the id it binds to (default: appKey). */
  token: string;
  aesKey: string;
  ownerKey?: string;
  /** Approval templates created in DingTalk admin. Default ['PROC-HB-REVIEW-0001']. */
  processCodes?: string[];
  users?: DingTalkUser[];
  /**
   * `current`: the event subscription's push (EventTime, CorpId, BizId, eventId, taskId);
   * `legacy`: the older registered callback (none of those; `corpId`). Default current.
   */
  pushFormat?: 'current' | 'legacy';
  /** Query names on pushes: msg_signature & timestamp (default) or signature & timeStamp. */
  querySpelling?: 'msg_signature' | 'signature';
  hubUrl?: string;
}

export type TaskStatus = 'RUNNING' | 'COMPLETED' | 'CANCELED';

export interface DingTalkTask {
  taskId: number;
  userId: string;
  /** Index of the approver entry (node) the task belongs to. */
  node: number;
  status: TaskStatus;
  result?: 'agree' | 'refuse' | 'redirect';
  remark?: string;
  createTime: number;
  finishTime?: number;
}

export interface OperationRecord {
  userId: string;
  date: number;
  type: 'START_PROCESS_INSTANCE' | 'EXECUTE_TASK_NORMAL' | 'REDIRECT_TASK' | 'ADD_REMARK' | 'TERMINATE_PROCESS_INSTANCE';
  result: 'AGREE' | 'REFUSE' | 'REDIRECTED' | 'NONE';
  remark?: string;
}

export interface ApproverEntry {
  actionType: 'OR' | 'AND' | 'NONE';
  userIds: string[];
}

export interface DingTalkInstance {
  instanceId: string;
  tenantId: string;
  processCode: string;
  originatorUserId: string;
  deptId: number;
  approvers: ApproverEntry[];
  formComponentValues: { name: string; value: string }[];
  title: string;
  businessId: string;
  status: 'RUNNING' | 'COMPLETED' | 'TERMINATED';
  result?: 'agree' | 'refuse';
  /** Simulated-clock ms. */
  createTime: number;
  finishTime?: number;
  currentNode: number;
  tasks: DingTalkTask[];
  operationRecords: OperationRecord[];
  terminated?: { isSystem: boolean; remark?: string; operatingUserId?: string };
  /** Things the simulator noticed (a likely duplicate create, personal data, …). */
  warnings: string[];
}

export interface WorkNotification {
  taskId: number;
  requestId: string;
  tenantId: string;
  agentId: number;
  userIds: string[];
  msg: Record<string, unknown>;
  /** Users who see it; identical content to the same user within a day is dropped by DingTalk. */
  deliveredTo: string[];
  droppedFor: string[];
  sentAt: number;
  warnings: string[];
}

export interface DingTalkRequestLog {
  at: number;
  method: string;
  path: string;
  status: number;
  code: string | number;
}

export function devDingTalkTenants(env: NodeJS.ProcessEnv = process.env): DingTalkTenant[] {
  return [{
    tenantId: 'demo',
    appKey: envOr('DEMO_DINGTALK_APP_KEY', 'dingdevhirebridge01', env),
    appSecret: envOr('DEMO_DINGTALK_APP_SECRET', 'dev-dingtalk-app-secret', env),
    agentId: Number(envOr('DEMO_DINGTALK_AGENT_ID', '3000000001', env)),
    corpId: envOr('DEMO_DINGTALK_CORP_ID', 'dingdevcorp00000001', env),
    token: envOr('DEMO_DINGTALK_TOKEN', 'devDingToken2026', env),
    aesKey: envOr('DEMO_DINGTALK_AES_KEY', 'ZGV2LWRpbmd0YWxrLWFlcy1rZXktMDAwMDAwMDAwMDA', env),
    processCodes: [envOr('DEMO_DINGTALK_PROCESS_CODE', 'PROC-HB-REVIEW-0001', env)],
    users: DEV_PEOPLE.map((p) => ({ userId: p.dingtalkUserId, name: p.name })),
  }];
}

export class DingTalkState {
  readonly tenants = new Map<string, DingTalkTenant>();
  readonly instances = new Map<string, DingTalkInstance>();
  readonly notifications: WorkNotification[] = [];
  readonly requests: DingTalkRequestLog[] = [];
  /** `${tenantId}:${userId}:${content hash}` → last delivery time (sim ms). */
  readonly notified = new Map<string, number>();

  constructor(tenants: DingTalkTenant[]) {
    for (const t of tenants) this.tenants.set(t.tenantId, { ...t, ownerKey: t.ownerKey ?? t.appKey, processCodes: t.processCodes ?? ['PROC-HB-REVIEW-0001'] });
  }

  tenant(tenantId?: string): DingTalkTenant {
    const t = tenantId === undefined ? [...this.tenants.values()][0] : this.tenants.get(tenantId);
    if (!t) throw new Error(`DingTalk simulator: no tenant ${tenantId ?? '(none configured)'}`);
    return t;
  }

  tenantByAppKey(appKey: string): DingTalkTenant | undefined {
    return [...this.tenants.values()].find((t) => t.appKey === appKey);
  }

  userName(tenant: DingTalkTenant, userId: string): string {
    return tenant.users?.find((u) => u.userId === userId)?.name ?? userId;
  }
}
