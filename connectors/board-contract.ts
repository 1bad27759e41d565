// What every job-board connector folder offers the hub: one object per board (connectors/<board>/
// <board>-board.ts), listed in board-registry.ts. The webhook router, the quarantine replay, the
// poll, feedback and posting activities and the CSV import only ever talk to a board through it.
import type { ParsedDelivery } from '../common/board-delivery';
import type { PollPosition } from '../common/board-poll';
import type { JobPostingContent } from '../common/board-posting';
import type { BoardProgress } from '../common/board-progress';

/** A webhook request as the board sent it: the exact bytes (signatures cover them) and its headers. */
export interface WebhookRequest {
  rawBody: Buffer;
  header(name: string): string | undefined;
}

/** `reason` is for logs and says which check failed; `staleClock` picks the board's clock reply. */
export type WebhookVerdict = { ok: true } | { ok: false; reason: string; staleClock: boolean };

/** An answer to the board: a string body is sent as text/plain, an object as JSON. */
export interface WebhookReply {
  status: number;
  body: string | Record<string, string | number>;
  headers?: Record<string, string>;
}

export interface BoardWebhook<Config> {
  /** The content type the board sends (kept with a quarantined body when the request had none). */
  contentType: string;
  /** How the board signs a delivery, in a sentence (the OpenAPI document shows it). */
  signing: string;
  /** Signature and timestamp against the tenant's credentials, before anything else is read. */
  verify(request: WebhookRequest, config: Config, nowMs?: number): WebhookVerdict;
  /** A verified delivery as a parsed delivery, and the ID that keeps its redeliveries together. */
  parse(tenantId: string, request: WebhookRequest): { parsed: ParsedDelivery; deliveryId: string };
  /** A kept body read again (quarantine replay): the signature was checked on arrival, headers are gone. */
  reparse(tenantId: string, rawBody: Buffer): ParsedDelivery;
  replies: {
    /** Kept: ingested, joined, withdrawn or quarantined. */
    accepted: WebhookReply;
    badSignature: WebhookReply;
    staleClock: WebhookReply;
    /** The hub could not keep it (Temporal down): the board must redeliver. */
    unavailable: WebhookReply;
  };
}

export interface PollPageRequest {
  position: PollPosition;
  pageSize: number;
  /** The poller workflow's clock (deterministic), for boards that page by time. */
  nowMs: number;
}

/**
 * One poll step. `page`: records to hand on, then `next` is where the poller stands and `more`
 * says whether to read again at once. `restart`: the board refused the position (e.g. an expired
 * cursor); nothing was read, read again at once from `next`. `wait`: nothing can be read yet.
 */
export type PolledPage =
  | { kind: 'page'; records: unknown[]; next: PollPosition; more: boolean; summary?: Record<string, string | number | boolean> }
  | { kind: 'restart'; next: PollPosition; reason: string }
  | { kind: 'wait' };

export interface BoardPoll<Client> {
  /** Reads one page at the position; never hands records on itself (the activity does, then returns). */
  readPage(client: Client, request: PollPageRequest): Promise<PolledPage>;
  /** A polled item (as read, or as kept in the quarantine) as a parsed delivery. */
  parseItem(tenantId: string, item: unknown): ParsedDelivery;
}

export interface BoardFeedback<Client, Status> {
  /** The board's wire value for each progress; null: the board has none (the report is skipped). */
  statuses: Record<BoardProgress, Status | null>;
  /** Idempotent on the board's side. */
  send(client: Client, applicationId: string, status: Status, context: { stage: string }): Promise<void>;
}

/** A publish that left the job offline on the board, so that a person must act (code and message). */
export interface StillOffline {
  code: string;
  message: string;
}

export interface BoardPosting<Client, Posting> {
  /** The posting mapper: the hub's content as the board's job posting. */
  toWire(content: JobPostingContent, validUntil: string): Posting;
  /** Creates or updates the job so that it shows `posting`; an already existing job is a success. */
  publish(client: Client, posting: Posting, existing: { boardJobId: string; offline: boolean } | null): Promise<{ boardJobId: string; stillOffline?: StillOffline }>;
  /** Idempotent on the board's side. */
  takeOffline(client: Client, boardJobId: string): Promise<void>;
}

/** The canonical fields a CSV export row is read into (intake/csv-columns.ts). */
export const CSV_FIELDS = [
  'applicationId',
  'name',
  'mobile',
  'gender',
  'birth',
  'city',
  'jobCode',
  'appliedAt',
  'isStudent',
  'healthCert',
  'wage',
  'availability',
  'intro',
] as const;
export type CsvField = (typeof CSV_FIELDS)[number];
/** Canonical field → the headers that carry it, the first alias being what the board's export writes. */
export type CsvColumnAliases = Record<CsvField, readonly [string, ...string[]]>;

/**
 * One job board. `Config` is its entry under `tenants[].boards` (common/config-schema.ts), `Client`
 * what `createClient` builds (one per tenant, cached by the caller). Members are methods on
 * purpose: a registry of different boards is then usable as `AnyBoardContract`.
 */
export interface BoardContract<Config, Client, Status, Posting> {
  /** The board's name for people (messages, logs). */
  displayName: string;
  createClient(config: Config): Client;
  webhook: BoardWebhook<Config>;
  poll: BoardPoll<Client>;
  feedback: BoardFeedback<Client, Status>;
  posting: BoardPosting<Client, Posting>;
  csvColumns: CsvColumnAliases;
}

/** Any board's contract, as the board-neutral callers use it (they pair it with the client it built). */
export type AnyBoardContract = BoardContract<unknown, unknown, unknown, unknown>;
