// Jianzhimao's poll step (specs/job-boards.md, `resume.list`): Beijing-time windows of at most
// 24 h, read page by page. A window counts as closed only when its end is more than 2 minutes in
// the past (resumes can be listed up to 2 minutes late); the last 2 minutes are read as an open
// window that is read again next time, so a late resume is still found.
import { utcToBeijingTime } from '../../common/board-times';
import type { PollPageRequest, PolledPage } from '../board-contract';
import type { JianzhimaoClient } from './jianzhimao-client';

const MAX_WINDOW_MS = 24 * 3600_000;
const LATE_ARRIVAL_MS = 2 * 60_000;
const floorToSecond = (ms: number) => Math.floor(ms / 1000) * 1000;
const iso = (ms: number) => new Date(ms).toISOString();

export async function readJianzhimaoPage(client: JianzhimaoClient, { position, pageSize, nowMs }: PollPageRequest): Promise<PolledPage> {
  const now = floorToSecond(nowMs);
  const start = Date.parse(position.windowStart ?? iso(now));
  // Both ends are inclusive to the second: the next window starts one second after this one's end.
  const closable = now - LATE_ARRIVAL_MS - 1000;
  const closing = start <= closable;
  const end = closing ? Math.min(start + MAX_WINDOW_MS - 1000, closable) : now;
  if (end < start) return { kind: 'wait' };
  const page = await client.listResumes({ start_time: utcToBeijingTime(iso(start)), end_time: utcToBeijingTime(iso(end)), page_no: position.pageNo, page_size: pageSize });
  const summary = { total: page.total, pageNo: position.pageNo };
  if (position.pageNo * pageSize < page.total) {
    return { kind: 'page', records: page.list, next: { ...position, windowStart: iso(start), pageNo: position.pageNo + 1 }, more: true, summary };
  }
  // Open window: read again after the interval. Closed: move on to the next one at once.
  if (!closing) return { kind: 'page', records: page.list, next: { ...position, windowStart: iso(start), pageNo: 1 }, more: false, summary };
  return { kind: 'page', records: page.list, next: { ...position, windowStart: iso(end + 1000), pageNo: 1 }, more: true, summary };
}
