// The candidates read model: one row per candidate workflow, written by the workflow's activities
// at every stage change and read by the API's lists. Holds references and stages, no personal data.
import type { Knex } from 'knex';
import { invalidError } from '../../common/errors';
import { Board, CandidateStage, TERMINAL_STAGES } from '../../common/types';
import {
  MAX,
  optionalText,
  requireLimit,
  requireText,
  toUtcIso,
  toUtcIsoOrNull,
  insertIfAbsent,
} from './sql-helpers';

const TABLE = 'candidates';

export interface CandidateRow {
  workflowId: string;
  tenantId: string;
  board: Board;
  applicationId: string;
  jobCode: string;
  stage: CandidateStage;
  outcome: string | null;
  score: number | null;
  reviewDueAt: string | null;
  onboardingDueAt: string | null;
  /** The running deadline was counted on provisional calendar days and may still move. */
  deadlineProvisional: boolean;
  /** Increases with every change of the workflow's state; a row is only replaced by a higher one. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A row as written: `deadlineProvisional` defaults to false. */
export type CandidateWrite = Omit<CandidateRow, 'deadlineProvisional'> & { deadlineProvisional?: boolean };

export interface CandidateListFilter {
  tenantId: string;
  stage?: CandidateStage;
  jobCode?: string;
  board?: Board;
  /** Inclusive lower bound on createdAt. */
  createdFrom?: string;
  /** Exclusive upper bound on createdAt, so consecutive ranges never overlap. */
  createdTo?: string;
  /** 1..200 */
  limit: number;
  /** `nextCursor` of the previous page; pass the same filter with it. */
  cursor?: string;
}

export interface CandidatePage {
  items: CandidateRow[];
  /** null on the last page. */
  nextCursor: string | null;
}

export const MAX_PAGE_SIZE = 200;

/** Open candidates whose running deadline is provisional, in workflow-ID order, a page at a time. */
export interface ProvisionalFilter {
  tenantId: string;
  /** The last workflow ID of the previous page (exclusive); omitted: from the start. */
  afterWorkflowId?: string;
  /** 1..200 */
  limit: number;
}

interface CandidateRecord {
  tenant_id: string;
  workflow_id: string;
  board: string;
  application_id: string;
  job_code: string;
  stage: string;
  outcome: string | null;
  score: number | null;
  review_due_at: string | null;
  onboarding_due_at: string | null;
  deadline_provisional: boolean | number;
  version: number;
  created_at: string;
  updated_at: string;
}

const STAGES: readonly string[] = Object.values(CandidateStage);
const BOARDS: readonly string[] = Object.values(Board);

export class CandidatesRepo {
  constructor(private readonly knex: Knex) {}

  /**
   * Writes the row if its version is newer than the stored one. Activities are retried and may
   * finish out of order, so the guard is part of the UPDATE's WHERE clause (atomic in the database)
   * rather than a read followed by a write. `applied` tells whether this call's state was written.
   * createdAt is kept from the first write.
   */
  async upsert(row: CandidateWrite): Promise<{ applied: boolean }> {
    const record = toRecord(row);
    const key = { tenant_id: record.tenant_id, workflow_id: record.workflow_id };
    const changes: Partial<CandidateRecord> = {
      stage: record.stage,
      outcome: record.outcome,
      score: record.score,
      review_due_at: record.review_due_at,
      onboarding_due_at: record.onboarding_due_at,
      deadline_provisional: record.deadline_provisional,
      version: record.version,
      updated_at: record.updated_at,
    };
    const guardedUpdate = () => this.knex(TABLE).where(key).andWhere('version', '<', record.version).update(changes);

    // Most writes after the first find the row: try the update first.
    if ((await guardedUpdate()) > 0) return { applied: true };
    if (await insertIfAbsent(this.knex, TABLE, { ...record }, ['tenant_id', 'workflow_id'])) return { applied: true };
    // The row exists: either it is as new as ours already, or another writer inserted it between
    // our update and insert, in which case ours may still be the newer one.
    return { applied: (await guardedUpdate()) > 0 };
  }

  async get(tenantId: string, workflowId: string): Promise<CandidateRow | undefined> {
    const row = (await this.knex(TABLE).where({ tenant_id: tenantId, workflow_id: workflowId }).first()) as CandidateRecord | undefined;
    return row ? fromRecord(row) : undefined;
  }

