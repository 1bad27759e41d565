// Jianzhimao job postings (specs/job-boards.md, `job.publish`, `job.close`): the mapper from the
// hub's posting content; publishing an out_job_no again updates that job and keeps its job_id.
import { utcToBeijingTime } from '../../common/board-times';
import type { JobPostingContent } from '../../common/board-posting';
import type { BoardPosting } from '../board-contract';
import type { JianzhimaoClient, JianzhimaoJobPosting } from './jianzhimao-client';

export function jianzhimaoPosting(c: JobPostingContent, validUntil: string): JianzhimaoJobPosting {
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

export const jianzhimaoPostingContract: BoardPosting<JianzhimaoClient, JianzhimaoJobPosting> = {
  toWire: jianzhimaoPosting,
  async publish(client, posting) {
    const { jobId } = await client.publishJob(posting);
    return { boardJobId: jobId };
  },
  async takeOffline(client, boardJobId) {
    await client.closeJob(boardJobId);
  },
};
