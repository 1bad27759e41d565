// A sliding one-second window per key (appKey / app_id), as the boards limit partner calls.
// Uses the wall clock: rate limits are about real request spacing, not simulated time.

export interface RateLimiter {
  /** Records a call; returns 0 when allowed, else the ms until a slot frees up. */
  take(key: string): number;
  setLimit(perSecond: number): void;
}

export function createRateLimiter(perSecond: number): RateLimiter {
  let limit = perSecond;
  const windows = new Map<string, number[]>();
  return {
    setLimit: (n) => { limit = n; },
    take(key) {
      if (!Number.isFinite(limit)) return 0;
      const now = Date.now();
      const calls = (windows.get(key) ?? []).filter((t) => t > now - 1000);
      if (calls.length >= limit) {
        windows.set(key, calls);
        return calls[0]! + 1000 - now;
      }
      calls.push(now);
      windows.set(key, calls);
      return 0;
    },
  };
}
