// The hub's calls to Jianzhimao's partner gateway (specs/job-boards.md, "Jianzhimao" → "Calls from
// the hub to Jianzhimao"): one signed POST per method, the `ret` envelope parsed with zod and
// classified into HubError kinds.
import { randomBytes } from 'node:crypto';
import type { AxiosInstance } from 'axios';
import { z } from 'zod';
import { utcToBeijingTime } from '../../common/board-times';
import { configError, HubError, invalidError, transientError } from '../../common/errors';
import { BoardErrorCode, boardUnreachable, createBoardHttp, parseBoardData, parseBoardEnvelope, type BoardRef } from '../board-http';
import { jianzhimaoSign } from './jianzhimao-signature';

export interface JianzhimaoClientOptions {
  appId: string;
  appSecret: string;
  baseUrl: string;
  timeoutMs?: number;
  now?: () => number;
  nonce?: () => string;
}

export const JianzhimaoErrorCode = {
  ...BoardErrorCode,
  BAD_SIGNATURE: 'JianzhimaoBadSignature',
  CLOCK_SKEW: 'JianzhimaoClockSkew',
  UNKNOWN_APP: 'JianzhimaoUnknownApp',
  BAD_PARAMETER: 'JianzhimaoBadParameter',
  NOT_FOUND: 'JianzhimaoNotFound',
  REJECTED: 'JianzhimaoRejected',
} as const;

/** Spec: envelope `{ret, msg, data}`, always HTTP 200. */
const EnvelopeSchema = z.object({ ret: z.number().int(), msg: z.string().optional().default(''), data: z.unknown().optional() });
/** Spec: `resume.list` → `{total, list}`; resumes stay raw, each is parsed on its own. */
const ResumeListSchema = z.object({ total: z.number().int().min(0), list: z.array(z.unknown()) });
/** Spec: `job.publish` → `{job_id}`. */
const JobIdSchema = z.object({ job_id: z.string().min(1) });

/** `resume.list` window: Beijing time `YYYY-MM-DD HH:mm:ss`, at most 24 h; page_size ≤ 100. */
export interface ResumeListRequest {
  start_time: string;
  end_time: string;
  page_no: number;
  page_size: number;
}

/** Spec: `resume.feedback` status: 1 viewed, 2 interviewing, 3 passed, 4 rejected, 5 hired. */
export type JianzhimaoFeedbackStatus = 1 | 2 | 3 | 4 | 5;

/** Spec: `job.publish` biz_content. */
export interface JianzhimaoJobPosting {
  out_job_no: string;
  title: string;
  category_code: string;
  city_name: string;
  address: string;
  salary: { amount: number; unit: 'HOUR' };
  headcount: number;
  work_time_desc: string;
  description: string;
  tags: string[];
  valid_until: string;
}

/** 4290: the spec says retry after 1 s. */
const RATE_LIMIT_RETRY_MS = 1000;
const JIANZHIMAO: BoardRef = { board: 'jianzhimao', name: 'Jianzhimao' };

export class JianzhimaoClient {
  private readonly http: AxiosInstance;
  private readonly now: () => number;
  private readonly nonce: () => string;

  constructor(private readonly options: JianzhimaoClientOptions) {
    this.http = createBoardHttp(options.baseUrl, options.timeoutMs);
    this.now = options.now ?? Date.now;
    this.nonce = options.nonce ?? (() => randomBytes(16).toString('hex'));
  }

  async listResumes(req: ResumeListRequest): Promise<{ total: number; list: unknown[] }> {
    if (!Number.isInteger(req.page_size) || req.page_size < 1 || req.page_size > 100) throw invalidError('BadLimit', 'Jianzhimao pages hold 1 to 100 resumes');
    return parseData(ResumeListSchema, await this.call('resume.list', req), 'resume page');
  }

  /** The raw resume (parse it with the jianzhimao-resume schema). */
  async getResume(resumeId: string): Promise<unknown> {
    return this.call('resume.get', { resume_id: resumeId });
  }

