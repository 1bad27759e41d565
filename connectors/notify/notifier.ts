// What the workflow asks for when someone must be told something. The embedded notifier writes
// to the hub database outbox (visible through the API); SMS, e-mail and WeChat senders drain it.
export type Audience = 'candidate' | 'hr' | 'hr_escalation';

export interface OutgoingNotification {
  /** Stable per workflow and purpose, so a retried activity never sends twice. */
  idempotencyKey: string;
  tenantId: string;
  workflowId: string;
  audience: Audience;
  channel: string;
  recipient: string;
  template: string;
  params: Record<string, unknown>;
}

export interface Notifier {
  send(notification: OutgoingNotification): Promise<{ id: string; created: boolean }>;
}
