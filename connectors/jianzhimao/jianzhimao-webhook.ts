// Reads and verifies a Jianzhimao webhook delivery (specs/job-boards.md, "Webhooks from Jianzhimao
// to the hub"): form fields, MD5 sign and timestamp, then biz_content as a resume or a cancellation.
import { PayloadProblem, payloadError, zodProblems } from '../../common/board-payload';
import { beijingTimeToUtc } from '../../common/board-times';
import { HubError } from '../../common/errors';
import { parseJsonText } from '../../common/json-text';
import { Board } from '../../common/types';
import { contentDeliveryId, type ParsedDelivery } from '../../common/board-delivery';
import type { WebhookVerdict } from '../board-contract';
import { JianzhimaoCancelSchema, JianzhimaoEvent, jianzhimaoResumeNotes, normaliseJianzhimaoResume } from './jianzhimao-resume';
import { jianzhimaoTimestampFresh, verifyJianzhimaoSign } from './jianzhimao-signature';

/** The form fields of an application/x-www-form-urlencoded body; a repeated field keeps its first value. */
export function parseJianzhimaoForm(rawBody: Buffer): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawBody.toString('utf8'))) {
    if (!(name in fields)) fields[name] = value;
  }
  return fields;
}

/** Signature, app_id and timestamp (±600 s) of a delivery; `reason` (for logs) says which check failed. */
export function verifyJianzhimaoWebhook(
  fields: Record<string, string>,
  credentials: { appId: string; appSecret: string },
  nowMs = Date.now(),
): WebhookVerdict {
  if (!fields.sign) return { ok: false, reason: 'missing sign', staleClock: false };
  if (!jianzhimaoTimestampFresh(fields.timestamp, nowMs)) return { ok: false, reason: 'timestamp missing or outside ±600 s of the hub clock', staleClock: true };
  if (!verifyJianzhimaoSign(fields, credentials.appSecret)) return { ok: false, reason: 'sign does not match', staleClock: false };
  // Signed with this tenant's secret but naming another app: a misrouted delivery, not ours to take.
  if (fields.app_id !== credentials.appId) return { ok: false, reason: 'app_id is not the tenant’s Jianzhimao app', staleClock: false };
  return { ok: true };
}

/** Redeliveries are re-signed with a new timestamp and nonce: the event and its content identify them. */
export function jianzhimaoDeliveryId(fields: Record<string, string>): string {
  return contentDeliveryId('jzm', fields.event_type ?? '', fields.biz_content ?? '');
}

const resumeIdOf = (value: unknown): string | undefined => {
  const id = (value as { resume_id?: unknown } | null)?.resume_id;
  return typeof id === 'string' && id.length <= 128 ? id : typeof id === 'number' ? String(id) : undefined;
};

/** A Jianzhimao Resume (webhook biz_content or a polled item) as a delivery. */
export function jianzhimaoItemDelivery(tenantId: string, resume: unknown, path = ''): ParsedDelivery {
  try {
    const application = normaliseJianzhimaoResume(tenantId, resume, path);
    return { ok: true, delivery: { kind: 'application', application }, notes: jianzhimaoResumeNotes(resume as { expect_salary?: string | number | null }) };
  } catch (err) {
    if (err instanceof HubError) return { ok: false, error: err, ...(resumeIdOf(resume) ? { applicationId: resumeIdOf(resume) } : {}) };
    throw err;
  }
}

/** The verified form fields of a delivery as a delivery. */
export function parseJianzhimaoWebhook(tenantId: string, fields: Record<string, string>): ParsedDelivery {
  const event = fields.event_type;
  if (event !== JianzhimaoEvent.DELIVER && event !== JianzhimaoEvent.CANCEL) {
    return { ok: false, error: payloadError(PayloadProblem.UNKNOWN_EVENT, [`event_type: expected ${JianzhimaoEvent.DELIVER} or ${JianzhimaoEvent.CANCEL}`]) };
  }
  const json = parseJsonText(fields.biz_content ?? '');
  if (!json.ok) return { ok: false, error: payloadError(PayloadProblem.INVALID_JSON, [`biz_content: ${json.problem}`]) };
  if (event === JianzhimaoEvent.DELIVER) return jianzhimaoItemDelivery(tenantId, json.value, 'biz_content');
  const cancel = JianzhimaoCancelSchema.safeParse(json.value);
  if (!cancel.success) {
    const id = resumeIdOf(json.value);
    return { ok: false, error: payloadError(PayloadProblem.INVALID_PAYLOAD, zodProblems(cancel.error, 'biz_content')), ...(id ? { applicationId: id } : {}) };
  }
  const at = cancel.data.cancel_time ? beijingTimeToUtc(cancel.data.cancel_time) : null;
  return { ok: true, delivery: { kind: 'withdrawal', tenantId, board: Board.JIANZHIMAO, applicationId: cancel.data.resume_id, at } };
}
