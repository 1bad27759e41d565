// The notification outbox: messages decided by workflows, sent (and marked sent) by a dispatcher.
import type { Knex } from 'knex';
import { applyTableDefaults } from './table-defaults';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('notifications', (t) => {
    applyTableDefaults(knex, t);
    // A sequence, so "order of creation" is exact even within one millisecond.
    t.bigIncrements('id');
    t.string('tenant_id', 64).notNullable();
    t.string('idempotency_key', 255).notNullable();
    t.string('workflow_id', 255).notNullable();
    t.string('channel', 32).notNullable();
    t.string('audience', 16).notNullable();
    // A reference resolved at send time (never a phone number or address; see notifications-repo.ts).
    t.string('recipient', 255).notNullable();
    t.string('template', 128).notNullable();
    t.text('params').notNullable();
    t.string('status', 16).notNullable();
    t.string('created_at', 24).notNullable();
    t.string('sent_at', 24).nullable();
    t.unique(['tenant_id', 'idempotency_key'], { indexName: 'notifications_key_uq' });
    t.index(['tenant_id', 'workflow_id'], 'notifications_workflow_idx');
    t.index(['status', 'id'], 'notifications_status_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('notifications');
}
