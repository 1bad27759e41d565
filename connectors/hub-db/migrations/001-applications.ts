// The normalised applications: the only table of the hub database that holds personal data.
import type { Knex } from 'knex';
import { applyTableDefaults } from './table-defaults';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('applications', (t) => {
    applyTableDefaults(knex, t);
    t.string('tenant_id', 64).notNullable();
    t.string('board', 32).notNullable();
    t.string('application_id', 128).notNullable();
    t.string('job_code', 64).notNullable();
    // Times are ISO-8601 UTC text of fixed width (see sql-helpers.ts toUtcIso).
    t.string('applied_at', 24).notNullable();
    // CanonicalApplication.candidate as JSON text; 'mediumtext' only matters on MySQL (text is 64 KB).
    t.text('candidate', 'mediumtext').notNullable();
    t.string('received_at', 24).notNullable();
    t.string('updated_at', 24).notNullable();
    t.primary(['tenant_id', 'board', 'application_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('applications');
}
