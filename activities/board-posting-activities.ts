// Job posting on the boards: compares the tenant's job config (open, headcount, posting fields)
// with what was last sent to a board (hub-db board_postings) and publishes, updates or takes the
// posting offline, through the board's contract (its posting mapper and publish). Idempotent: a
// board's "exists already" counts as success.
import { createHash } from 'node:crypto';
import { findJob, findTenant } from '../common/config';
import type { JobConfig } from '../common/config-schema';
import { AI_INTERVIEW_TAG, type JobPostingContent } from '../common/board-posting';
import { configError } from '../common/errors';
import { boardContract, PARTNER_BOARDS, type PartnerBoard } from '../connectors/board-registry';
import { PostingStatus } from '../connectors/hub-db/board-postings-repo';
import { createBoardClients, toBoardFailure, type BoardClients } from './board-clients';
import type { ActivityDeps } from './deps';

/** Without posting.validUntil, a posting runs this long after it was published or changed. */
const DEFAULT_VALIDITY_MS = 90 * 24 * 3600_000;

export type PostingAction = 'published' | 'updated' | 'unchanged' | 'offline' | 'already-offline' | 'not-posted';

export interface PostingSyncResult {
  board: PartnerBoard;
  action: PostingAction;
  boardJobId: string | null;
  online: boolean;
  hires: number;
  headcount: number;
}

/** The board-neutral content of a posting; its hash decides whether an update is due (keep the key order). */
function postingContent(job: JobConfig): JobPostingContent {
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
const hashOf = (content: JobPostingContent) => createHash('sha256').update(JSON.stringify(content)).digest('hex');

export function createBoardPostingActivities(deps: Pick<ActivityDeps, 'config' | 'store' | 'logger'> & { boardClients?: BoardClients }) {
  const clients = deps.boardClients ?? createBoardClients(deps.config);

  return {
    /** The boards a job is posted on: those the tenant configured with postJobs (empty for an unknown job). */
    // An unknown job (removed from config) still gets its boards: syncJobPosting takes it offline there.
    async jobPostingBoards({ tenantId }: { tenantId: string; jobCode: string }): Promise<PartnerBoard[]> {
      const tenant = findTenant(deps.config, tenantId);
      return PARTNER_BOARDS.filter((board) => tenant?.boards[board]?.postJobs);
    },

    /** Brings one board's posting of one job in line with the config and the hires so far. */
    async syncJobPosting({ tenantId, jobCode, board }: { tenantId: string; jobCode: string; board: PartnerBoard }): Promise<PostingSyncResult> {
      const tenant = findTenant(deps.config, tenantId);
      const job = tenant ? findJob(tenant, jobCode) : undefined;
      const existing = await deps.store.boardPostings.get(tenantId, jobCode, board);
      const hires = await deps.store.boardPostings.countHires(tenantId, jobCode);
      const headcount = job?.headcount ?? 0;
      const wantOnline = !!job && job.open && hires < headcount && !!tenant?.boards[board]?.postJobs;
      const result = (action: PostingAction, boardJobId: string | null, online: boolean): PostingSyncResult => ({ board, action, boardJobId, online, hires, headcount });
      const { posting } = boardContract(board);

      try {
        if (!wantOnline) {
          if (!existing) return result('not-posted', null, false);
          if (existing.status === PostingStatus.OFFLINE) return result('already-offline', existing.boardJobId, false);
          await posting.takeOffline(clients.get(board, tenantId), existing.boardJobId);
          await deps.store.boardPostings.save({ ...existing, status: PostingStatus.OFFLINE });
          deps.logger.info({ tenantId, jobCode, board, hires, headcount, open: job?.open ?? false }, 'job posting taken offline');
          return result('offline', existing.boardJobId, false);
        }

        const content = postingContent(job);
        const contentHash = hashOf(content);
        if (existing && existing.status === PostingStatus.ONLINE && existing.contentHash === contentHash) return result('unchanged', existing.boardJobId, true);
        const validUntil = content.validUntil ? new Date(content.validUntil).toISOString() : new Date(Date.now() + DEFAULT_VALIDITY_MS).toISOString();
        const published = await posting.publish(
          clients.get(board, tenantId),
          posting.toWire(content, validUntil),
          existing ? { boardJobId: existing.boardJobId, offline: existing.status === PostingStatus.OFFLINE } : null,
        );
        const { boardJobId } = published;
        if (published.stillOffline && existing) {
          // The content is up to date on the board, but only a person can put the job online again.
          await deps.store.boardPostings.save({ ...existing, boardJobId, contentHash, validUntil });
          throw configError(published.stillOffline.code, published.stillOffline.message);
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
