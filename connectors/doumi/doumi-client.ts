// The hub's calls to Doumi's partner API (specs/job-boards.md, "Doumi" → "Calls from the hub to
// Doumi"): every request signed, the `code` envelope parsed with zod, codes turned into HubError kinds.
import { randomBytes } from 'node:crypto';
import type { AxiosInstance } from 'axios';
import { z } from 'zod';
import { configError, HubError, invalidError, transientError } from '../../common/errors';
import { BoardErrorCode, boardUnreachable, createBoardHttp, parseBoardData, parseBoardEnvelope, type BoardRef } from '../board-http';
import { canonicalQuery, doumiRequestSignature, type DoumiQuery } from './doumi-signature';

export interface DoumiClientOptions {
  appKey: string;
  appSecret: string;
  baseUrl: string;
  /** Per request; a board that does not answer in time counts as busy (transient). */
  timeoutMs?: number;
  /** Clock and nonce source, injectable so tests can pin them. */
  now?: () => number;
  nonce?: () => string;
}

/** Error codes a caller branches on (HubError.code → ApplicationFailure type). */
export const DoumiErrorCode = {
  ...BoardErrorCode,
  CURSOR_EXPIRED: 'DoumiCursorExpired',
  BAD_SIGNATURE: 'DoumiBadSignature',
  CLOCK_SKEW: 'DoumiClockSkew',
  NONCE_REUSED: 'DoumiNonceReused',
  NOT_FOUND: 'DoumiNotFound',
  REJECTED: 'DoumiRejected',
} as const;

/** Spec: envelope `{code, msg, data, requestId}`; business errors come with HTTP 200 as well. */
const EnvelopeSchema = z.object({
  code: z.number().int(),
  msg: z.string().optional().default(''),
  data: z.unknown().optional(),
  requestId: z.string().optional(),
});

/** Spec: `GET /open/v2/applications` → `data: {items, nextCursor, hasMore}`. Items stay raw: each is parsed on its own. */
const PageSchema = z.object({
  items: z.array(z.unknown()),
  nextCursor: z.string().min(1),
  hasMore: z.boolean(),
});
const JobIdSchema = z.object({ jobId: z.string().min(1) });

/** Spec: `JobPosting`. */
export interface DoumiJobPosting {
  outerJobCode: string;
  title: string;
  category: string;
  city: string;
  district?: string;
  address: string;
  hourlyWage: number;
  headcount: number;
  schedule: string;
  description: string;
  tags: string[];
  validUntil: string;
}

export const DoumiApplicationStatus = ['INTERVIEWING', 'PASSED', 'REJECTED', 'HIRED', 'CLOSED'] as const;
export type DoumiApplicationStatus = (typeof DoumiApplicationStatus)[number];

/** Airbyte-style page: raw records plus where to continue. */
export interface DoumiPage {
  records: unknown[];
  nextCursor: string;
  hasMore: boolean;
}

export type DoumiPageRequest = { cursor: string } | { updatedAfter: string };

/** 40103 (nonce reused) is retried at once with a fresh nonce, this many times in all. */
const NONCE_ATTEMPTS = 3;
const DEFAULT_RETRY_AFTER_MS = 1000;
const DOUMI: BoardRef = { board: 'doumi', name: 'Doumi' };

export class DoumiClient {
  private readonly http: AxiosInstance;
  private readonly now: () => number;
  private readonly nonce: () => string;

  constructor(private readonly options: DoumiClientOptions) {
    // The envelope decides, not the status; the raw text is parsed here so bad JSON is caught.
    this.http = createBoardHttp(options.baseUrl, options.timeoutMs);
    this.now = options.now ?? Date.now;
    this.nonce = options.nonce ?? (() => randomBytes(16).toString('hex'));
  }

  /** Airbyte `check`: valid credentials and a reachable board, by reading one application. */
  async check(): Promise<void> {
    await this.readPage({ updatedAfter: new Date(this.now()).toISOString() }, 1);
  }

  async readPage(from: DoumiPageRequest, limit: number): Promise<DoumiPage> {
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw invalidError('BadLimit', 'Doumi pages hold 1 to 100 applications');
    const query: DoumiQuery = { limit, ...('cursor' in from ? { cursor: from.cursor } : { updatedAfter: from.updatedAfter }) };
    const data = await this.call('GET', '/open/v2/applications', { query });
    const page = parseData(PageSchema, data, 'application page');
    return { records: page.items, nextCursor: page.nextCursor, hasMore: page.hasMore };
  }

  /** The raw application (parse it with the doumi-application schema). */
  async getApplication(applicationId: string): Promise<unknown> {
    return this.call('GET', `/open/v2/applications/${encodeURIComponent(applicationId)}`);
  }

  /** Idempotent on Doumi's side. */
  async reportStatus(applicationId: string, status: DoumiApplicationStatus, reason?: string): Promise<void> {
    await this.call('POST', `/open/v2/applications/${encodeURIComponent(applicationId)}/status`, { body: { status, ...(reason ? { reason } : {}) } });
  }

  /** Creates the job; one that exists already (40901) is a success with its existing jobId. */
  async createJob(posting: DoumiJobPosting): Promise<{ jobId: string; existed: boolean }> {
    try {
      const data = await this.call('POST', '/open/v2/jobs', { body: posting, acceptExisting: true });
      return { ...parseData(JobIdSchema, data, 'job'), existed: false };
    } catch (err) {
      if (err instanceof ExistingJob) return { jobId: err.jobId, existed: true };
      throw err;
    }
  }

