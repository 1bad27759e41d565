// Failure injection for the simulated board APIs: the next N matching requests fail with a
// server fault, a rate limit, a slow answer or a connection dropped mid-response.

export type FailureKind = 'error' | 'rateLimit' | 'slow' | 'drop';

export interface FailureSpec {
  kind: FailureKind;
  /** How many matching requests are affected (default 1). */
  count?: number;
  /** `slow`: how long to wait before answering normally (default 5000 ms). */
  delayMs?: number;
  /** `rateLimit`: the Retry-After the board sends (Doumi only; default 1 s). */
  retryAfterSeconds?: number;
  /**
   * Which requests: a substring of `METHOD /path` for Doumi (e.g. `GET /open/v2/applications`),
   * the gateway method for Jianzhimao (e.g. `resume.list`). Every API request when missing.
   */
  match?: string;
}

export interface FailureInjector {
  add(spec: FailureSpec): void;
  /** Consumes and returns the failure for this request, if one is queued for it. */
  take(target: string): Required<Omit<FailureSpec, 'match' | 'count'>> | undefined;
  clear(): void;
  pending(): number;
}

export function createFailureInjector(): FailureInjector {
  const queue: (FailureSpec & { remaining: number })[] = [];
  return {
    add(spec) {
      queue.push({ ...spec, remaining: spec.count ?? 1 });
    },
    take(target) {
      const hit = queue.find((f) => f.remaining > 0 && (f.match === undefined || target.includes(f.match)));
      if (!hit) return undefined;
      hit.remaining -= 1;
      if (hit.remaining === 0) queue.splice(queue.indexOf(hit), 1);
      return { kind: hit.kind, delayMs: hit.delayMs ?? 5000, retryAfterSeconds: hit.retryAfterSeconds ?? 1 };
    },
    clear: () => { queue.length = 0; },
    pending: () => queue.reduce((n, f) => n + f.remaining, 0),
  };
}
