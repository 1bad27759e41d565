// The candidates read model: one row per candidate workflow, for lists and filters in the API.
import type { Knex } from 'knex';
import { applyTableDefaults } from './table-defaults';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('candidates', (t) => {
    applyTableDefaults(knex, t);
    t.string('tenant_id', 64).notNullable();
    t.string('workflow_id', 255).notNullable();
    t.string('board', 32).notNullable();
    t.string('application_id', 128).notNullable();
    t.string('job_code', 64).notNullable();
    t.string('stage', 32).notNullable();
    t.string('outcome', 32).nullable();
    t.double('score').nullable();
    t.string('review_due_at', 24).nullable();
    t.string('onboarding_due_at', 24).nullable();
    // Written by activities that may be retried out of order: only a higher version replaces a row.
    t.integer('version').notNullable();
    t.string('created_at', 24).notNullable();
    t.string('updated_at', 24).notNullable();
    t.primary(['tenant_id', 'workflow_id']);
    // Keyset pagination runs newest first within a tenant, optionally narrowed by stage or job.
    t.index(['tenant_id', 'created_at', 'workflow_id'], 'candidates_tenant_created_idx');
    t.index(['tenant_id', 'stage', 'created_at', 'workflow_id'], 'candidates_tenant_stage_idx');
    t.index(['tenant_id', 'job_code', 'created_at', 'workflow_id'], 'candidates_tenant_job_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('candidates');
}
