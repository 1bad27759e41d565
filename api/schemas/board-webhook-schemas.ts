// The OpenAPI responses of a board webhook, derived from the replies in the board's contract, so
// that the document shows each board's own answers without the API knowing any board's wire format.
import type { ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import type { WebhookReply } from '../../connectors/board-contract';

/** One JSON reply body as a schema: numbers (a board's codes) exactly, strings as text. */
const bodySchema = (body: Record<string, string | number>) =>
  z.object(Object.fromEntries(Object.entries(body).map(([name, value]) => [name, typeof value === 'number' ? z.literal(value) : z.string()])));

/** The response for `replies` (the same status), e.g. both 401 replies: their distinct bodies as a union. */
export function boardReplyResponse(replies: readonly WebhookReply[], description: string): ResponseConfig {
  const distinct = [...new Map(replies.map((r) => [JSON.stringify(r.body), r.body])).values()];
  const texts = distinct.filter((b): b is string => typeof b === 'string');
  const objects = distinct.filter((b): b is Record<string, string | number> => typeof b !== 'string');
  const content: NonNullable<ResponseConfig['content']> = {};
  if (texts.length > 0) {
    const literals = texts.map((t) => z.literal(t));
    content['text/plain'] = { schema: literals.length === 1 ? literals[0]! : z.union(literals) };
  }
  if (objects.length > 0) {
    const schemas = objects.map(bodySchema);
    content['application/json'] = { schema: schemas.length === 1 ? schemas[0]! : z.union(schemas) };
  }
  return { description, content };
}
