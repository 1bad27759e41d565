// The append-only audit log: what happened to each candidate workflow, who did it (an HR user, the
// AI scorer, the system) and when. Rows are never updated or deleted.
import type { Knex } from 'knex';
import { fromJsonText, insertIfAbsent, MAX, optionalText, requireText, toJsonText, toUtcIso, type RepoOptions } from './sql-helpers';

const TABLE = 'audit_events';

export interface AuditEventInput {
  /** Unique within the tenant and stable across retries (e.g. `${workflowId}:${version}`). */
  eventKey: string;
  tenantId: string;
  workflowId: string;
  type: string;
  stage?: string | null;
  /** An HR user ID, `system`, the scorer; never a candidate's data. */
  actor: string;
  at: string;
  /**
   * Context for the event. It must not contain personal data (names, phone numbers, ID numbers,
   * free text the candidate wrote): the audit log outlives the application it describes, and
   * personal data lives only in the applications table. The caller is responsible for this.
   */
  details?: Record<string, unknown>;
}

export interface AuditEvent {
  eventKey: string;
  tenantId: string;
  workflowId: string;
  type: string;
  stage: string | null;
  actor: string;
  at: string;
  details: Record<string, unknown>;
  /** When the hub stored the event (UTC). */
  recordedAt: string;
}

interface AuditRecord {
  tenant_id: string;
  event_key: string;
  workflow_id: string;
  type: string;
  stage: string | null;
  actor: string;
  at: string;
  details: string;
  recorded_at: string;
}

export class AuditRepo {
  private readonly now: () => Date;

  constructor(
    private readonly knex: Knex,
    options: RepoOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** Appends an event; a retried append with the same eventKey is ignored (`created: false`). */
  async append(e: AuditEventInput): Promise<{ created: boolean }> {
    const record: AuditRecord = {
      tenant_id: requireText(e.tenantId, 'tenantId', MAX.tenantId),
      event_key: requireText(e.eventKey, 'eventKey', MAX.key),
      workflow_id: requireText(e.workflowId, 'workflowId', MAX.workflowId),
      type: requireText(e.type, 'type', MAX.type),
      stage: optionalText(e.stage, 'stage', MAX.stage),
      actor: requireText(e.actor, 'actor', MAX.actor),
      at: toUtcIso(e.at, 'at'),
      details: toJsonText(e.details ?? {}),
      recorded_at: this.now().toISOString(),
    };
    const created = await insertIfAbsent(this.knex, TABLE, { ...record }, ['tenant_id', 'event_key']);
    return { created };
  }

  /** The workflow's events in the order they happened (`at`), then in the order they were appended. */
  async list(tenantId: string, workflowId: string): Promise<AuditEvent[]> {
    const rows = (await this.knex(TABLE)
      .where({ tenant_id: tenantId, workflow_id: workflowId })
      .orderBy([
        { column: 'at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])) as AuditRecord[];
    return rows.map((r) => ({
      eventKey: r.event_key,
      tenantId: r.tenant_id,
      workflowId: r.workflow_id,
      type: r.type,
      stage: r.stage,
      actor: r.actor,
      at: r.at,
      details: fromJsonText<Record<string, unknown>>(r.details),
      recordedAt: r.recorded_at,
    }));
  }
}
