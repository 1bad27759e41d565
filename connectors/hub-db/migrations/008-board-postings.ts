// Where each job is posted on each board: the board's job ID (kept durable, so an update or
// offline call reaches the same posting after any restart) and the content last sent.
import type { Knex } from 'knex';
import { applyTableDefaults } from './table-defaults';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('board_postings', (t) => {
    applyTableDefaults(knex, t);
    t.string('tenant_id', 64).notNullable();
    t.string('job_code', 64).notNullable();
    t.string('board', 32).notNullable();
    t.string('board_job_id', 128).notNullable();
    // SHA-256 of the posting as last sent: a change in config means an update call.
    t.string('content_hash', 64).notNullable();
    t.string('status', 16).notNullable();
    t.string('valid_until', 24).notNullable();
    t.string('published_at', 24).notNullable();
    t.string('updated_at', 24).notNullable();
    t.unique(['tenant_id', 'job_code', 'board'], { indexName: 'board_postings_key_uq' });
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('board_postings');
}
