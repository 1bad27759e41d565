// Doumi job postings (specs/job-boards.md, `POST /open/v2/jobs`, `PUT /open/v2/jobs/{jobId}`,
// `POST /open/v2/jobs/{jobId}/offline`): the mapper from the hub's posting content, and publishing
// with 40901 ("exists already") taken as success.
import type { JobPostingContent } from '../../common/board-posting';
import type { BoardPosting } from '../board-contract';
import type { DoumiClient, DoumiJobPosting } from './doumi-client';

export function doumiPosting(c: JobPostingContent, validUntil: string): DoumiJobPosting {
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

export const doumiPostingContract: BoardPosting<DoumiClient, DoumiJobPosting> = {
  toWire: doumiPosting,

  async publish(client, posting, existing) {
    if (existing?.offline) {
      // Reopened after going offline. Doumi's API has no "online again" call: a create answers
      // 40901 while the job exists. Its content is brought up to date, and a person re-lists it.
      const again = await client.createJob(posting);
      if (!again.existed) return { boardJobId: again.jobId };
      await client.updateJob(again.jobId, posting);
      return {
        boardJobId: again.jobId,
        stillOffline: {
          code: 'DoumiJobOffline',
          message: `Doumi job ${again.jobId} (${posting.outerJobCode}) is offline and Doumi's API cannot put it online again; re-list it on Doumi`,
        },
      };
    }
    if (existing) {
      await client.updateJob(existing.boardJobId, posting);
      return { boardJobId: existing.boardJobId };
    }
    const created = await client.createJob(posting);
    // It existed already (e.g. the hub lost its row): make sure it shows this content.
    if (created.existed) await client.updateJob(created.jobId, posting);
    return { boardJobId: created.jobId };
  },

  async takeOffline(client, boardJobId) {
    await client.offlineJob(boardJobId);
  },
};
