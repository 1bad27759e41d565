// Interview assessments: one row per interview round of a candidate, with the transcript, the
// scores and evidence, and which scorer, model, rubric and prompt version produced them.
import type { Knex } from 'knex';
import { applyTableDefaults } from './table-defaults';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('assessments', (t) => {
    applyTableDefaults(knex, t);
    t.bigIncrements('id');
    t.string('tenant_id', 64).notNullable();
    t.string('workflow_id', 255).notNullable();
    t.integer('round').notNullable();
    t.string('job_code', 64).notNullable();
    /** null when the candidate declined AI scoring: the transcript waits for a person, unscored. */
    t.string('outcome', 32).nullable();
    t.double('score').nullable();
    t.boolean('ai_scoring_declined').notNullable();
    t.string('scorer', 128).nullable();
    t.string('model', 128).nullable();
    t.string('rubric_version', 64).nullable();
    t.string('prompt_version', 64).nullable();
    t.text('report', 'mediumtext').nullable();
    t.text('transcript', 'mediumtext').notNullable();
    t.string('created_at', 24).notNullable();
    t.unique(['tenant_id', 'workflow_id', 'round'], { indexName: 'assessments_round_uq' });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('assessments');
}
