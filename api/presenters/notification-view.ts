// A notification of the outbox as HR sees it: the recipient masked, the hub's bookkeeping left out.
import type { z } from 'zod';
import type { Notification } from '../../connectors/hub-db';
import { maskRecipient } from '../masking';
import type { NotificationSchema } from '../schemas/candidate-schemas';

export type NotificationView = z.output<typeof NotificationSchema>;

export function presentNotification(n: Notification): NotificationView {
  return {
    id: n.id,
    channel: n.channel,
    audience: n.audience,
    recipient: maskRecipient(n.recipient),
    template: n.template,
    params: n.params,
    status: n.status,
    createdAt: n.createdAt,
    sentAt: n.sentAt,
  };
}
