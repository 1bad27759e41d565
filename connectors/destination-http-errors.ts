// How an HTTP exchange with a system of record failed, in the hub's error kinds: network faults,
// timeouts, 5xx and 429 are transient (Retry-After honoured), credentials are config problems.
import { AxiosError } from 'axios';
import { configError, transientError, type HubError } from '../common/errors';

/** A target may ask for a long pause; the retry policy's own ceiling (10 min) bounds it. */
const MAX_RETRY_AFTER_MS = 10 * 60_000;

/** Retry-After as seconds or an HTTP date (RFC 9110 §10.2.3), in ms; undefined when absent or unreadable. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value).trim();
  let ms: number;
  if (/^\d+$/.test(text)) ms = Number(text) * 1000;
  else {
    const at = Date.parse(text);
    if (Number.isNaN(at)) return undefined;
    ms = at - now;
  }
  return Math.min(Math.max(ms, 1000), MAX_RETRY_AFTER_MS);
}

/** A request that never got an HTTP answer (refused, reset, timed out): always worth retrying. */
export function networkFailure(destinationId: string, err: unknown): HubError {
  const code = err instanceof AxiosError ? (err.code ?? 'ERR_NETWORK') : 'ERR_NETWORK';
  const timedOut = code === 'ECONNABORTED' || code === 'ETIMEDOUT';
  return transientError(
    timedOut ? 'DestinationTimeout' : 'DestinationUnavailable',
    `destination "${destinationId}" ${timedOut ? 'did not answer in time' : `is unreachable (${code})`}`,
    { network: code },
  );
}

/**
 * The status codes every destination treats alike; returns undefined for the ones the caller
 * interprets itself (2xx, 4xx validation, 404, 409).
 */
export function statusFailure(destinationId: string, status: number, headers: Record<string, unknown>): HubError | undefined {
  const retryAfterMs = parseRetryAfter(headers['retry-after']);
  const extra = { status, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  if (status === 429) return transientError('DestinationRateLimited', `destination "${destinationId}" is rate limiting (429)`, extra);
  if (status >= 500) return transientError('DestinationUnavailable', `destination "${destinationId}" answered ${status}`, extra);
  if (status === 408) return transientError('DestinationTimeout', `destination "${destinationId}" answered 408`, extra);
  if (status === 401 || status === 403) {
    return configError('DestinationAuth', `destination "${destinationId}" refused the credentials (${status}); check its auth settings`, { status });
  }
  return undefined;
}
