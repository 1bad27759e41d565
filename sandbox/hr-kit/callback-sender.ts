// The HR-tool simulators' callback delivery loop: sends a click (or a URL check) to the hub, times
// the answer against the tool's deadline, judges it the tool's way, and redelivers on the tool's
// schedule (scaled by `redeliveryScale` so tests run it in milliseconds). Every attempt is kept,
// with the request as sent, the answer, its latency and whether the deadline held.
import { randomUUID } from 'node:crypto';

export interface CallbackRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface CallbackAttempt {
  attempt: number;
  /** Wall-clock ms when the attempt was sent. */
  at: number;
  request: CallbackRequest;
  status?: number;
  responseBody?: string;
  /** Network error, or the tool giving up at its deadline. */
  error?: string;
  latencyMs: number;
  deadlineMs: number;
  deadlineMet: boolean;
  /** Answered as the spec requires, in time. */
  ok: boolean;
  /** Why the attempt is not ok. */
  problem?: string;
  /** The answer as the tool understood it (a Feishu toast, a decrypted DingTalk word, …). */
  answer?: unknown;
}

export type CallbackState = 'pending' | 'delivered' | 'failed';

export interface CallbackDelivery {
  id: string;
  tool: 'feishu' | 'dingtalk' | 'wecom';
  tenantId: string;
  /** url_verification, card.action.trigger, check_url, bpms_task_change, template_card_event, … */
  kind: string;
  /** The card / message / instance / task the callback is about. */
  subject: string;
  /** The tool user who acted, when a person did. */
  userId?: string;
  /** The decrypted event, as the hub should read it. */
  payload: unknown;
  /** Faults applied to this delivery (missign, stale, …). */
  faults: string[];
  /** When this delivery repeats an earlier one (duplicate or redeliver), that one's id. */
  repeatOf?: string;
  state: CallbackState;
  attempts: CallbackAttempt[];
}

export interface JudgeResult {
  ok: boolean;
  problem?: string;
  answer?: unknown;
}

/** The hub's HTTP answer to one attempt. */
export interface CallbackAnswer {
  status: number;
  body: string;
  contentType: string;
}

export interface EnqueueOptions {
  meta: Omit<CallbackDelivery, 'id' | 'state' | 'attempts' | 'faults' | 'repeatOf'> & { id?: string; faults?: string[]; repeatOf?: string };
  /** Builds the request for attempt n (1-based): fresh timestamps and signatures, or the same bytes. */
  build(attempt: number): CallbackRequest;
  judge(answer: CallbackAnswer, request: CallbackRequest): JudgeResult;
  deadlineMs: number;
  /** Waits before each redelivery, in real-world ms; empty = the tool never redelivers. */
  scheduleMs: readonly number[];
  /** Held back this long before the first attempt (the `delay` fault). */
  delayMs?: number;
}

export interface CallbackSender {
  /** Starts a delivery; `firstAttempt` resolves once its first attempt has an outcome. */
  enqueue(options: EnqueueOptions): { delivery: CallbackDelivery; firstAttempt: Promise<CallbackDelivery> };
  /**
   * Delivers an earlier callback's event again as a new delivery (`repeatOf` = id): byte for byte
   * the first attempt's request when `unchanged`, else freshly built (new nonce, timestamp, IV).
   */
  repeat(id: string, options?: { unchanged?: boolean; fault?: string; delayMs?: number }): { delivery: CallbackDelivery; firstAttempt: Promise<CallbackDelivery> };
  deliveries(): CallbackDelivery[];
  get(id: string): CallbackDelivery | undefined;
  /** Resolves once no delivery is pending. */
  idle(timeoutMs?: number): Promise<void>;
  /** Resolves once this delivery is delivered or failed. */
  settled(id: string, timeoutMs?: number): Promise<CallbackDelivery>;
  setRedeliveryScale(scale: number): void;
  close(): void;
}

