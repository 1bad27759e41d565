// Writes one event for one candidate to one system of record. Each destination is its own
// activity call with an idempotency key from the workflow ID and the step, so a retry (or a
// failure elsewhere) never writes twice.
import { requireJob, requireTenant } from '../common/config';
import { configError, invalidError } from '../common/errors';
import { applyFieldMapping } from '../common/field-mapping';
import type { ApplicationRef } from '../common/types';
import { candidateWorkflowId } from '../common/workflow-ids';
import type { ActivityDeps } from './deps';

export interface DestinationWriteRequest {
  ref: ApplicationRef;
  jobCode: string;
  destinationId: string;
  event: string;
  result: { outcome: string | null; score: number | null; decidedBy: string | null; onboardingDueAt: string | null };
}

/** The hub's stable ID for a person in every system of record. */
export function externalIdFor(ref: ApplicationRef): string {
  return `HB-${ref.tenantId}-${ref.board}-${ref.applicationId}`;
}

export function createDestinationActivities({ config, store, destinationWriter }: Pick<ActivityDeps, 'config' | 'store' | 'destinationWriter'>) {
  return {
    async writeToDestination(req: DestinationWriteRequest): Promise<{ created: boolean }> {
      const tenant = requireTenant(config, req.ref.tenantId);
      const job = requireJob(tenant, req.jobCode);
      const destination = tenant.destinations.find((d) => d.id === req.destinationId);
      if (!destination) throw configError('UnknownDestination', `destination "${req.destinationId}" is not configured for tenant "${tenant.id}"`);
      const app = await store.applications.get(req.ref);
      if (!app) throw invalidError('ApplicationMissing', `application ${req.ref.board}/${req.ref.applicationId} is not in the hub database`);
      const externalId = externalIdFor(req.ref);
      const record = {
        externalId,
        event: req.event,
        tenantId: req.ref.tenantId,
        board: req.ref.board,
        applicationId: req.ref.applicationId,
        jobCode: job.code,
        job: { title: job.title, city: job.city, hourlyWage: job.hourlyWage, role: job.role },
        candidate: app.candidate,
        appliedAt: app.appliedAt,
        result: req.result,
      };
      const payload = await applyFieldMapping(destination.fields, record);
      // The recording stand-in enforces requiredFields itself (as its target would); for a real
      // target the hub refuses to send a record the mapping left incomplete.
      if (destination.type !== 'recording') {
        const missing = destination.requiredFields.filter((f) => payload[f] === undefined || payload[f] === null || payload[f] === '');
        if (missing.length > 0) {
          throw invalidError('DestinationValidation', `destination "${destination.id}": the field mapping gave no value for ${missing.join(', ')}`, { fields: missing });
        }
      }
      return destinationWriter(tenant.id, destination).write({
        tenantId: tenant.id,
        destinationId: destination.id,
        externalId,
        event: req.event,
        idempotencyKey: `${candidateWorkflowId(req.ref)}:${destination.id}:${req.event}`,
        payload,
      });
    },
  };
}
