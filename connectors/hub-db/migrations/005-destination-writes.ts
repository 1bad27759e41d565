// What a `recording` destination (a stand-in EHR/ERP kept in the hub database) has received.
import type { Knex } from 'knex';
import { applyTableDefaults } from './table-defaults';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('destination_writes', (t) => {
    applyTableDefaults(knex, t);
    t.bigIncrements('id');
    t.string('tenant_id', 64).notNullable();
    t.string('idempotency_key', 255).notNullable();
    t.string('destination_id', 64).notNullable();
    t.string('external_id', 128).notNullable();
    t.string('event', 64).notNullable();
    t.text('payload', 'mediumtext').notNullable();
    t.string('received_at', 24).notNullable();
    t.unique(['tenant_id', 'idempotency_key'], { indexName: 'destination_writes_key_uq' });
    t.index(['tenant_id', 'destination_id', 'external_id'], 'destination_writes_target_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('destination_writes');
}
