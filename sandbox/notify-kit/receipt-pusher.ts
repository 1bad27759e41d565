// Delivery reports and their push to the hub (notify-providers.md §1.4, §2.4): after a configurable
// delay a message is reported delivered or failed, and, when the tenant has a receipt URL, the
// report is POSTed there as the provider's JSON array. The push is unsigned (the secret in the
// path is the only guard). A refused push is retried a few times (the spec is silent on retries).
import { createWebhookSender, type Delivery } from '../board-kit/webhook-sender';

/** Retries after 10 s, 1 min and 5 min: the simulators' choice, scaled by `retryScale`. */
export const RECEIPT_RETRY_MS = [10_000, 60_000, 300_000] as const;

export interface ReceiptPusherOptions {
  /** Decides, per provider, whether the hub's answer acknowledges the receipt. */
  isAck(status: number, body: string): boolean;
  retryScale?: number;
  timeoutMs?: number;
}

export interface ReceiptPusher {
  /** Runs `report` after `delayMs` (the moment the handset reports); counted until it has run. */
  afterDelay(delayMs: number, report: () => void): void;
  push(meta: { id: string; tenantId: string; subject: string }, url: string, body: unknown): Delivery;
  deliveries(): Delivery[];
  /** Resolves once every scheduled report has happened and every push is acked or dropped. */
  idle(timeoutMs?: number): Promise<void>;
  setRetryScale(scale: number): void;
  close(): void;
}

export function createReceiptPusher(options: ReceiptPusherOptions): ReceiptPusher {
  const sender = createWebhookSender({
    scheduleMs: RECEIPT_RETRY_MS,
    redeliveryScale: options.retryScale ?? 1,
    timeoutMs: options.timeoutMs ?? 5000,
    concurrency: 8,
    isSuccess: options.isAck,
  });
  const timers = new Set<NodeJS.Timeout>();
  const waiting: (() => void)[] = [];
  const wake = () => { if (timers.size === 0) waiting.splice(0).forEach((w) => w()); };
  return {
    afterDelay(delayMs, report) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        report();
        wake();
      }, delayMs);
      timers.add(timer);
    },
    push(meta, url, body) {
      const raw = JSON.stringify(body);
      return sender.enqueue({ ...meta, event: 'receipt' }, () => ({ url, body: raw, headers: { 'content-type': 'application/json' } }));
    },
    deliveries: () => sender.deliveries(),
    async idle(timeoutMs = 30_000) {
      const until = Date.now() + timeoutMs;
      if (timers.size > 0) {
        await new Promise<void>((resolve, reject) => {
          const t = setTimeout(() => reject(new Error(`delivery reports still scheduled after ${timeoutMs} ms: ${timers.size}`)), timeoutMs);
          waiting.push(() => { clearTimeout(t); resolve(); });
        });
      }
      await sender.idle(Math.max(1, until - Date.now()));
    },
    setRetryScale: (scale) => sender.setRedeliveryScale(scale),
    close() {
      timers.forEach((t) => clearTimeout(t));
      timers.clear();
      wake();
      sender.close();
    },
  };
}