export function createCallbackSender(initialScale: number): CallbackSender {
  let scale = initialScale;
  const all = new Map<string, CallbackDelivery>();
  const optionsOf = new Map<string, EnqueueOptions>();
  const timers = new Set<NodeJS.Timeout>();
  const watchers = new Map<string, (() => void)[]>();
  const idleWaiters: (() => void)[] = [];
  let pending = 0;
  let closed = false;

  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => { timers.delete(t); fn(); }, ms);
    timers.add(t);
  };
  const settle = (d: CallbackDelivery, state: 'delivered' | 'failed') => {
    d.state = state;
    pending -= 1;
    watchers.get(d.id)?.splice(0).forEach((w) => w());
    if (pending === 0) idleWaiters.splice(0).forEach((w) => w());
  };

  async function attempt(d: CallbackDelivery, o: EnqueueOptions, onFirst: () => void): Promise<void> {
    if (closed) return;
    const request = o.build(d.attempts.length + 1);
    const started = Date.now();
    const record: CallbackAttempt = {
      attempt: d.attempts.length + 1, at: started, request, latencyMs: 0, deadlineMs: o.deadlineMs, deadlineMet: false, ok: false,
    };
    let contentType = '';
    try {
      // The tool gives up at its deadline (WeCom drops the connection; Feishu shows the user an error).
      const res = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body, signal: AbortSignal.timeout(o.deadlineMs) });
      record.status = res.status;
      contentType = res.headers.get('content-type') ?? '';
      record.responseBody = await res.text();
    } catch (err) {
      // AbortSignal.timeout rejects with a DOMException named TimeoutError (not an Error in Node 20).
      const name = (err as { name?: unknown }).name;
      record.error = name === 'TimeoutError' ? `no answer within ${o.deadlineMs} ms` : err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    }
    record.latencyMs = Date.now() - started;
    record.deadlineMet = record.error === undefined && record.latencyMs <= o.deadlineMs;
    if (record.status !== undefined) {
      const verdict = o.judge({ status: record.status, body: record.responseBody ?? '', contentType }, request);
      record.ok = verdict.ok && record.deadlineMet;
      record.answer = verdict.answer;
      record.problem = verdict.problem ?? (record.deadlineMet ? undefined : `answered after ${record.latencyMs} ms (deadline ${o.deadlineMs} ms)`);
    } else {
      record.problem = record.error;
    }
    d.attempts.push(record);
    onFirst();
    if (closed) return;
    if (record.ok) return settle(d, 'delivered');
    const wait = o.scheduleMs[d.attempts.length - 1];
    if (wait === undefined) return settle(d, 'failed');
    later(wait * scale, () => void attempt(d, o, () => {}));
  }

  const sender: CallbackSender = {
    enqueue(o) {
      const { id, faults, ...meta } = o.meta;
      const delivery: CallbackDelivery = { id: id ?? randomUUID(), ...meta, faults: faults ?? [], state: 'pending', attempts: [] };
      all.set(delivery.id, delivery);
      optionsOf.set(delivery.id, o);
      pending += 1;
      let resolveFirst!: () => void;
      const firstAttempt = new Promise<CallbackDelivery>((r) => { resolveFirst = () => r(delivery); });
      const start = () => void attempt(delivery, o, resolveFirst);
      if (o.delayMs) later(o.delayMs, start); else start();
      return { delivery, firstAttempt };
    },
    repeat(id, options = {}) {
      const original = all.get(id);
      const o = optionsOf.get(id);
      if (!original || !o) throw new Error(`no callback delivery ${id}`);
      const sent = original.attempts[0]?.request;
      const build = options.unchanged && sent ? () => sent : o.build;
      const faults = [...original.faults.filter((f) => f !== 'duplicate'), ...(options.fault ? [options.fault] : [])];
      return sender.enqueue({
        ...o,
        build,
        delayMs: options.delayMs,
        meta: {
          tool: original.tool, tenantId: original.tenantId, kind: original.kind, subject: original.subject,
          userId: original.userId, payload: original.payload, faults, repeatOf: id,
        },
      });
    },
    deliveries: () => [...all.values()],
    get: (id) => all.get(id),
    idle(timeoutMs = 60_000) {
      if (pending === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`callbacks still pending after ${timeoutMs} ms: ${pending}`)), timeoutMs);
        idleWaiters.push(() => { clearTimeout(t); resolve(); });
      });
    },
    settled(id, timeoutMs = 60_000) {
      const d = all.get(id);
      if (!d) return Promise.reject(new Error(`no callback delivery ${id}`));
      if (d.state !== 'pending') return Promise.resolve(d);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`callback ${id} still pending after ${timeoutMs} ms`)), timeoutMs);
        const list = watchers.get(id) ?? [];
        list.push(() => { clearTimeout(t); resolve(d); });
        watchers.set(id, list);
      });
    },
    setRedeliveryScale: (s) => { scale = s; },
    close() {
      closed = true;
      timers.forEach((t) => clearTimeout(t));
      timers.clear();
      idleWaiters.splice(0).forEach((w) => w());
      for (const list of watchers.values()) list.splice(0).forEach((w) => w());
    },
  };
  return sender;
}
