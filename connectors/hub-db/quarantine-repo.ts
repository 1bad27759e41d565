// The quarantine: board deliveries (webhook, poll, CSV row) that verified but could not be used,
// kept with reason and raw payload until replayed. The payload holds personal data, so it is
// sealed with the DataCipher (hub.dataKey) and bound to its tenant and board; every read is per tenant.
import type { Knex } from 'knex';
import type { DataCipher } from '../../common/data-cipher';
import { configError, invalidError } from '../../common/errors';
import { dialectOf, fromJsonText, idToString, insertIfAbsent, MAX, optionalText, requireLimit, requireText, toJsonText, type RepoOptions } from './sql-helpers';
import { QUARANTINE_SOURCES, type QuarantineSource } from '../../common/ingestion';

const TABLE = 'quarantine';
export const QUARANTINE_MAX_PAGE_SIZE = 100;

/** open: waiting for a fix; replayed: handed on; discarded: a person decided it cannot be used (kept, not deleted). */
export const QuarantineStatus = { OPEN: 'open', REPLAYED: 'replayed', DISCARDED: 'discarded' } as const;
export type QuarantineStatus = (typeof QuarantineStatus)[keyof typeof QuarantineStatus];

export interface QuarantineInput {
  tenantId: string;
  board: string;
  source: QuarantineSource;
  /** Stable, PascalCase (common/board-payload.ts PayloadProblem): labels the metric too. */
  reason: string;
  /** Each problem, naming the field, never its value. */
  problems?: string[];
  /** The bytes exactly as received (a webhook body, a poll item's JSON, a CSV row as JSON). */
  rawPayload: Buffer | string;
  contentType?: string;
  /** The board's delivery ID (or another stable key, e.g. `csv:<file hash>:<row>`): keeps a redelivery once. */
  deliveryId?: string;
  applicationId?: string;
}

/** A quarantined delivery without its payload: what lists show. */
export interface QuarantineEntry {
  id: string;
  tenantId: string;
  board: string;
  source: QuarantineSource;
  deliveryId: string | null;
  applicationId: string | null;
  reason: string;
  problems: string[];
  contentType: string | null;
  payloadBytes: number;
  status: QuarantineStatus;
  replayAttempts: number;
  workflowId: string | null;
  receivedAt: string;
  updatedAt: string;
  replayedAt: string | null;
  discardedBy: string | null;
  discardNote: string | null;
}

export interface QuarantineFilter {
  board?: string;
  status?: QuarantineStatus;
  reason?: string;
  limit: number;
  cursor?: string;
}

interface QuarantineRecord {
  id: unknown;
  tenant_id: string;
  board: string;
  source: string;
  delivery_id: string | null;
  application_id: string | null;
  reason: string;
  problems: string;
  payload: string;
  content_type: string | null;
  payload_bytes: number;
  status: string;
  replay_attempts: number;
  workflow_id: string | null;
  received_at: string;
  updated_at: string;
  replayed_at: string | null;
  discarded_by: string | null;
  discard_note: string | null;
}

const SUMMARY_COLUMNS = [
  'id', 'tenant_id', 'board', 'source', 'delivery_id', 'application_id', 'reason', 'problems', 'content_type',
  'payload_bytes', 'status', 'replay_attempts', 'workflow_id', 'received_at', 'updated_at', 'replayed_at', 'discarded_by', 'discard_note',
] as const;

const SOURCES: readonly string[] = QUARANTINE_SOURCES;
const MAX_PROBLEMS = 50;

export class QuarantineRepo {
  private readonly now: () => Date;