  /** Newest first (createdAt, then workflowId, both descending), one page at a time. */
  async list(filter: CandidateListFilter): Promise<CandidatePage> {
    const limit = requireLimit(filter.limit, MAX_PAGE_SIZE);
    const query = this.knex(TABLE).where('tenant_id', requireText(filter.tenantId, 'tenantId', MAX.tenantId));
    if (filter.stage !== undefined) query.andWhere('stage', oneOf(filter.stage, STAGES, 'stage'));
    if (filter.board !== undefined) query.andWhere('board', oneOf(filter.board, BOARDS, 'board'));
    if (filter.jobCode !== undefined) query.andWhere('job_code', requireText(filter.jobCode, 'jobCode', MAX.jobCode));
    // Stored times are fixed-width UTC text, so comparing the text compares the times.
    if (filter.createdFrom !== undefined) query.andWhere('created_at', '>=', toUtcIso(filter.createdFrom, 'createdFrom'));
    if (filter.createdTo !== undefined) query.andWhere('created_at', '<', toUtcIso(filter.createdTo, 'createdTo'));
    if (filter.cursor !== undefined) {
      const after = decodeCursor(filter.cursor);
      // (created_at, workflow_id) < (c, w), spelled out because not every dialect compares row values.
      query.andWhere((q) =>
        q.where('created_at', '<', after.c).orWhere((same) => same.where('created_at', '=', after.c).andWhere('workflow_id', '<', after.w)),
      );
    }
    const rows = (await query
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'workflow_id', order: 'desc' },
      ])
      // One more than asked tells whether another page exists without a COUNT.
      .limit(limit + 1)) as CandidateRecord[];

    const items = rows.slice(0, limit).map(fromRecord);
    const last = items[items.length - 1];
    const nextCursor = rows.length > limit && last ? encodeCursor({ c: last.createdAt, w: last.workflowId }) : null;
    return { items, nextCursor };
  }

  /** For the deadline refresh: one page of open candidates flagged provisional, and where the next begins. */
  async listProvisional(filter: ProvisionalFilter): Promise<{ items: CandidateRow[]; nextAfter: string | null }> {
    const limit = requireLimit(filter.limit, MAX_PAGE_SIZE);
    const query = this.knex(TABLE)
      .where('tenant_id', requireText(filter.tenantId, 'tenantId', MAX.tenantId))
      .andWhere('deadline_provisional', true)
      // A closed workflow has nothing left to remind of (its last write clears the flag; a
      // terminated one may not have).
      .whereNotIn('stage', [...TERMINAL_STAGES]);
    if (filter.afterWorkflowId !== undefined) query.andWhere('workflow_id', '>', requireText(filter.afterWorkflowId, 'afterWorkflowId', MAX.workflowId));
    const rows = (await query.orderBy('workflow_id', 'asc').limit(limit + 1)) as CandidateRecord[];
    const items = rows.slice(0, limit).map(fromRecord);
    return { items, nextAfter: rows.length > limit ? items[items.length - 1]!.workflowId : null };
  }

  /** Open candidates with a provisional running deadline, per tenant (for the metrics gauge). */
  async countProvisional(): Promise<Array<{ tenantId: string; count: number }>> {
    const rows = (await this.knex(TABLE)
      .select('tenant_id')
      .count({ n: '*' })
      .where('deadline_provisional', true)
      .whereNotIn('stage', [...TERMINAL_STAGES])
      .groupBy('tenant_id')) as Array<{ tenant_id: string; n: number | string }>;
    return rows.map((r) => ({ tenantId: r.tenant_id, count: Number(r.n) }));
  }
}

interface Cursor {
  c: string; // createdAt of the last item seen
  w: string; // its workflowId
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

function decodeCursor(text: string): Cursor {
  const bad = () => invalidError('BadCursor', 'cursor is not one this API returned; start again without a cursor');
  // Node's base64 decoder skips characters it does not know; check the alphabet so junk is refused.
  if (typeof text !== 'string' || !/^[A-Za-z0-9_-]{1,1024}$/.test(text)) throw bad();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  const { c, w } = (parsed ?? {}) as Partial<Record<keyof Cursor, unknown>>;
  if (typeof c !== 'string' || typeof w !== 'string' || w.length === 0 || w.length > MAX.workflowId) throw bad();
  // Only the exact stored form is accepted, so the text comparison in the query stays meaningful.
  let normalised: string;
  try {
    normalised = toUtcIso(c, 'cursor');
  } catch {
    throw bad();
  }
  if (normalised !== c) throw bad();
  return { c, w };
}

function oneOf(value: string, allowed: readonly string[], field: string): string {
  if (!allowed.includes(value)) throw invalidError('BadField', `${field} must be one of ${allowed.join(', ')}`, { field });
  return value;
}

function toRecord(row: CandidateWrite): CandidateRecord {
  if (!Number.isSafeInteger(row.version) || row.version < 0 || row.version > 2_147_483_647) {
    throw invalidError('BadField', 'version must be a non-negative 32-bit integer', { field: 'version' });
  }
  if (row.score !== null && (typeof row.score !== 'number' || !Number.isFinite(row.score))) {
    throw invalidError('BadField', 'score must be a finite number or null', { field: 'score' });
  }
  return {
    tenant_id: requireText(row.tenantId, 'tenantId', MAX.tenantId),
    workflow_id: requireText(row.workflowId, 'workflowId', MAX.workflowId),
    board: oneOf(row.board, BOARDS, 'board'),
    application_id: requireText(row.applicationId, 'applicationId', MAX.applicationId),
    job_code: requireText(row.jobCode, 'jobCode', MAX.jobCode),
    stage: oneOf(row.stage, STAGES, 'stage'),
    outcome: optionalText(row.outcome, 'outcome', MAX.outcome),
    score: row.score,
    review_due_at: toUtcIsoOrNull(row.reviewDueAt, 'reviewDueAt'),
    onboarding_due_at: toUtcIsoOrNull(row.onboardingDueAt, 'onboardingDueAt'),
    deadline_provisional: row.deadlineProvisional === true,
    version: row.version,
    created_at: toUtcIso(row.createdAt, 'createdAt'),
    updated_at: toUtcIso(row.updatedAt, 'updatedAt'),
  };
}

function fromRecord(r: CandidateRecord): CandidateRow {
  return {
    workflowId: r.workflow_id,
    tenantId: r.tenant_id,
    board: r.board as Board,
    applicationId: r.application_id,
    jobCode: r.job_code,
    stage: r.stage as CandidateStage,
    outcome: r.outcome,
    score: r.score === null ? null : Number(r.score),
    reviewDueAt: r.review_due_at,
    onboardingDueAt: r.onboarding_due_at,
    // SQLite and MariaDB hand booleans back as 0/1.
    deadlineProvisional: Boolean(r.deadline_provisional),
    version: Number(r.version),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
