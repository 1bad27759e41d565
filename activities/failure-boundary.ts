// The activity boundary of DESIGN.md: `config` and `invalid` errors become non-retryable
// ApplicationFailures (the workflow sends them to a person), `transient` ones are retried.
// Unknown errors keep Temporal's default: retried, as most are network faults. A transient error
// carrying `retryAfterMs` (HTTP Retry-After) sets the next retry's delay instead of the backoff.
import { ApplicationFailure } from '@temporalio/common';
import { ErrorKind, HubError } from '../common/errors';

export function toActivityFailure(err: unknown): unknown {
  if (!(err instanceof HubError)) return err;
  const retryAfterMs = err.kind === ErrorKind.TRANSIENT ? err.details?.retryAfterMs : undefined;
  return ApplicationFailure.create({
    type: err.code,
    message: err.message,
    nonRetryable: err.kind !== ErrorKind.TRANSIENT,
    details: [{ kind: err.kind, ...(err.details ?? {}) }],
    ...(typeof retryAfterMs === 'number' && Number.isFinite(retryAfterMs) && retryAfterMs > 0 ? { nextRetryDelay: Math.ceil(retryAfterMs) } : {}),
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyFn = (...args: any[]) => Promise<unknown>;

/** Wraps every activity function so that HubErrors cross the boundary as typed failures. */
export function withFailureBoundary<T extends Record<string, AnyFn>>(activities: T): T {
  const wrapped: Record<string, AnyFn> = {};
  for (const [name, fn] of Object.entries(activities)) {
    wrapped[name] = async (...args: unknown[]) => {
      try {
        return await fn(...args);
      } catch (err) {
        throw toActivityFailure(err);
      }
    };
  }
  return wrapped as T;
}
