// The embedded notifier: each notification becomes one outbox row (idempotent by key).
import type { NotificationsRepo } from '../hub-db/notifications-repo';
import type { Notifier, OutgoingNotification } from './notifier';

export class OutboxNotifier implements Notifier {
  constructor(private readonly outbox: NotificationsRepo) {}

  send(n: OutgoingNotification) {
    return this.outbox.enqueue(n);
  }
}
