// What happens to a board delivery once its connector has parsed it, for every route in (webhook,
// poll, CSV import, quarantine replay): an application is checked against the tenant's jobs and
// ingested; a withdrawal signals the candidate's workflow; anything unusable goes to the quarantine.
import { WorkflowNotFoundError } from '@temporalio/common';
import type { Client } from '@temporalio/client';
import { findJob, type TenantConfig } from '../common/config';
import { PayloadProblem, payloadError } from '../common/board-payload';
import { HubError, ErrorKind, transientError } from '../common/errors';
import type { Logger } from '../common/logger';
import { normalisationNotesTotal, quarantinedTotal } from '../common/metrics';
import type { BoardDelivery, ParsedDelivery, RawDelivery } from '../common/board-delivery';
import type { IngestionSource, QuarantineSource } from '../common/ingestion';
import type { Board, CanonicalApplication } from '../common/types';
import { candidateWorkflowId } from '../common/workflow-ids';
import { withdrawSignal } from '../workflows/definitions';
import type { HubStore } from '../connectors/hub-db';
import { ingestApplication, type IntakeResult } from './candidate-intake';

export type DeliveryOutcome =
  | { kind: 'ingested'; result: IntakeResult }
  | { kind: 'withdrawn'; workflowId: string }
  /** The workflow had already finished: nothing left to withdraw; recorded, not quarantined. */
  | { kind: 'withdrawal-noop'; workflowId: string }
  | { kind: 'quarantined'; id: string; reason: string; problems: string[]; created: boolean };

export interface BoardDeliveryDeps {
  client: Client;
  store: HubStore;
  taskQueue?: string;
  logger: Logger;
  /** Temporal calls must finish by then (ms from the start of handling); Doumi wants an answer within 3 s. */
  temporalTimeoutMs?: number;
}

/** The reason a workflow could not be started; such a row is resolved by the redelivery that succeeds. */
export const WORKFLOW_START_FAILED = 'WorkflowStartFailed';

/** Throws payloadError(UnknownJob | JobClosed) unless the application's job is an open job of the tenant. */
export function requireOpenJob(tenant: TenantConfig, app: CanonicalApplication): void {
  const job = findJob(tenant, app.jobCode);
  if (!job) throw payloadError(PayloadProblem.UNKNOWN_JOB, [`job code "${app.jobCode}" is not a job of tenant ${tenant.id}; add it to the config, then replay`]);
  if (!job.open) throw payloadError(PayloadProblem.JOB_CLOSED, [`job "${app.jobCode}" is closed (open: false); reopen it, then replay`]);
}

/**
 * Acts on a parsed delivery without quarantining: ingests an application of an open job, or
 * signals a withdrawal. Throws an `invalid` HubError when it cannot be used (unknown job, withdrawal
 * of an application the hub never saw) and a `transient` one when Temporal did not answer in time.
 */
export async function applyDelivery(deps: BoardDeliveryDeps, tenant: TenantConfig, delivery: BoardDelivery, source: IngestionSource): Promise<Exclude<DeliveryOutcome, { kind: 'quarantined' }>> {
  const deadline = Date.now() + (deps.temporalTimeoutMs ?? 2_500);
  if (delivery.kind === 'application') {
    requireOpenJob(tenant, delivery.application);
    const result = await onTemporal(deps, deadline, () => ingestApplication(deps, delivery.application, source));
    return { kind: 'ingested', result };
  }
  const ref = { tenantId: delivery.tenantId, board: delivery.board, applicationId: delivery.applicationId };
  const workflowId = candidateWorkflowId(ref);
  try {
    // The board's free-text reason stays out of history: it may hold personal data.
    await onTemporal(deps, deadline, () =>
      deps.client.workflow.getHandle(workflowId).signal(withdrawSignal, { by: 'board', reason: `withdrawn on ${delivery.board}`, ...(delivery.at ? { at: delivery.at } : {}) }),
    );
    return { kind: 'withdrawn', workflowId };
  } catch (err) {
    if (!(err instanceof WorkflowNotFoundError)) throw err;
    // No running workflow: finished already (a recorded no-op), or never started (keep it).
    if (await deps.store.applications.get(ref)) return { kind: 'withdrawal-noop', workflowId };
    throw payloadError(PayloadProblem.UNKNOWN_APPLICATION, [
      `applicationId: the hub has no application ${delivery.applicationId} on ${delivery.board} to withdraw; replay once it has arrived`,
    ]);
  }
}

async function onTemporal<T>(deps: BoardDeliveryDeps, deadline: number, call: () => Promise<T>): Promise<T> {
  try {
    return await deps.client.withDeadline(deadline, call);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError || err instanceof HubError) throw err;
    throw transientError('TemporalUnavailable', `Temporal did not accept the call: ${(err as Error).message}`);
  }
}

