// Board postings: which board job ID each of a tenant's jobs has on each board, what was last
// sent, and whether it is online, so job-posting activities are idempotent across restarts.
import type { Knex } from 'knex';
import { MAX, requireText, toUtcIso, type RepoOptions } from './sql-helpers';

const TABLE = 'board_postings';

export const PostingStatus = { ONLINE: 'online', OFFLINE: 'offline' } as const;
export type PostingStatus = (typeof PostingStatus)[keyof typeof PostingStatus];

export interface BoardPosting {
  tenantId: string;
  jobCode: string;
  board: string;
  boardJobId: string;
  contentHash: string;
  status: PostingStatus;
  validUntil: string;
  publishedAt: string;
  updatedAt: string;
}

interface BoardPostingRecord {
  tenant_id: string;
  job_code: string;
  board: string;
  board_job_id: string;
  content_hash: string;
  status: string;
  valid_until: string;
  published_at: string;
  updated_at: string;
}

const fromRecord = (r: BoardPostingRecord): BoardPosting => ({
  tenantId: r.tenant_id,
  jobCode: r.job_code,
  board: r.board,
  boardJobId: r.board_job_id,
  contentHash: r.content_hash,
  status: r.status as PostingStatus,
  validUntil: r.valid_until,
  publishedAt: r.published_at,
  updatedAt: r.updated_at,
});

export class BoardPostingsRepo {
  private readonly now: () => Date;

  constructor(
    private readonly knex: Knex,
    options: RepoOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  async get(tenantId: string, jobCode: string, board: string): Promise<BoardPosting | null> {
    const row = (await this.knex(TABLE).where({ tenant_id: tenantId, job_code: jobCode, board }).first()) as BoardPostingRecord | undefined;
    return row ? fromRecord(row) : null;
  }

  async list(tenantId: string, jobCode?: string): Promise<BoardPosting[]> {
    const query = this.knex(TABLE).where('tenant_id', tenantId);
    if (jobCode !== undefined) query.andWhere('job_code', jobCode);
    const rows = (await query.orderBy(['job_code', 'board'])) as BoardPostingRecord[];
    return rows.map(fromRecord);
  }

  /** People hired for a job: candidates of the read model that reached ONBOARDED (headcount check). */
  async countHires(tenantId: string, jobCode: string): Promise<number> {
    const row = (await this.knex('candidates').where({ tenant_id: tenantId, job_code: jobCode, stage: 'ONBOARDED' }).count({ n: '*' }).first()) as { n: number | string } | undefined;
    return Number(row?.n ?? 0);
  }

  /** Inserts or replaces the posting of (tenant, job, board); `publishedAt` of the first save is kept. */
  async save(p: Omit<BoardPosting, 'publishedAt' | 'updatedAt'>): Promise<BoardPosting> {
    const key = {
      tenant_id: requireText(p.tenantId, 'tenantId', MAX.tenantId),
      job_code: requireText(p.jobCode, 'jobCode', MAX.jobCode),
      board: requireText(p.board, 'board', MAX.board),
    };
    const at = this.now().toISOString();
    const values = {
      board_job_id: requireText(p.boardJobId, 'boardJobId', MAX.applicationId),
      content_hash: requireText(p.contentHash, 'contentHash', 64),
      status: p.status,
      valid_until: toUtcIso(p.validUntil, 'validUntil'),
      updated_at: at,
    };
    await this.knex(TABLE)
      .insert({ ...key, ...values, published_at: at })
      .onConflict(['tenant_id', 'job_code', 'board'])
      .merge(values);
    return (await this.get(p.tenantId, p.jobCode, p.board))!;
  }
}
