// The read model says whether a candidate's running deadline was counted on provisional calendar
// days (a year without an official holiday schedule yet), so the API shows it and the deadline
// refresh finds it once the schedule arrives.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('candidates', (t) => {
    // Rows written before this column existed were counted on official data only (the calendar
    // failed closed beyond it), so false is true of them.
    t.boolean('deadline_provisional').notNullable().defaultTo(false);
    // The refresh pages through one tenant's provisional rows in workflow-ID order.
    t.index(['tenant_id', 'deadline_provisional', 'workflow_id'], 'candidates_provisional_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('candidates', (t) => {
    t.dropIndex(['tenant_id', 'deadline_provisional', 'workflow_id'], 'candidates_provisional_idx');
    t.dropColumn('deadline_provisional');
  });
}
