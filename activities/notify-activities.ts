// Tells candidates and HR what happened. The workflow names who and what; the recipient's address
// is looked up here, so phone numbers and e-mail addresses never enter workflow history.
import { requireTenant } from '../common/config';
import { invalidError } from '../common/errors';
import type { ApplicationRef } from '../common/types';
import { candidateWorkflowId } from '../common/workflow-ids';
import type { Audience } from '../connectors/notify/notifier';
import type { ActivityDeps } from './deps';

export interface NotifyRequest {
  ref: ApplicationRef;
  audience: Audience;
  template: string;
  /** Unique per workflow for this message (e.g. "interview-reminder-1"). */
  key: string;
  params: Record<string, unknown>;
}

export function createNotifyActivities({ config, store, notifier }: Pick<ActivityDeps, 'config' | 'store' | 'notifier'>) {
  async function recipients(ref: ApplicationRef, audience: Audience): Promise<{ channel: string; to: string }[]> {
    if (audience === 'candidate') {
      const app = await store.applications.get(ref);
      if (!app) throw invalidError('ApplicationMissing', `application ${ref.board}/${ref.applicationId} is not in the hub database`);
      return [{ channel: 'sms', to: app.candidate.phoneE164 }];
    }
    const tenant = requireTenant(config, ref.tenantId);
    const targets = audience === 'hr_escalation' && tenant.hr.escalation.length > 0 ? tenant.hr.escalation : tenant.hr.contacts;
    return targets.map((t) => ({ channel: t.channel, to: t.to }));
  }

  return {
    async notify(req: NotifyRequest): Promise<number> {
      const workflowId = candidateWorkflowId(req.ref);
      const targets = await recipients(req.ref, req.audience);
      for (const [index, target] of targets.entries()) {
        await notifier.send({
          idempotencyKey: `${workflowId}:${req.key}:${index}`,
          tenantId: req.ref.tenantId,
          workflowId,
          audience: req.audience,
          channel: target.channel,
          recipient: target.to,
          template: req.template,
          params: req.params,
        });
      }
      return targets.length;
    },
  };
}
