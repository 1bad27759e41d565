// What a board connector hands the hub's intake: a parsed delivery (an application or a withdrawal)
// or the reason it is unusable, with the raw bytes kept for the quarantine. Board-neutral.
import { createHash } from 'node:crypto';
import type { HubError } from './errors';
import type { Board, CanonicalApplication } from './types';

/** A delivery as a board connector understood it. */
export type BoardDelivery =
  | { kind: 'application'; application: CanonicalApplication }
  | { kind: 'withdrawal'; tenantId: string; board: Board; applicationId: string; at: string | null };

/** A field that was readable but gave null (logged and counted by field and reason, never its value). */
export interface DeliveryNote {
  field: string;
  reason: string;
}

/** A connector's parse result: the delivery, or the `invalid` HubError that says why it is unusable. */
export type ParsedDelivery =
  | { ok: true; delivery: BoardDelivery; notes?: DeliveryNote[] }
  | { ok: false; error: HubError; applicationId?: string };

/** The raw delivery as received: kept (sealed) if it lands in the quarantine. */
export interface RawDelivery {
  bytes: Buffer;
  contentType?: string;
  /** Stable across redeliveries of one event (board delivery ID, or a hash of what identifies it). */
  deliveryId: string;
}

/** A stable delivery ID from the bytes that identify an event (for boards that send none). */
export function contentDeliveryId(prefix: string, ...parts: Array<string | Buffer>): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return `${prefix}:${hash.digest('hex').slice(0, 40)}`;
}
