// A board's webhook delivery loop: sends each event, decides success the board's way, and
// redelivers on the board's schedule (scaled by `redeliveryScale` so tests run it in
// milliseconds) until it succeeds or the schedule runs out. Every attempt is kept for tests.

export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface DeliveryAttempt {
  attempt: number;
  /** Wall-clock ms when the attempt was sent. */
  at: number;
  status?: number;
  responseBody?: string;
  /** Network error or timeout, when there was no usable answer. */
  error?: string;
  durationMs: number;
  ok: boolean;
  /** The request as sent (headers and body), so tests can check it. */
  request: WebhookRequest;
}

export interface Delivery {
  /** The delivery id (Doumi X-Dm-Delivery) or the simulator's own id for Jianzhimao. */
  id: string;
  tenantId: string;
  event: string;
  /** The application / resume the event is about. */
  subject: string;
  state: 'pending' | 'delivered' | 'dropped';
  attempts: DeliveryAttempt[];
}

export interface WebhookSenderOptions {
  /** Waits before each redelivery, in real-world ms (e.g. 10 s, 1 min, … for Doumi). */
  scheduleMs: readonly number[];
  /** Multiplies the schedule: 1 is the board's real pace, 0.0001 runs it in milliseconds. */
  redeliveryScale: number;
  /** How long the board waits for an answer. */
  timeoutMs: number;
  /** Deliveries in flight at once. */
  concurrency: number;
  isSuccess(status: number, body: string): boolean;
}

export interface WebhookSender {
  /** `build` is called per attempt, so timestamps and signatures are fresh each time. */
  enqueue(meta: { id: string; tenantId: string; event: string; subject: string }, build: () => WebhookRequest): Delivery;
  deliveries(): Delivery[];
  /** Resolves once no delivery is pending (delivered or dropped). */
  idle(timeoutMs?: number): Promise<void>;
  setRedeliveryScale(scale: number): void;
  close(): void;
}

export function createWebhookSender(options: WebhookSenderOptions): WebhookSender {
  let scale = options.redeliveryScale;
  const all: Delivery[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const waiting: (() => void)[] = [];
  let pending = 0;
  let inFlight = 0;
  const ready: (() => void)[] = [];
  let closed = false;

  const settle = (delivery: Delivery, state: 'delivered' | 'dropped'): void => {
    delivery.state = state;
    pending -= 1;
    if (pending === 0) waiting.splice(0).forEach((w) => w());
  };

  async function slot(): Promise<void> {
    if (inFlight < options.concurrency) { inFlight += 1; return; }
    await new Promise<void>((r) => ready.push(r));
  }
  function release(): void {
    const next = ready.shift();
    if (next) next(); else inFlight -= 1;
  }

  async function attempt(delivery: Delivery, build: () => WebhookRequest): Promise<void> {
    await slot();
    if (closed) { release(); return; }
    const request = build();
    const started = Date.now();
    const record: DeliveryAttempt = { attempt: delivery.attempts.length + 1, at: started, durationMs: 0, ok: false, request };
    try {
      const res = await fetch(request.url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      record.status = res.status;
      record.responseBody = await res.text();
      record.ok = options.isSuccess(res.status, record.responseBody);
    } catch (err) {
      record.error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    } finally {
      release();
    }
    record.durationMs = Date.now() - started;
    // An answer after the board's deadline counts as a failure, whatever it says.
    if (record.durationMs > options.timeoutMs) record.ok = false;
    delivery.attempts.push(record);
    if (closed) return;
    if (record.ok) return settle(delivery, 'delivered');
    const wait = options.scheduleMs[delivery.attempts.length - 1];
    if (wait === undefined) return settle(delivery, 'dropped');
    const timer = setTimeout(() => {
      timers.delete(timer);
      void attempt(delivery, build);
    }, wait * scale);
    timers.add(timer);
  }

  return {
    enqueue(meta, build) {
      const delivery: Delivery = { ...meta, state: 'pending', attempts: [] };
      all.push(delivery);
      pending += 1;
      void attempt(delivery, build);
      return delivery;
    },
    deliveries: () => all,
    idle(timeoutMs = 60_000) {
      if (pending === 0) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`webhook deliveries still pending after ${timeoutMs} ms: ${pending}`)), timeoutMs);
        waiting.push(() => { clearTimeout(timer); resolve(); });
      });
    },
    setRedeliveryScale: (s) => { scale = s; },
    close() {
      closed = true;
      timers.forEach((t) => clearTimeout(t));
      timers.clear();
      waiting.splice(0).forEach((w) => w());
    },
  };
}
