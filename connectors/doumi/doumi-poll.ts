// Doumi's poll step (specs/job-boards.md, `GET /open/v2/applications`): follow the cursor; keep
// the latest `updatedAt` seen as the restart point, and restart from it when Doumi says 40010.
import { isoWithOffsetToUtc } from '../../common/board-times';
import { HubError } from '../../common/errors';
import type { PollPageRequest, PolledPage } from '../board-contract';
import { DoumiErrorCode, type DoumiClient } from './doumi-client';

const iso = (ms: number) => new Date(ms).toISOString();

export async function readDoumiPage(client: DoumiClient, { position, pageSize, nowMs }: PollPageRequest): Promise<PolledPage> {
  const updatedAfter = position.updatedAfter ?? iso(nowMs);
  let page;
  try {
    page = await client.readPage(position.cursor ? { cursor: position.cursor } : { updatedAfter }, pageSize);
  } catch (err) {
    // 40010: the cursor is older than 7 days. Without a cursor there is nothing to restart from.
    if (err instanceof HubError && err.code === DoumiErrorCode.CURSOR_EXPIRED && position.cursor) {
      return { kind: 'restart', next: { ...position, cursor: null }, reason: 'Doumi cursor expired (40010); restarting from updatedAfter' };
    }
    throw err;
  }
  let lastUpdatedAt: string | null = null;
  for (const raw of page.records) {
    const updatedAt = isoWithOffsetToUtc((raw as { updatedAt?: unknown } | null)?.updatedAt);
    if (updatedAt && (!lastUpdatedAt || updatedAt > lastUpdatedAt)) lastUpdatedAt = updatedAt;
  }
  // The restart point for 40010, one second early: records sharing that updatedAt are re-read, not skipped.
  const restartAt = lastUpdatedAt ? iso(Math.max(Date.parse(lastUpdatedAt) - 1000, Date.parse(position.updatedAfter ?? lastUpdatedAt))) : position.updatedAfter;
  return {
    kind: 'page',
    records: page.records,
    next: { ...position, cursor: page.nextCursor, updatedAfter: restartAt },
    more: page.hasMore,
    summary: { hasMore: page.hasMore },
  };
}
