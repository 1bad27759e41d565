// The simulators' movable clock: wall time plus an offset tests can advance, e.g. to age a
// Doumi cursor past 7 days or let a Jianzhimao late arrival become visible.
// Request-signature timestamps are checked against the real clock (the hub under test signs
// with it), so moving this clock never breaks signing.

export interface SimClock {
  /** Simulated now, unix ms. */
  now(): number;
  advance(ms: number): void;
  /** Jump to an absolute simulated time (unix ms or a Date). */
  set(at: number | Date): void;
  /** Back to the wall clock. */
  reset(): void;
}

export function createSimClock(): SimClock {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    advance: (ms) => { offset += ms; },
    set: (at) => { offset = (typeof at === 'number' ? at : at.getTime()) - Date.now(); },
    reset: () => { offset = 0; },
  };
}
