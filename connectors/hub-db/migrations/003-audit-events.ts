// The append-only audit log: what happened to each candidate workflow, who did it and when.
import type { Knex } from 'knex';
import { applyTableDefaults } from './table-defaults';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('audit_events', (t) => {
    applyTableDefaults(knex, t);
    // The sequence keeps events with the same `at` in the order they were appended.
    t.bigIncrements('id');
    t.string('tenant_id', 64).notNullable();
    t.string('event_key', 255).notNullable();
    t.string('workflow_id', 255).notNullable();
    t.string('type', 64).notNullable();
    t.string('stage', 32).nullable();
    t.string('actor', 255).notNullable();
    t.string('at', 24).notNullable();
    // JSON text; never personal data (see audit-repo.ts).
    t.text('details').notNullable();
    t.string('recorded_at', 24).notNullable();
    t.unique(['tenant_id', 'event_key'], { indexName: 'audit_events_key_uq' });
    t.index(['tenant_id', 'workflow_id', 'at'], 'audit_events_workflow_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('audit_events');
}
