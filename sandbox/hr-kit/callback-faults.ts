// Faults the HR-tool simulators can put on their next callbacks, for tests of the hub's verifier
// and dedupe: held back (delay), sent twice (duplicate), signed wrongly (missign), signed with a
// timestamp outside the ±300 s window (stale), or altered after signing (tamper).

export type CallbackFaultKind = 'delay' | 'duplicate' | 'missign' | 'stale' | 'tamper';

export interface CallbackFault {
  kind: CallbackFaultKind;
  /** How many callbacks are affected (default 1). */
  count?: number;
  /** `delay`: ms before the first attempt (default 2000). */
  delayMs?: number;
  /** `duplicate`: extra identical deliveries (default 1). */
  copies?: number;
  /** `stale`: seconds the timestamp is moved into the past (default 600). */
  skewSeconds?: number;
  /** Only callbacks of this kind (e.g. `card.action.trigger`, `bpms_task_change`); all when missing. */
  match?: string;
}

export interface AppliedFaults {
  names: CallbackFaultKind[];
  delayMs?: number;
  copies: number;
  missign: boolean;
  staleSeconds?: number;
  tamper: boolean;
}

export interface CallbackFaults {
  add(fault: CallbackFault): void;
  /** Consumes at most one queued fault of each kind that matches this callback kind. */
  take(kind: string): AppliedFaults;
  clear(): void;
  pending(): CallbackFault[];
}

export function createCallbackFaults(): CallbackFaults {
  const queue: (CallbackFault & { remaining: number })[] = [];
  return {
    add: (fault) => { queue.push({ ...fault, remaining: fault.count ?? 1 }); },
    take(kind) {
      const applied: AppliedFaults = { names: [], copies: 0, missign: false, tamper: false };
      for (const f of [...queue]) {
        if (f.remaining <= 0 || (f.match !== undefined && f.match !== kind) || applied.names.includes(f.kind)) continue;
        f.remaining -= 1;
        if (f.remaining === 0) queue.splice(queue.indexOf(f), 1);
        applied.names.push(f.kind);
        if (f.kind === 'delay') applied.delayMs = f.delayMs ?? 2000;
        if (f.kind === 'duplicate') applied.copies = f.copies ?? 1;
        if (f.kind === 'missign') applied.missign = true;
        if (f.kind === 'stale') applied.staleSeconds = f.skewSeconds ?? 600;
        if (f.kind === 'tamper') applied.tamper = true;
      }
      return applied;
    },
    clear: () => { queue.length = 0; },
    pending: () => queue.map(({ remaining, ...f }) => ({ ...f, count: remaining })),
  };
}

/** A signature that has the right shape and is wrong: the last hex digit changed. */
export function corruptSignature(signature: string): string {
  const last = signature.slice(-1);
  return signature.slice(0, -1) + (last === '0' ? '1' : '0');
}
