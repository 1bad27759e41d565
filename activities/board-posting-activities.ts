// Job posting on the boards: compares the tenant's job config (open, headcount, posting fields)
// with what was last sent to a board (hub-db board_postings) and publishes, updates or takes the
// posting offline. Idempotent: Doumi's 40901 and Jianzhimao's re-publish of an out_job_no are success.
import { createHash } from 'node:crypto';
import { findJob, findTenant } from '../common/config';
import type { JobConfig } from '../common/config-schema';
import { utcToBeijingTime } from '../common/board-times';
import { configError } from '../common/errors';
import type { DoumiJobPosting } from '../connectors/doumi/doumi-client';
import type { JianzhimaoJobPosting } from '../connectors/jianzhimao/jianzhimao-client';
import { PostingStatus } from '../connectors/hub-db/board-postings-repo';
import type { ApiBoard } from '../workflows/board-definitions';
import { createBoardClients, toBoardFailure, type BoardClients } from './board-clients';
import type { ActivityDeps } from './deps';

/** Every posting carries this tag, so candidates know an AI interview follows (issue #3). */
export const AI_INTERVIEW_TAG = 'AI面试';
/** Without posting.validUntil, a posting runs this long after it was published or changed. */
const DEFAULT_VALIDITY_MS = 90 * 24 * 3600_000;

export type PostingAction = 'published' | 'updated' | 'unchanged' | 'offline' | 'already-offline' | 'not-posted';

export interface PostingSyncResult {
  board: ApiBoard;
  action: PostingAction;
  boardJobId: string | null;
  online: boolean;
  hires: number;
  headcount: number;
}

/** The board-neutral content of a posting; its hash decides whether an update is due. */
function postingContent(job: JobConfig) {
  return {
    code: job.code,
    title: job.title,
    category: job.posting.category ?? job.role,
    categoryCode: job.posting.categoryCode ?? job.role,
    city: job.city,
    district: job.posting.district ?? null,
    address: job.posting.address ?? job.city,
    hourlyWage: job.hourlyWage,
    headcount: job.headcount,
    schedule: job.posting.schedule,
    description: job.posting.description || job.title,
    tags: [AI_INTERVIEW_TAG, ...job.posting.tags.filter((t) => t !== AI_INTERVIEW_TAG)],
    validUntil: job.posting.validUntil ?? null,
  };
}
type PostingContent = ReturnType<typeof postingContent>;

const hashOf = (content: PostingContent) => createHash('sha256').update(JSON.stringify(content)).digest('hex');

function doumiPosting(c: PostingContent, validUntil: string): DoumiJobPosting {
  return {
    outerJobCode: c.code,
    title: c.title,
    category: c.category,
    city: c.city,
    ...(c.district ? { district: c.district } : {}),
    address: c.address,
    hourlyWage: c.hourlyWage,
    headcount: c.headcount,
    schedule: c.schedule,
    description: c.description,
    tags: c.tags,
    validUntil,
  };
}

function jianzhimaoPosting(c: PostingContent, validUntil: string): JianzhimaoJobPosting {
  return {
    out_job_no: c.code,
    title: c.title,
    category_code: c.categoryCode,
    city_name: c.city,
    address: c.address,
    salary: { amount: c.hourlyWage, unit: 'HOUR' },
    headcount: c.headcount,
    work_time_desc: c.schedule,
    description: c.description,
    tags: c.tags,
    valid_until: utcToBeijingTime(validUntil),
  };
}