/**
 * The whole of a delivery: apply it, or keep it in the quarantine when it is unusable. Idempotent
 * per `raw.deliveryId`. When Temporal is unavailable the delivery is kept too (reason
 * WorkflowStartFailed, so an operator sees it) and a `transient` HubError is thrown: the caller
 * answers the board with a non-success status so it redelivers, and the redelivery that gets
 * through resolves the row.
 */
export async function handleBoardDelivery(
  deps: BoardDeliveryDeps,
  input: { tenant: TenantConfig; board: Board; source: QuarantineSource; parsed: ParsedDelivery; raw: RawDelivery },
): Promise<DeliveryOutcome> {
  const { tenant, board, parsed, raw } = input;
  if (!parsed.ok) return quarantine(deps, input, parsed.error, parsed.applicationId);
  for (const note of parsed.notes ?? []) normalisationNotesTotal.inc({ board, field: note.field, reason: note.reason });
  const applicationId = parsed.delivery.kind === 'application' ? parsed.delivery.application.applicationId : parsed.delivery.applicationId;
  try {
    const outcome = await applyDelivery(deps, tenant, parsed.delivery, input.source);
    // A redelivery after a failed start: the quarantine row that recorded the failure is resolved.
    if (outcome.kind === 'ingested' && outcome.result.outcome !== 'new') {
      await deps.store.quarantine.resolveDelivery(tenant.id, board, raw.deliveryId, outcome.result.workflowId);
    }
    if (outcome.kind === 'ingested' && outcome.result.outcome === 'new') await applyEarlyWithdrawals(deps, tenant, board, applicationId, outcome.result.workflowId);
    return outcome;
  } catch (err) {
    if (err instanceof HubError && err.kind === ErrorKind.INVALID) return quarantine(deps, input, err, applicationId);
    if (err instanceof HubError && err.kind === ErrorKind.TRANSIENT) {
      await deps.store.quarantine
        .record({
          tenantId: tenant.id,
          board,
          source: input.source,
          reason: WORKFLOW_START_FAILED,
          problems: [`${err.code}: the workflow could not be started; the board is asked to redeliver`],
          rawPayload: raw.bytes,
          ...(raw.contentType ? { contentType: raw.contentType } : {}),
          deliveryId: raw.deliveryId,
          applicationId,
        })
        .catch((dbErr: unknown) => deps.logger.error({ err: dbErr, tenant: tenant.id, board }, 'could not record a failed workflow start'));
    }
    throw err;
  }
}

/**
 * Boards do not promise order: a withdrawal can arrive (and be quarantined as UnknownApplication)
 * before its application, e.g. when the application's first delivery failed. Once the application
 * has started its workflow, such a withdrawal is applied. A failure here leaves it in the quarantine
 * for an operator, and does not fail the application's own delivery.
 */
export async function applyEarlyWithdrawals(deps: BoardDeliveryDeps, tenant: TenantConfig, board: Board, applicationId: string, workflowId: string): Promise<void> {
  try {
    const early = await deps.store.quarantine.findOpenForApplication(tenant.id, board, applicationId, PayloadProblem.UNKNOWN_APPLICATION);
    if (early.length === 0) return;
    await onTemporal(deps, Date.now() + (deps.temporalTimeoutMs ?? 2_500), () =>
      deps.client.workflow.getHandle(workflowId).signal(withdrawSignal, { by: 'board', reason: `withdrawn on ${board}` }),
    );
    for (const entry of early) await deps.store.quarantine.markReplayed(tenant.id, entry.id, { workflowId });
    deps.logger.info({ tenant: tenant.id, board, workflowId, quarantineIds: early.map((e) => e.id) }, 'withdrawal that arrived before its application applied');
  } catch (err) {
    deps.logger.warn({ err, tenant: tenant.id, board, workflowId }, 'could not apply an early withdrawal; it stays in the quarantine');
  }
}

async function quarantine(
  deps: BoardDeliveryDeps,
  input: { tenant: TenantConfig; board: Board; source: QuarantineSource; raw: RawDelivery },
  error: HubError,
  applicationId: string | undefined,
): Promise<DeliveryOutcome> {
  const problems = Array.isArray(error.details?.problems) ? (error.details.problems as string[]) : [error.message];
  const { id, created } = await deps.store.quarantine.record({
    tenantId: input.tenant.id,
    board: input.board,
    source: input.source,
    reason: error.code,
    problems,
    rawPayload: input.raw.bytes,
    ...(input.raw.contentType ? { contentType: input.raw.contentType } : {}),
    deliveryId: input.raw.deliveryId,
    ...(applicationId ? { applicationId } : {}),
  });
  if (created) quarantinedTotal.inc({ tenant: input.tenant.id, board: input.board, reason: error.code });
  // Problems name fields, never values: safe to log.
  deps.logger.warn({ tenant: input.tenant.id, board: input.board, source: input.source, quarantineId: id, reason: error.code, problems, redelivery: !created }, 'board delivery quarantined');
  return { kind: 'quarantined', id, reason: error.code, problems, created };
}
