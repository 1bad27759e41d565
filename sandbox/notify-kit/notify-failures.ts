// Failure injection for the message simulators: the next N matching requests are refused with one
// of the provider's own codes (each simulator's table lists the codes of the spec it accepts), or
// meet a transport fault: a slow answer, a connection cut before the provider acts, or one cut
// after it accepted the message (the "outcome the hub could not observe" of notify-providers.md).

export type NotifyFailureKind = 'refuse' | 'slow' | 'drop' | 'dropAfterAccept';

export interface NotifyFailureSpec {
  /** `refuse` (default when `code` is set), `slow`, `drop` or `dropAfterAccept`. */
  kind?: NotifyFailureKind;
  /** `refuse`: the provider code, e.g. `isv.BUSINESS_LIMIT_CONTROL`, `LimitExceeded.PhoneNumberDailyLimit`, `43101`. */
  code?: string;
  /** Overrides the code's default message. */
  message?: string;
  /** Tencent only: answer per number (in SendStatusSet) or for the whole request. Default: the code's usual place. */
  scope?: 'number' | 'request';
  /** How many matching requests are affected (default 1). */
  count?: number;
  /**
   * Substring of the request's target text, e.g. `SendSms`, a phone number, a template code, an
   * openid: `SendSms 13800138000 SMS_480001234`, `template/send oUpF… tmpl-id`. Every request when missing.
   */
  match?: string;
  /** `slow`: the wait before answering normally (default 5000 ms). */
  delayMs?: number;
}

export interface TakenFailure {
  kind: NotifyFailureKind;
  code?: string;
  message?: string;
  scope?: 'number' | 'request';
  delayMs: number;
}

export interface NotifyFailureInjector {
  add(spec: NotifyFailureSpec): void;
  /** Consumes and returns the failure for this request, if one is queued for it. */
  take(target: string): TakenFailure | undefined;
  clear(): void;
  pending(): NotifyFailureSpec[];
}

/** `knownCodes` is the simulator's table: an unknown code is refused at injection time. */
export function createNotifyFailureInjector(knownCodes: readonly string[]): NotifyFailureInjector {
  const queue: (NotifyFailureSpec & { remaining: number })[] = [];
  return {
    add(spec) {
      const kind = spec.kind ?? (spec.code !== undefined ? 'refuse' : undefined);
      if (!kind) throw new Error('failure: give a code to refuse with, or a kind (slow, drop, dropAfterAccept)');
      if (kind === 'refuse' && (spec.code === undefined || !knownCodes.includes(spec.code))) {
        throw new Error(`failure: unknown code ${String(spec.code)}; known: ${knownCodes.join(', ')}`);
      }
      queue.push({ ...spec, kind, remaining: spec.count ?? 1 });
    },
    take(target) {
      const hit = queue.find((f) => f.remaining > 0 && (f.match === undefined || target.includes(f.match)));
      if (!hit) return undefined;
      hit.remaining -= 1;
      if (hit.remaining === 0) queue.splice(queue.indexOf(hit), 1);
      return { kind: hit.kind!, code: hit.code, message: hit.message, scope: hit.scope, delayMs: hit.delayMs ?? 5000 };
    },
    clear: () => { queue.length = 0; },
    pending: () => queue.map(({ remaining, ...spec }) => ({ ...spec, count: remaining })),
  };
}