  async updateJob(jobId: string, posting: DoumiJobPosting): Promise<void> {
    await this.call('PUT', `/open/v2/jobs/${encodeURIComponent(jobId)}`, { body: posting });
  }

  /** Idempotent on Doumi's side. */
  async offlineJob(jobId: string): Promise<void> {
    await this.call('POST', `/open/v2/jobs/${encodeURIComponent(jobId)}/offline`);
  }

  private async call(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    options: { query?: DoumiQuery; body?: unknown; acceptExisting?: boolean } = {},
  ): Promise<unknown> {
    // Signed over the exact bytes sent; POST without a body sends none (hashes as the empty string).
    const body = options.body === undefined ? '' : JSON.stringify(options.body);
    for (let attempt = 1; ; attempt++) {
      const envelope = await this.send(method, path, options.query, body);
      if (envelope.code === 0) return envelope.data ?? null;
      if (envelope.code === 40103 && attempt < NONCE_ATTEMPTS) continue; // a fresh nonce is drawn per send
      if (envelope.code === 40901 && options.acceptExisting) {
        const existing = JobIdSchema.safeParse(envelope.data);
        if (existing.success) throw new ExistingJob(existing.data.jobId);
      }
      throw classify(envelope.code, envelope.msg, `${method} ${path}`);
    }
  }

  private async send(method: string, path: string, query: DoumiQuery | undefined, body: string): Promise<z.infer<typeof EnvelopeSchema>> {
    const timestampMs = String(this.now());
    const nonce = this.nonce();
    const signature = doumiRequestSignature({ appSecret: this.options.appSecret, method, path, query, timestampMs, nonce, body });
    const what = `${method} ${path}`;
    let response;
    try {
      response = await this.http.request<string>({
        method,
        // Sent exactly as signed: the same RFC 3986 encoding, in the same order.
        url: query ? `${path}?${canonicalQuery(query)}` : path,
        data: body === '' ? undefined : body,
        headers: {
          'X-Dm-App-Key': this.options.appKey,
          'X-Dm-Timestamp': timestampMs,
          'X-Dm-Nonce': nonce,
          'X-Dm-Signature': signature,
          ...(body === '' ? {} : { 'Content-Type': 'application/json' }),
        },
      });
    } catch (err) {
      throw boardUnreachable(DOUMI, what, err);
    }
    if (response.status === 429) {
      throw transientError(DoumiErrorCode.RATE_LIMITED, `Doumi rate-limited ${what}`, { board: 'doumi', retryAfterMs: retryAfterMs(response.headers['retry-after']) });
    }
    if (response.status >= 500) throw transientError(DoumiErrorCode.BUSY, `Doumi answered HTTP ${response.status} to ${what}`, { board: 'doumi' });
    const envelope = parseBoardEnvelope(DOUMI, EnvelopeSchema, response, what);
    if (envelope.code === 42900) {
      throw transientError(DoumiErrorCode.RATE_LIMITED, `Doumi rate-limited ${what}`, { board: 'doumi', retryAfterMs: retryAfterMs(response.headers['retry-after']) });
    }
    return envelope;
  }
}

/** Thrown inside call() only, to carry 40901's jobId out of the envelope loop. */
class ExistingJob extends Error {
  constructor(readonly jobId: string) {
    super('job exists');
  }
}

function retryAfterMs(header: unknown): number {
  const seconds = Number(Array.isArray(header) ? header[0] : header);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.max(Math.round(seconds * 1000), 1) : DEFAULT_RETRY_AFTER_MS;
}

function parseData<T>(schema: z.ZodType<T>, data: unknown, what: string): T {
  return parseBoardData(DOUMI, schema, data, what);
}

/** Spec table of codes → the hub's error kinds. */
export function classify(code: number, msg: string, what: string): HubError {
  const details = { board: 'doumi', boardCode: code };
  switch (code) {
    case 40101:
      return configError(DoumiErrorCode.BAD_SIGNATURE, `Doumi refused the signature of ${what} (40101): check appKey/appSecret`, details);
    case 40102:
      return configError(DoumiErrorCode.CLOCK_SKEW, `Doumi says the timestamp of ${what} is outside ±300 s (40102): fix the hub's clock`, details);
    case 40103:
      return transientError(DoumiErrorCode.NONCE_REUSED, `Doumi kept refusing the nonce of ${what} (40103)`, details);
    case 40010:
      return invalidError(DoumiErrorCode.CURSOR_EXPIRED, `Doumi's cursor expired (40010): restart from updatedAfter`, details);
    case 40400:
      return invalidError(DoumiErrorCode.NOT_FOUND, `Doumi does not know the object of ${what} (40400)`, details);
    case 42900:
      return transientError(DoumiErrorCode.RATE_LIMITED, `Doumi rate-limited ${what}`, { ...details, retryAfterMs: DEFAULT_RETRY_AFTER_MS });
    case 50000:
      return transientError(DoumiErrorCode.BUSY, `Doumi is busy (50000) for ${what}`, details);
    default:
      return invalidError(DoumiErrorCode.REJECTED, `Doumi refused ${what}: ${code} ${msg}`.trim(), details);
  }
}
