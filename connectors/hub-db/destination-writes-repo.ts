// What a `recording` destination (a stand-in EHR/ERP kept in the hub database) has received: one
// row per write, so dev and tests can see exactly what a real system of record would have got.
import type { Knex } from 'knex';
import type { DestinationWrite } from '../destination-writer';
import { fromJsonText, insertIfAbsent, MAX, requireText, toJsonText, type RepoOptions } from './sql-helpers';

const TABLE = 'destination_writes';

/** Exactly what a destination connector is asked to write (a retried key is recorded once per tenant). */
export type DestinationWriteInput = DestinationWrite;

export interface RecordedDestinationWrite extends DestinationWriteInput {
  /** Opaque; increases in order of arrival. */
  id: string;
  receivedAt: string;
}

export interface DestinationWriteFilter {
  tenantId: string;
  destinationId?: string;
  externalId?: string;
}

interface DestinationWriteRecord {
  id?: number | string;
  tenant_id: string;
  idempotency_key: string;
  destination_id: string;
  external_id: string;
  event: string;
  payload: string;
  received_at: string;
}

export class DestinationWritesRepo {
  private readonly now: () => Date;

  constructor(
    private readonly knex: Knex,
    options: RepoOptions = {},
  ) {
    this.now = options.now ?? (() => new Date());
  }

  /** Records a write once per (tenant, idempotencyKey), like an idempotent API of a real EHR/ERP. */
  async record(w: DestinationWriteInput): Promise<{ created: boolean }> {
    const record: DestinationWriteRecord = {
      tenant_id: requireText(w.tenantId, 'tenantId', MAX.tenantId),
      idempotency_key: requireText(w.idempotencyKey, 'idempotencyKey', MAX.key),
      destination_id: requireText(w.destinationId, 'destinationId', MAX.destinationId),
      external_id: requireText(w.externalId, 'externalId', MAX.externalId),
      event: requireText(w.event, 'event', MAX.event),
      payload: toJsonText(w.payload ?? {}),
      received_at: this.now().toISOString(),
    };
    const created = await insertIfAbsent(this.knex, TABLE, { ...record }, ['tenant_id', 'idempotency_key']);
    return { created };
  }

  /** Writes in order of arrival, optionally for one destination and/or one person. */
  async list(filter: DestinationWriteFilter): Promise<RecordedDestinationWrite[]> {
    const query = this.knex(TABLE).where('tenant_id', filter.tenantId);
    if (filter.destinationId !== undefined) query.andWhere('destination_id', filter.destinationId);
    if (filter.externalId !== undefined) query.andWhere('external_id', filter.externalId);
    const rows = (await query.orderBy('id', 'asc')) as DestinationWriteRecord[];
    return rows.map((r) => ({
      id: String(r.id),
      tenantId: r.tenant_id,
      destinationId: r.destination_id,
      externalId: r.external_id,
      event: r.event,
      idempotencyKey: r.idempotency_key,
      payload: fromJsonText<Record<string, unknown>>(r.payload),
      receivedAt: r.received_at,
    }));
  }
}
