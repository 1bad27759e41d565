// Jianzhimao's webhook sender (../shared/specs/job-boards.md, "Webhooks from Jianzhimao to the
// hub"): form-encoded, MD5-signed POSTs to {hub}/webhooks/jianzhimao/{tenantId}; success only for
// HTTP 200 with the body `success`; else retried up to 8 times (15 s, 15 s, 30 s, 3 min, 10 min,
// 20 min, 30 min, 3 h), then dropped.
import { randomBytes, randomUUID } from 'node:crypto';
import { createWebhookSender, type Delivery, type WebhookSender } from '../board-kit/webhook-sender';
import type { JianzhimaoResume } from './jianzhimao-model';
import { jianzhimaoSign } from './jianzhimao-signing';
import type { JianzhimaoTenant } from './jianzhimao-state';

export const JIANZHIMAO_RETRY_MS = [15_000, 15_000, 30_000, 180_000, 600_000, 1_200_000, 1_800_000, 10_800_000] as const;

export type JianzhimaoEvent = 'resume_deliver' | 'resume_cancel';

export interface JianzhimaoWebhooks {
  sender: WebhookSender;
  deliver(tenant: JianzhimaoTenant, resume: JianzhimaoResume): Delivery;
  cancel(tenant: JianzhimaoTenant, resumeId: string, cancelTime: string): Delivery;
  /** Any biz_content (even invalid JSON), signed correctly, for quarantine tests. */
  raw(tenant: JianzhimaoTenant, eventType: string, bizContent: string): Delivery;
}

export function createJianzhimaoWebhooks(options: { redeliveryScale: number; ackTimeoutMs: number; concurrency: number }): JianzhimaoWebhooks {
  const sender = createWebhookSender({
    scheduleMs: JIANZHIMAO_RETRY_MS,
    redeliveryScale: options.redeliveryScale,
    timeoutMs: options.ackTimeoutMs,
    concurrency: options.concurrency,
    isSuccess: (status, body) => status === 200 && body.trim() === 'success',
  });

  const send = (tenant: JianzhimaoTenant, eventType: string, subject: string, bizContent: string): Delivery => {
    if (!tenant.hubUrl) throw new Error(`Jianzhimao simulator: tenant ${tenant.tenantId} has no hubUrl, so it cannot send webhooks`);
    const url = `${tenant.hubUrl.replace(/\/$/, '')}/webhooks/jianzhimao/${encodeURIComponent(tenant.tenantId)}`;
    return sender.enqueue({ id: randomUUID(), tenantId: tenant.tenantId, event: eventType, subject }, () => {
      // Fresh timestamp and nonce on every attempt, signed again.
      const fields: Record<string, string> = {
        app_id: tenant.appId,
        event_type: eventType,
        timestamp: String(Math.floor(Date.now() / 1000)),
        nonce_str: randomBytes(16).toString('hex'),
        biz_content: bizContent,
      };
      fields.sign = jianzhimaoSign(fields, tenant.appSecret);
      return { url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() };
    });
  };

  return {
    sender,
    deliver: (tenant, resume) => send(tenant, 'resume_deliver', resume.resume_id, JSON.stringify(resume)),
    cancel: (tenant, resumeId, cancelTime) => send(tenant, 'resume_cancel', resumeId, JSON.stringify({ resume_id: resumeId, cancel_time: cancelTime })),
    raw: (tenant, eventType, bizContent) => send(tenant, eventType, '', bizContent),
  };
}
