// Doumi's webhook sender (../shared/specs/job-boards.md, "Webhooks from Doumi to the hub"):
// signed POSTs to {hub}/webhooks/doumi/{tenantId}; success only for HTTP 200 with {"code":0}
// within 3 s; otherwise redelivered after 10 s, 1 min, 5 min, 30 min and 2 h, then dropped.
import { randomUUID } from 'node:crypto';
import { createWebhookSender, type Delivery, type WebhookSender } from '../board-kit/webhook-sender';
import type { SimClock } from '../board-kit/sim-clock';
import { toDoumiTime } from '../board-kit/board-time';
import type { DoumiApplication } from './doumi-model';
import { webhookSignature } from './doumi-signing';
import type { DoumiTenant } from './doumi-state';

export const DOUMI_REDELIVERY_MS = [10_000, 60_000, 300_000, 1_800_000, 7_200_000] as const;

export type DoumiEvent = 'application.created' | 'application.updated' | 'application.withdrawn';

export interface DoumiWebhooks {
  sender: WebhookSender;
  applicationEvent(tenant: DoumiTenant, event: 'application.created' | 'application.updated', application: DoumiApplication): Delivery;
  withdrawnEvent(tenant: DoumiTenant, applicationId: string, withdrawnAtMs: number, reason: string): Delivery;
  /** Sends any body (even invalid JSON) signed correctly, for quarantine tests. */
  raw(tenant: DoumiTenant, event: string, rawBody: string, deliveryId?: string): Delivery;
}

function isDoumiAck(status: number, body: string): boolean {
  if (status !== 200) return false;
  try {
    return (JSON.parse(body) as { code?: unknown }).code === 0;
  } catch {
    return false;
  }
}

export function createDoumiWebhooks(options: { clock: SimClock; redeliveryScale: number; ackTimeoutMs: number; concurrency: number }): DoumiWebhooks {
  const sender = createWebhookSender({
    scheduleMs: DOUMI_REDELIVERY_MS,
    redeliveryScale: options.redeliveryScale,
    timeoutMs: options.ackTimeoutMs,
    concurrency: options.concurrency,
    isSuccess: isDoumiAck,
  });

  const send = (tenant: DoumiTenant, event: string, subject: string, rawBody: string, deliveryId: string): Delivery => {
    if (!tenant.hubUrl) throw new Error(`Doumi simulator: tenant ${tenant.tenantId} has no hubUrl, so it cannot send webhooks`);
    const url = `${tenant.hubUrl.replace(/\/$/, '')}/webhooks/doumi/${encodeURIComponent(tenant.tenantId)}`;
    return sender.enqueue({ id: deliveryId, tenantId: tenant.tenantId, event, subject }, () => {
      const timestamp = String(Date.now()); // per attempt: the hub checks it against its own clock
      return {
        url,
        body: rawBody,
        headers: {
          'content-type': 'application/json',
          'x-dm-event': event,
          'x-dm-delivery': deliveryId,
          'x-dm-timestamp': timestamp,
          'x-dm-signature': webhookSignature(tenant.webhookSecret, timestamp, rawBody),
        },
      };
    });
  };

  const envelope = (event: string, deliveryId: string, data: unknown): string =>
    JSON.stringify({ event, deliveryId, occurredAt: toDoumiTime(options.clock.now()), data });

  return {
    sender,
    applicationEvent(tenant, event, application) {
      const deliveryId = randomUUID();
      return send(tenant, event, application.applicationId, envelope(event, deliveryId, { application }), deliveryId);
    },
    withdrawnEvent(tenant, applicationId, withdrawnAtMs, reason) {
      const deliveryId = randomUUID();
      const data = { applicationId, withdrawnAt: toDoumiTime(withdrawnAtMs), reason };
      return send(tenant, 'application.withdrawn', applicationId, envelope('application.withdrawn', deliveryId, data), deliveryId);
    },
    raw(tenant, event, rawBody, deliveryId = randomUUID()) {
      return send(tenant, event, '', rawBody, deliveryId);
    },
  };
}
