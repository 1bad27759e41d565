// The board feedback outbox: one row per (application, progress) the board should hear about,
// enqueued by the candidate workflow's activity and drained in order by the board-feedback workflow.
import type { Knex } from 'knex';
import { idToString, insertIfAbsent, MAX, requireLimit, requireText, type RepoOptions } from './sql-helpers';

const TABLE = 'board_feedback';

export const FeedbackStatus = { PENDING: 'pending', SENT: 'sent', FAILED: 'failed', SKIPPED: 'skipped' } as const;
export type FeedbackStatus = (typeof FeedbackStatus)[keyof typeof FeedbackStatus];

export interface BoardFeedbackInput {
  tenantId: string;
  board: string;
  applicationId: string;
  /** A BoardProgress value (common/board-progress.ts). */
  progress: string;
  /** The stage that caused it, for operators. */
  stage: string;
}

export interface BoardFeedback extends BoardFeedbackInput {
  /** Opaque; increases in order of creation. */
  id: string;
  status: FeedbackStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

interface BoardFeedbackRecord {
  id: number | string;
  tenant_id: string;
  board: string;
  application_id: string;
  progress: string;
  stage: string;
  status: string;
  attempts: number;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

const fromRecord = (r: BoardFeedbackRecord): BoardFeedback => ({
  id: idToString(r.id),
  tenantId: r.tenant_id,
  board: r.board,
  applicationId: r.application_id,
  progress: r.progress,
  stage: r.stage,
  status: r.status as FeedbackStatus,
  attempts: Number(r.attempts),
  lastError: r.last_error,
  createdAt: r.created_at,
  sentAt: r.sent_at,
});

export class BoardFeedbackRepo {
  private readonly now: () => Date;

  constructor(
    private readonly knex: Knex,
    options: RepoOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** Enqueues once per (tenant, board, application, progress): a retried activity adds nothing. */
  async enqueue(f: BoardFeedbackInput): Promise<{ created: boolean }> {
    const created = await insertIfAbsent(
      this.knex,
      TABLE,
      {
        tenant_id: requireText(f.tenantId, 'tenantId', MAX.tenantId),
        board: requireText(f.board, 'board', MAX.board),
        application_id: requireText(f.applicationId, 'applicationId', MAX.applicationId),
        progress: requireText(f.progress, 'progress', 16),
        stage: requireText(f.stage, 'stage', MAX.stage),
        status: FeedbackStatus.PENDING,
        attempts: 0,
        created_at: this.now().toISOString(),
      },
      ['tenant_id', 'board', 'application_id', 'progress'],
    );
    return { created };
  }

  /** The oldest pending rows of one tenant's board, in order of creation. */
  async pending(tenantId: string, board: string, limit: number): Promise<BoardFeedback[]> {
    const rows = (await this.knex(TABLE)
      .where({ tenant_id: tenantId, board, status: FeedbackStatus.PENDING })
      .orderBy('id', 'asc')
      .limit(requireLimit(limit, 500))) as BoardFeedbackRecord[];
    return rows.map(fromRecord);
  }

  async markSent(id: string): Promise<void> {
    await this.knex(TABLE).where('id', id).update({ status: FeedbackStatus.SENT, sent_at: this.now().toISOString(), last_error: null }).increment('attempts', 1);
  }

  /** Ends a row that must not be retried (the board refused it for good, or has no such status). */
  async markDone(id: string, status: typeof FeedbackStatus.FAILED | typeof FeedbackStatus.SKIPPED, reason: string): Promise<void> {
    await this.knex(TABLE).where('id', id).update({ status, last_error: reason.slice(0, 2000) }).increment('attempts', 1);
  }

  /** Counts a failed attempt that will be retried, keeping its reason for operators. */
  async noteAttempt(id: string, reason: string): Promise<void> {
    await this.knex(TABLE).where('id', id).update({ last_error: reason.slice(0, 2000) }).increment('attempts', 1);
  }

  async list(tenantId: string, filter: { board?: string; applicationId?: string } = {}): Promise<BoardFeedback[]> {
    const query = this.knex(TABLE).where('tenant_id', tenantId);
    if (filter.board !== undefined) query.andWhere('board', filter.board);
    if (filter.applicationId !== undefined) query.andWhere('application_id', filter.applicationId);
    const rows = (await query.orderBy('id', 'asc')) as BoardFeedbackRecord[];
    return rows.map(fromRecord);
  }
}
