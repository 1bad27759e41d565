// The normalised applications, keyed by (tenant, board, application ID). This is the only table of
// the hub database that holds personal data; workflows and every other table carry the reference.
import type { Knex } from 'knex';
import { invalidError } from '../../common/errors';
import { Board, type ApplicationRef, type CanonicalApplication } from '../../common/types';
import { fromJsonText, insertIfAbsent, MAX, requireText, toJsonText, toUtcIso, type RepoOptions } from './sql-helpers';

const TABLE = 'applications';
const KEY_COLUMNS = ['tenant_id', 'board', 'application_id'] as const;

interface ApplicationRecord {
  tenant_id: string;
  board: string;
  application_id: string;
  job_code: string;
  applied_at: string;
  candidate: string;
  received_at: string;
  updated_at: string;
}

export class ApplicationsRepo {
  private readonly now: () => Date;

  constructor(
    private readonly knex: Knex,
    options: RepoOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Stores an application, or refreshes it on redelivery. `created` is true for exactly one caller,
   * also when deliveries race (webhook and poller, or a board retrying), which is what decides who
   * starts the workflow. A redelivery updates the candidate's data but keeps the first `appliedAt`
   * and `jobCode`: the running workflow was started with those.
   */
  async upsert(app: CanonicalApplication): Promise<{ created: boolean }> {
    const key = keyOf(app);
    const now = this.now().toISOString();
    const candidate = toJsonText(app.candidate);
    const created = await insertIfAbsent(
      this.knex,
      TABLE,
      {
        ...key,
        job_code: requireText(app.jobCode, 'jobCode', MAX.jobCode),
        applied_at: toUtcIso(app.appliedAt, 'appliedAt'),
        candidate,
        received_at: now,
        updated_at: now,
      } satisfies ApplicationRecord,
      KEY_COLUMNS,
    );
    if (!created) {
      await this.knex(TABLE).where(key).update({ candidate, updated_at: now });
    }
    return { created };
  }

  async get(ref: ApplicationRef): Promise<CanonicalApplication | undefined> {
    const row = (await this.knex(TABLE).where(keyOf(ref)).first()) as ApplicationRecord | undefined;
    if (!row) return undefined;
    return {
      tenantId: row.tenant_id,
      board: row.board as Board,
      applicationId: row.application_id,
      jobCode: row.job_code,
      appliedAt: row.applied_at,
      candidate: fromJsonText<CanonicalApplication['candidate']>(row.candidate),
    };
  }
}

const BOARDS: readonly string[] = Object.values(Board);

function keyOf(ref: ApplicationRef): Pick<ApplicationRecord, 'tenant_id' | 'board' | 'application_id'> {
  if (!BOARDS.includes(ref.board)) throw invalidError('BadField', `board must be one of ${BOARDS.join(', ')}`, { field: 'board' });
  return {
    tenant_id: requireText(ref.tenantId, 'tenantId', MAX.tenantId),
    board: ref.board,
    application_id: requireText(ref.applicationId, 'applicationId', MAX.applicationId),
  };
}
