// Parses a verified Doumi webhook delivery (specs/job-boards.md, "Webhooks from Doumi to the hub")
// into a board delivery: an application to ingest, or a withdrawal. Also what a polled Doumi item
// becomes (doumiItemDelivery), so both routes in agree.
import { PayloadProblem, payloadError, zodProblems } from '../../common/board-payload';
import { isoWithOffsetToUtc } from '../../common/board-times';
import { parseJsonText } from '../../common/json-text';
import { Board } from '../../common/types';
import { contentDeliveryId, type ParsedDelivery } from '../../common/board-delivery';
import { DoumiEvent, DoumiWebhookEnvelopeSchema, normaliseDoumiApplication } from './doumi-application';
import { HubError } from '../../common/errors';

const DELIVERY_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The delivery ID that keeps redeliveries together: X-Dm-Delivery, else a hash of the body. */
export function doumiDeliveryId(header: string | undefined, rawBody: Buffer): string {
  return header && DELIVERY_ID.test(header) ? header : contentDeliveryId('doumi-body', rawBody);
}

const applicationIdOf = (value: unknown): string | undefined => {
  const id = (value as { applicationId?: unknown } | null)?.applicationId;
  return typeof id === 'string' && id.length <= 128 ? id : undefined;
};

/**
 * A Doumi Application (webhook `data.application` or a polled item) as a delivery: a withdrawal when
 * its status is WITHDRAWN, else the normalised application. Unusable → `{ok: false}` naming the field.
 */
export function doumiItemDelivery(tenantId: string, item: unknown, path = ''): ParsedDelivery {
  try {
    const status = (item as { status?: unknown } | null)?.status;
    const applicationId = applicationIdOf(item);
    if (status === 'WITHDRAWN' && applicationId) {
      const updatedAt = isoWithOffsetToUtc((item as { updatedAt?: unknown }).updatedAt);
      return { ok: true, delivery: { kind: 'withdrawal', tenantId, board: Board.DOUMI, applicationId, at: updatedAt } };
    }
    return { ok: true, delivery: { kind: 'application', application: normaliseDoumiApplication(tenantId, item, path) } };
  } catch (err) {
    if (err instanceof HubError) return { ok: false, error: err, ...(applicationIdOf(item) ? { applicationId: applicationIdOf(item) } : {}) };
    throw err;
  }
}

/** A verified webhook body (and its X-Dm-Event header) as a delivery. */
export function parseDoumiWebhook(tenantId: string, rawBody: Buffer, eventHeader?: string): ParsedDelivery {
  const json = parseJsonText(rawBody.toString('utf8'));
  if (!json.ok) return { ok: false, error: payloadError(PayloadProblem.INVALID_JSON, [`body: ${json.problem}`]) };
  const event = (json.value as { event?: unknown } | null)?.event;
  if (typeof event !== 'string' || !Object.values(DoumiEvent).includes(event as DoumiEvent)) {
    return { ok: false, error: payloadError(PayloadProblem.UNKNOWN_EVENT, [`event: expected one of ${Object.values(DoumiEvent).join(', ')}`]) };
  }
  if (eventHeader && eventHeader !== event) {
    return { ok: false, error: payloadError(PayloadProblem.INVALID_PAYLOAD, [`event: the body says ${event} but X-Dm-Event says ${eventHeader.slice(0, 64)}`]) };
  }
  const envelope = DoumiWebhookEnvelopeSchema.safeParse(json.value);
  const application = (json.value as { data?: { application?: unknown } }).data?.application;
  if (!envelope.success) {
    const applicationId = applicationIdOf(application) ?? applicationIdOf((json.value as { data?: unknown }).data);
    return { ok: false, error: payloadError(PayloadProblem.INVALID_PAYLOAD, zodProblems(envelope.error)), ...(applicationId ? { applicationId } : {}) };
  }
  const body = envelope.data;
  if (body.event === DoumiEvent.WITHDRAWN) {
    const at = body.data.withdrawnAt ? isoWithOffsetToUtc(body.data.withdrawnAt) : null;
    return { ok: true, delivery: { kind: 'withdrawal', tenantId, board: Board.DOUMI, applicationId: body.data.applicationId, at } };
  }
  return doumiItemDelivery(tenantId, body.data.application, 'data.application');
}
