// The plain-HTTP side both job-board clients share, below each board's own envelope and codes: an
// axios instance that hands back the raw text (the board's envelope decides, not the HTTP status),
// and the transient errors for "no usable answer" (no answer, not JSON, not the board's schema).
// Systems of record classify HTTP failures in destination-http-errors.ts instead.
import axios, { type AxiosInstance } from 'axios';
import type { z } from 'zod';
import { transientError, type HubError } from '../common/errors';

/** The codes both boards use for failures that are not in their own code tables. */
export const BoardErrorCode = {
  RATE_LIMITED: 'BoardRateLimited',
  BUSY: 'BoardBusy',
  UNREACHABLE: 'BoardUnreachable',
  BAD_RESPONSE: 'BoardBadResponse',
} as const;

/** Which board, as errors name it: `board` in details, `name` in messages. */
export interface BoardRef {
  board: string;
  name: string;
}

/** Never throws on a status, and leaves the body as text so that bad JSON is caught by the client. */
export function createBoardHttp(baseUrl: string, timeoutMs = 10_000): AxiosInstance {
  return axios.create({
    baseURL: baseUrl.replace(/\/+$/, ''),
    timeout: timeoutMs,
    validateStatus: () => true,
    responseType: 'text',
    transformResponse: (d: unknown) => d,
  });
}

/** A request that never got an HTTP answer (refused, reset, timed out). */
export function boardUnreachable(ref: BoardRef, what: string, err: unknown): HubError {
  const code = (err as { code?: string }).code ?? 'network error';
  return transientError(BoardErrorCode.UNREACHABLE, `${ref.name} did not answer ${what} (${code})`, { board: ref.board });
}

/** The board's envelope from the answer's text; a body that is not JSON or not the envelope is transient. */
export function parseBoardEnvelope<S extends z.ZodRawShape>(
  ref: BoardRef,
  schema: z.ZodObject<S>,
  response: { status: number; data: unknown },
  what: string,
): z.output<z.ZodObject<S>> {
  let json: unknown;
  try {
    json = JSON.parse(String(response.data));
  } catch {
    throw transientError(BoardErrorCode.BAD_RESPONSE, `${ref.name} answered ${what} with HTTP ${response.status} and a body that is not JSON`, { board: ref.board });
  }
  const envelope = schema.safeParse(json);
  if (!envelope.success) {
    const fields = Object.keys(schema.shape).join(', ');
    throw transientError(BoardErrorCode.BAD_RESPONSE, `${ref.name} answered ${what} without the {${fields}} envelope (HTTP ${response.status})`, { board: ref.board });
  }
  return envelope.data;
}

/** The envelope's `data` parsed with the spec's schema; a mismatch is the board's fault (transient). */
export function parseBoardData<T>(ref: BoardRef, schema: z.ZodType<T>, data: unknown, what: string): T {
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw transientError(BoardErrorCode.BAD_RESPONSE, `${ref.name} sent a ${what} that does not match the spec (${issue?.path.join('.') || 'data'}: ${issue?.message})`, { board: ref.board });
  }
  return parsed.data;
}