  constructor(
    private readonly knex: Knex,
    private readonly cipher: DataCipher | undefined,
    options: RepoOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  private requireCipher(): DataCipher {
    if (!this.cipher) throw configError('NoDataKey', 'the hub store was created without a data cipher (hub.dataKey); quarantined payloads cannot be sealed or read');
    return this.cipher;
  }

  /** Keeps a delivery; idempotent per tenant + board + deliveryId. Returns the row's ID. */
  async add(input: QuarantineInput): Promise<string> {
    return (await this.record(input)).id;
  }

  /** As add, and says whether this call created the row (false: the same delivery was kept before). */
  async record(input: QuarantineInput): Promise<{ id: string; created: boolean }> {
    const tenantId = requireText(input.tenantId, 'tenantId', MAX.tenantId);
    const board = requireText(input.board, 'board', MAX.board);
    if (!SOURCES.includes(input.source)) throw invalidError('BadField', `source must be one of ${SOURCES.join(', ')}`, { field: 'source' });
    const deliveryId = optionalText(input.deliveryId, 'deliveryId', MAX.key);
    const bytes = typeof input.rawPayload === 'string' ? Buffer.from(input.rawPayload, 'utf8') : input.rawPayload;
    const now = this.now().toISOString();
    const row = {
      tenant_id: tenantId,
      board,
      source: input.source,
      delivery_id: deliveryId,
      application_id: input.applicationId ? input.applicationId.slice(0, MAX.applicationId) : null,
      reason: requireText(input.reason, 'reason', MAX.type),
      problems: toJsonText((input.problems ?? []).slice(0, MAX_PROBLEMS)),
      payload: this.requireCipher().encrypt(bytes, sealContext(tenantId, board)),
      content_type: input.contentType ? input.contentType.slice(0, 128) : null,
      payload_bytes: bytes.length,
      status: QuarantineStatus.OPEN,
      replay_attempts: 0,
      workflow_id: null,
      received_at: now,
      updated_at: now,
      replayed_at: null,
    };
    if (deliveryId === null) {
      // MySQL has no RETURNING; its insert answers [insertId] instead.
      const inserted = dialectOf(this.knex) === 'mysql' ? ((await this.knex(TABLE).insert(row)) as number[])[0] : ((await this.knex(TABLE).insert(row).returning('id')) as Array<{ id: unknown }>)[0];
      return { id: idToString(typeof inserted === 'object' && inserted !== null ? inserted.id : inserted), created: true };
    }
    const created = await insertIfAbsent(this.knex, TABLE, row, ['tenant_id', 'board', 'delivery_id']);
    const existing = (await this.knex(TABLE).select('id').where({ tenant_id: tenantId, board, delivery_id: deliveryId }).first()) as { id: unknown };
    return { id: idToString(existing.id), created };
  }

  /** The tenant's quarantined deliveries, newest first, without payloads. */
  async list(tenantId: string, filter: QuarantineFilter): Promise<{ items: QuarantineEntry[]; nextCursor: string | null }> {
    const limit = requireLimit(filter.limit, QUARANTINE_MAX_PAGE_SIZE);
    const query = this.knex(TABLE).select(...SUMMARY_COLUMNS).where({ tenant_id: tenantId });
    if (filter.board) query.andWhere({ board: filter.board });
    if (filter.status) query.andWhere({ status: filter.status });
    if (filter.reason) query.andWhere({ reason: filter.reason });
    if (filter.cursor !== undefined) query.andWhere('id', '<', decodeCursor(filter.cursor));
    const rows = (await query.orderBy('id', 'desc').limit(limit + 1)) as QuarantineRecord[];
    const items = rows.slice(0, limit).map(toEntry);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > limit && last ? Buffer.from(last.id, 'utf8').toString('base64url') : null };
  }

  /** One entry of the tenant with its payload unsealed; undefined for another tenant's ID. */
  async get(tenantId: string, id: string): Promise<(QuarantineEntry & { rawPayload: Buffer }) | undefined> {
    if (!/^\d{1,18}$/.test(id)) return undefined;
    const row = (await this.knex(TABLE).where({ tenant_id: tenantId, id }).first()) as QuarantineRecord | undefined;
    if (!row) return undefined;
    return { ...toEntry(row), rawPayload: this.requireCipher().decrypt(row.payload, sealContext(row.tenant_id, row.board)) };
  }

  /** After a successful replay: the workflow it started or joined. Idempotent. */
  async markReplayed(tenantId: string, id: string, result: { workflowId: string | null }): Promise<void> {
    const now = this.now().toISOString();
    await this.knex(TABLE)
      .where({ tenant_id: tenantId, id })
      .update({ status: QuarantineStatus.REPLAYED, workflow_id: result.workflowId, replayed_at: now, updated_at: now })
      .increment('replay_attempts', 1);
  }