  /** Idempotent on Jianzhimao's side. */
  async feedback(resumeId: string, status: JianzhimaoFeedbackStatus, remark = ''): Promise<void> {
    await this.call('resume.feedback', { resume_id: resumeId, status, remark });
  }

  /** Publishing an out_job_no again updates that job and returns the same job_id. */
  async publishJob(posting: JianzhimaoJobPosting): Promise<{ jobId: string }> {
    const data = parseData(JobIdSchema, await this.call('job.publish', posting), 'job');
    return { jobId: data.job_id };
  }

  /** Idempotent on Jianzhimao's side. */
  async closeJob(jobId: string): Promise<void> {
    await this.call('job.close', { job_id: jobId });
  }

  /** Airbyte `check`: valid credentials and a reachable board, by listing the last minute. */
  async check(): Promise<void> {
    const end = this.now();
    await this.listResumes({ start_time: utcToBeijingTime(end - 60_000), end_time: utcToBeijingTime(end), page_no: 1, page_size: 1 });
  }

  private async call(method: string, biz: unknown): Promise<unknown> {
    const fields: Record<string, string> = {
      app_id: this.options.appId,
      method,
      timestamp: String(Math.floor(this.now() / 1000)),
      nonce_str: this.nonce(),
      sign_type: 'MD5',
      biz_content: JSON.stringify(biz),
    };
    fields.sign = jianzhimaoSign(fields, this.options.appSecret);
    let response;
    try {
      response = await this.http.post<string>('/api/open/gateway', JSON.stringify(fields), { headers: { 'Content-Type': 'application/json' } });
    } catch (err) {
      throw boardUnreachable(JIANZHIMAO, method, err);
    }
    // The spec promises HTTP 200 for everything; anything else is a gateway or proxy in trouble.
    if (response.status !== 200) throw transientError(JianzhimaoErrorCode.BUSY, `Jianzhimao answered HTTP ${response.status} to ${method}`, { board: 'jianzhimao' });
    const envelope = parseBoardEnvelope(JIANZHIMAO, EnvelopeSchema, response, method);
    if (envelope.ret === 0) return envelope.data ?? null;
    throw classify(envelope.ret, envelope.msg, method);
  }
}

function parseData<T>(schema: z.ZodType<T>, data: unknown, what: string): T {
  return parseBoardData(JIANZHIMAO, schema, data, what);
}

/** Spec table of `ret` codes → the hub's error kinds. */
export function classify(ret: number, msg: string, method: string): HubError {
  const details = { board: 'jianzhimao', boardCode: ret };
  switch (ret) {
    case 1001:
      return configError(JianzhimaoErrorCode.BAD_SIGNATURE, `Jianzhimao refused the signature of ${method} (1001): check appId/appSecret`, details);
    case 1002:
      return configError(JianzhimaoErrorCode.CLOCK_SKEW, `Jianzhimao says the timestamp of ${method} expired (1002): fix the hub's clock`, details);
    case 1003:
      return configError(JianzhimaoErrorCode.UNKNOWN_APP, `Jianzhimao does not know this app_id (1003)`, details);
    case 2001:
      return invalidError(JianzhimaoErrorCode.BAD_PARAMETER, `Jianzhimao refused a parameter of ${method} (2001): ${msg}`, details);
    case 2004:
      return invalidError(JianzhimaoErrorCode.NOT_FOUND, `Jianzhimao does not know the object of ${method} (2004)`, details);
    case 4290:
      return transientError(JianzhimaoErrorCode.RATE_LIMITED, `Jianzhimao rate-limited ${method} (4290)`, { ...details, retryAfterMs: RATE_LIMIT_RETRY_MS });
    case 5000:
      return transientError(JianzhimaoErrorCode.BUSY, `Jianzhimao is busy (5000) for ${method}`, details);
    default:
      return invalidError(JianzhimaoErrorCode.REJECTED, `Jianzhimao refused ${method}: ${ret} ${msg}`.trim(), details);
  }
}
