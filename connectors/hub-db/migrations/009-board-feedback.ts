// The board feedback outbox: candidate progress decided by workflows, sent to the board (and marked
// sent) by the board-feedback workflow, so a board that is down never holds up a candidate.
import type { Knex } from 'knex';
import { applyTableDefaults } from './table-defaults';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('board_feedback', (t) => {
    applyTableDefaults(knex, t);
    t.bigIncrements('id');
    t.string('tenant_id', 64).notNullable();
    t.string('board', 32).notNullable();
    t.string('application_id', 128).notNullable();
    t.string('progress', 16).notNullable();
    t.string('stage', 32).notNullable();
    t.string('status', 16).notNullable();
    t.integer('attempts').notNullable().defaultTo(0);
    t.text('last_error').nullable();
    t.string('created_at', 24).notNullable();
    t.string('sent_at', 24).nullable();
    // One report per progress value: the same board status is never sent twice.
    t.unique(['tenant_id', 'board', 'application_id', 'progress'], { indexName: 'board_feedback_key_uq' });
    t.index(['tenant_id', 'board', 'status', 'id'], 'board_feedback_pending_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('board_feedback');
}
