// Board deliveries that verified but could not be used (bad JSON, no phone, unknown job…): kept
// with their reason and the raw payload, sealed with hub.dataKey, until an operator replays them.
import type { Knex } from 'knex';
import { applyTableDefaults } from './table-defaults';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('quarantine', (t) => {
    applyTableDefaults(knex, t);
    t.bigIncrements('id');
    t.string('tenant_id', 64).notNullable();
    t.string('board', 32).notNullable();
    // webhook | poll | csv
    t.string('source', 16).notNullable();
    // The board's delivery or event ID: a redelivered bad delivery is kept once.
    t.string('delivery_id', 255).nullable();
    // The board's application ID when it could be read (a board reference, not personal data).
    t.string('application_id', 128).nullable();
    t.string('reason', 64).notNullable();
    // JSON array of problems naming fields (never their values).
    t.text('problems').notNullable();
    // DataCipher-sealed raw bytes as the board sent them; 'mediumtext' matters on MySQL only.
    t.text('payload', 'mediumtext').notNullable();
    t.string('content_type', 128).nullable();
    t.integer('payload_bytes').notNullable();
    // open | replayed | discarded
    t.string('status', 16).notNullable();
    t.integer('replay_attempts').notNullable().defaultTo(0);
    t.string('workflow_id', 255).nullable();
    t.string('received_at', 24).notNullable();
    t.string('updated_at', 24).notNullable();
    t.string('replayed_at', 24).nullable();
    // Who decided an entry cannot be used, and why (a tenant user, never the candidate's data).
    t.string('discarded_by', 255).nullable();
    t.string('discard_note', 500).nullable();
    t.unique(['tenant_id', 'board', 'delivery_id'], { indexName: 'quarantine_delivery_uq' });
    t.index(['tenant_id', 'status', 'id'], 'quarantine_tenant_status_idx');
    // A withdrawal kept before its application arrived is found by the application's ID.
    t.index(['tenant_id', 'board', 'application_id'], 'quarantine_application_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('quarantine');
}