  /**
   * A redelivery of a quarantined delivery got through (e.g. Temporal was down at first): its open
   * row, if any, is marked replayed with the workflow. Returns whether a row was resolved.
   */
  async resolveDelivery(tenantId: string, board: string, deliveryId: string, workflowId: string): Promise<boolean> {
    const now = this.now().toISOString();
    const changed = await this.knex(TABLE)
      .where({ tenant_id: tenantId, board, delivery_id: deliveryId, status: QuarantineStatus.OPEN })
      .update({ status: QuarantineStatus.REPLAYED, workflow_id: workflowId, replayed_at: now, updated_at: now });
    return Number(changed) > 0;
  }

  /**
   * A person decided an open entry cannot be used (e.g. a test delivery or bad JSON no fix will
   * repair): it leaves the open backlog but stays, payload included. Returns false unless it was open.
   */
  async markDiscarded(tenantId: string, id: string, note: { by: string; note: string }): Promise<boolean> {
    const now = this.now().toISOString();
    const changed = await this.knex(TABLE)
      .where({ tenant_id: tenantId, id, status: QuarantineStatus.OPEN })
      .update({
        status: QuarantineStatus.DISCARDED,
        discarded_by: requireText(note.by, 'by', MAX.actor),
        discard_note: note.note.slice(0, 500),
        updated_at: now,
      });
    return Number(changed) > 0;
  }

  /** Open entries of one application with the given reason (e.g. a withdrawal that came first), oldest first. */
  async findOpenForApplication(tenantId: string, board: string, applicationId: string, reason: string): Promise<QuarantineEntry[]> {
    const rows = (await this.knex(TABLE)
      .select(...SUMMARY_COLUMNS)
      .where({ tenant_id: tenantId, board, application_id: applicationId, status: QuarantineStatus.OPEN, reason })
      .orderBy('id', 'asc')) as QuarantineRecord[];
    return rows.map(toEntry);
  }

  /** A replay that still failed: the entry stays open with the current reason. */
  async recordReplayFailure(tenantId: string, id: string, failure: { reason: string; problems: string[] }): Promise<void> {
    await this.knex(TABLE)
      .where({ tenant_id: tenantId, id, status: QuarantineStatus.OPEN })
      .update({ reason: failure.reason.slice(0, MAX.type), problems: toJsonText(failure.problems.slice(0, MAX_PROBLEMS)), updated_at: this.now().toISOString() })
      .increment('replay_attempts', 1);
  }

  /** Open entries per tenant, board and reason (for the metrics gauge and dashboards). */
  async countOpen(): Promise<Array<{ tenantId: string; board: string; reason: string; count: number }>> {
    const rows = (await this.knex(TABLE)
      .select('tenant_id', 'board', 'reason')
      .count({ n: '*' })
      .where({ status: QuarantineStatus.OPEN })
      .groupBy('tenant_id', 'board', 'reason')) as Array<{ tenant_id: string; board: string; reason: string; n: unknown }>;
    return rows.map((r) => ({ tenantId: r.tenant_id, board: r.board, reason: r.reason, count: Number(r.n) }));
  }
}

/** Associated data of a sealed payload: it opens only for the tenant and board it was kept for. */
const sealContext = (tenantId: string, board: string) => `quarantine:${tenantId}:${board}`;

function toEntry(row: QuarantineRecord): QuarantineEntry {
  return {
    id: idToString(row.id),
    tenantId: row.tenant_id,
    board: row.board,
    source: row.source as QuarantineSource,
    deliveryId: row.delivery_id,
    applicationId: row.application_id,
    reason: row.reason,
    problems: fromJsonText<string[]>(row.problems),
    contentType: row.content_type,
    payloadBytes: Number(row.payload_bytes),
    status: row.status as QuarantineStatus,
    replayAttempts: Number(row.replay_attempts),
    workflowId: row.workflow_id,
    receivedAt: row.received_at,
    updatedAt: row.updated_at,
    replayedAt: row.replayed_at,
    discardedBy: row.discarded_by,
    discardNote: row.discard_note,
  };
}

function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^\d{1,18}$/.test(id)) throw invalidError('BadCursor', 'cursor is not one this API returned; start again without a cursor');
  return id;
}