export function createBoardPostingActivities(deps: Pick<ActivityDeps, 'config' | 'store' | 'logger'> & { boardClients?: BoardClients }) {
  const clients = deps.boardClients ?? createBoardClients(deps.config);

  return {
    /** The boards a job is posted on: those the tenant configured with postJobs (empty for an unknown job). */
    // An unknown job (removed from config) still gets its boards: syncJobPosting takes it offline there.
    async jobPostingBoards({ tenantId }: { tenantId: string; jobCode: string }): Promise<ApiBoard[]> {
      const tenant = findTenant(deps.config, tenantId);
      const boards: ApiBoard[] = [];
      if (tenant?.boards.doumi?.postJobs) boards.push('doumi');
      if (tenant?.boards.jianzhimao?.postJobs) boards.push('jianzhimao');
      return boards;
    },

    /** Brings one board's posting of one job in line with the config and the hires so far. */
    async syncJobPosting({ tenantId, jobCode, board }: { tenantId: string; jobCode: string; board: ApiBoard }): Promise<PostingSyncResult> {
      const tenant = findTenant(deps.config, tenantId);
      const job = tenant ? findJob(tenant, jobCode) : undefined;
      const existing = await deps.store.boardPostings.get(tenantId, jobCode, board);
      const hires = await deps.store.boardPostings.countHires(tenantId, jobCode);
      const headcount = job?.headcount ?? 0;
      const wantOnline = !!job && job.open && hires < headcount && !!tenant?.boards[board]?.postJobs;
      const result = (action: PostingAction, boardJobId: string | null, online: boolean): PostingSyncResult => ({ board, action, boardJobId, online, hires, headcount });

      try {
        if (!wantOnline) {
          if (!existing) return result('not-posted', null, false);
          if (existing.status === PostingStatus.OFFLINE) return result('already-offline', existing.boardJobId, false);
          if (board === 'doumi') await clients.doumi(tenantId).offlineJob(existing.boardJobId);
          else await clients.jianzhimao(tenantId).closeJob(existing.boardJobId);
          await deps.store.boardPostings.save({ ...existing, status: PostingStatus.OFFLINE });
          deps.logger.info({ tenantId, jobCode, board, hires, headcount, open: job?.open ?? false }, 'job posting taken offline');
          return result('offline', existing.boardJobId, false);
        }

        const content = postingContent(job);
        const contentHash = hashOf(content);
        if (existing && existing.status === PostingStatus.ONLINE && existing.contentHash === contentHash) return result('unchanged', existing.boardJobId, true);
        const validUntil = content.validUntil ? new Date(content.validUntil).toISOString() : new Date(Date.now() + DEFAULT_VALIDITY_MS).toISOString();
        let boardJobId: string;
        if (board === 'doumi') {
          const doumi = clients.doumi(tenantId);
          const posting = doumiPosting(content, validUntil);
          if (existing?.status === PostingStatus.OFFLINE) {
            // Reopened after going offline. Doumi's API has no "online again" call: a create answers
            // 40901 while the job exists. Its content is brought up to date, and a person re-lists it.
            const again = await doumi.createJob(posting);
            if (again.existed) {
              await doumi.updateJob(again.jobId, posting);
              await deps.store.boardPostings.save({ ...existing, boardJobId: again.jobId, contentHash, validUntil });
              throw configError('DoumiJobOffline', `Doumi job ${again.jobId} (${jobCode}) is offline and Doumi's API cannot put it online again; re-list it on Doumi`);
            }
            boardJobId = again.jobId;
          } else if (existing) {
            await doumi.updateJob(existing.boardJobId, posting);
            boardJobId = existing.boardJobId;
          } else {
            const created = await doumi.createJob(posting);
            boardJobId = created.jobId;
            // It existed already (e.g. the hub lost its row): make sure it shows this content.
            if (created.existed) await doumi.updateJob(boardJobId, posting);
          }
        } else {
          ({ jobId: boardJobId } = await clients.jianzhimao(tenantId).publishJob(jianzhimaoPosting(content, validUntil)));
        }
        await deps.store.boardPostings.save({ tenantId, jobCode, board, boardJobId, contentHash, status: PostingStatus.ONLINE, validUntil });
        deps.logger.info({ tenantId, jobCode, board, boardJobId }, existing ? 'job posting updated' : 'job published');
        return result(existing ? 'updated' : 'published', boardJobId, true);
      } catch (err) {
        throw toBoardFailure(err);
      }
    },
  };
}
