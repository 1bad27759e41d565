// The notification outbox: a workflow's activity enqueues a message once (idempotent by key), and
// a dispatcher sends pending rows through SMS/e-mail/WeChat and marks them sent.
import type { Knex } from 'knex';
import { invalidError } from '../../common/errors';
import { fromJsonText, idToString, insertIfAbsent, MAX, requireLimit, requireText, toJsonText, toUtcIso, type RepoOptions } from './sql-helpers';

const TABLE = 'notifications';

export const NotificationAudience = { CANDIDATE: 'candidate', HR: 'hr', HR_ESCALATION: 'hr_escalation' } as const;
export type NotificationAudience = (typeof NotificationAudience)[keyof typeof NotificationAudience];

export const NotificationStatus = { PENDING: 'pending', SENT: 'sent' } as const;
export type NotificationStatus = (typeof NotificationStatus)[keyof typeof NotificationStatus];

export interface NotificationInput {
  /** Stable per workflow and purpose, unique within the tenant: a retried activity enqueues once. */
  idempotencyKey: string;
  tenantId: string;
  workflowId: string;
  channel: string;
  audience: NotificationAudience;
  /**
   * Who gets it. Personal data belongs only in the applications table, so this should be a
   * reference the dispatcher resolves when sending (an HR contact ID, or the workflow's candidate),
   * not a phone number or address. The same holds for `params`. The caller is responsible.
   */
  recipient: string;
  template: string;
  params: Record<string, unknown>;
}

export interface Notification extends NotificationInput {
  /** Opaque; increases in order of creation. */
  id: string;
  status: NotificationStatus;
  createdAt: string;
  sentAt: string | null;
}

interface NotificationRecord {
  id?: number | string;
  tenant_id: string;
  idempotency_key: string;
  workflow_id: string;
  channel: string;
  audience: string;
  recipient: string;
  template: string;
  params: string;
  status: string;
  created_at: string;
  sent_at: string | null;
}

const AUDIENCES: readonly string[] = Object.values(NotificationAudience);
export const MAX_PENDING_BATCH = 1000;

export class NotificationsRepo {
  private readonly now: () => Date;

  constructor(
    private readonly knex: Knex,
    options: RepoOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** Enqueues once per (tenant, idempotencyKey); a duplicate returns the first row's id with `created: false`. */
  async enqueue(n: NotificationInput): Promise<{ id: string; created: boolean }> {
    if (!AUDIENCES.includes(n.audience)) {
      throw invalidError('BadField', `audience must be one of ${AUDIENCES.join(', ')}`, { field: 'audience' });
    }
    const record: NotificationRecord = {
      tenant_id: requireText(n.tenantId, 'tenantId', MAX.tenantId),
      idempotency_key: requireText(n.idempotencyKey, 'idempotencyKey', MAX.key),
      workflow_id: requireText(n.workflowId, 'workflowId', MAX.workflowId),
      channel: requireText(n.channel, 'channel', MAX.channel),
      audience: n.audience,
      recipient: requireText(n.recipient, 'recipient', MAX.recipient),
      template: requireText(n.template, 'template', MAX.template),
      params: toJsonText(n.params ?? {}),
      status: NotificationStatus.PENDING,
      created_at: this.now().toISOString(),
      sent_at: null,
    };
    const key = { tenant_id: record.tenant_id, idempotency_key: record.idempotency_key };
    const created = await insertIfAbsent(this.knex, TABLE, { ...record }, ['tenant_id', 'idempotency_key']);
    // Read the id back in both cases: MySQL returns no inserted row, and a duplicate needs the first one's.
    const stored = (await this.knex(TABLE).where(key).first('id')) as { id: number | string } | undefined;
    if (!stored) throw new Error(`notification ${record.idempotency_key} vanished after insert`);
    return { id: idToString(stored.id), created };
  }

  /** A workflow's notifications in order of creation. */
  async listForWorkflow(tenantId: string, workflowId: string): Promise<Notification[]> {
    const rows = (await this.knex(TABLE).where({ tenant_id: tenantId, workflow_id: workflowId }).orderBy('id', 'asc')) as NotificationRecord[];
    return rows.map(fromRecord);
  }

  /** The oldest pending notifications of all tenants, for the dispatcher; limit 1..1000. */
  async listPending(limit: number): Promise<Notification[]> {
    const rows = (await this.knex(TABLE)
      .where('status', NotificationStatus.PENDING)
      .orderBy('id', 'asc')
      .limit(requireLimit(limit, MAX_PENDING_BATCH))) as NotificationRecord[];
    return rows.map(fromRecord);
  }

  /**
   * Marks a pending notification sent. Only the first call counts (`marked: true`); a repeat keeps
   * the first `sentAt`, so a dispatcher retrying after a crash does not rewrite history.
   */
  async markSent(id: string, at: string): Promise<{ marked: boolean }> {
    const sentAt = toUtcIso(at, 'at');
    // Ids are decimal sequence numbers; anything else cannot match and would make PostgreSQL fail the cast.
    if (typeof id !== 'string' || !/^[1-9]\d{0,17}$/.test(id)) {
      throw invalidError('BadField', 'id must be a notification id returned by enqueue', { field: 'id' });
    }
    const count = await this.knex(TABLE)
      .where({ id, status: NotificationStatus.PENDING })
      .update({ status: NotificationStatus.SENT, sent_at: sentAt });
    return { marked: count > 0 };
  }
}

function fromRecord(r: NotificationRecord): Notification {
  return {
    id: idToString(r.id),
    idempotencyKey: r.idempotency_key,
    tenantId: r.tenant_id,
    workflowId: r.workflow_id,
    channel: r.channel,
    audience: r.audience as NotificationAudience,
    recipient: r.recipient,
    template: r.template,
    params: fromJsonText<Record<string, unknown>>(r.params),
    status: r.status as NotificationStatus,
    createdAt: r.created_at,
    sentAt: r.sent_at,
  };
}
