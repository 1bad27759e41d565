// Where a board poller stands, in board-neutral terms: the poller workflow carries it (and hands it
// over on continue-as-new); each board's poll step reads one page from it and says where to go next.

/**
 * A poll position. A board uses the fields its API pages by: an opaque cursor with a restart time
 * for when the cursor is refused, or a time window read page by page. The others stay as they are.
 */
export interface PollPosition {
  /** The board's opaque cursor to continue from; null: start from `updatedAfter`. */
  cursor: string | null;
  /** Where to (re)start without a cursor (UTC ISO): the first poll, or after the board refused the cursor. */
  updatedAfter: string | null;
  /** Start of the time window not yet closed (UTC ISO). */
  windowStart: string | null;
  /** The next page to read in that window, from 1. */
  pageNo: number;
}

/** What one poll step read and handed on, by outcome. */
export interface HandOnCounts {
  received: number;
  ingested: number;
  duplicates: number;
  withdrawn: number;
  quarantined: number;
}
