import type { Kysely } from 'kysely';
import { columnTypes, dialectOf } from '../dialect.ts';
import { idColumn } from './helpers.ts';

/**
 * Campaign sequences (drip): at most one per campaign, its steps in order, where each member of the campaign
 * stands in it (its position: current step, state, when it runs next, which run has claimed it), and one row
 * per step a member went through (unique per position and step, written before a message goes, so that no
 * member is sent one step twice, whatever crashes or runs beside it).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const dialect = dialectOf(db);
  const t = columnTypes(dialect);
  await db.schema
    .createTable('campaign_sequences')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().unique().references('campaigns.id').onDelete('cascade'))
    // draft (steps editable), active (members move through it), paused (nobody moves; steps stay fixed).
    .addColumn('status', 'text', (c) => c.notNull())
    // Messages per second, email and SMS together, for each run of the job.
    .addColumn('per_second', 'integer', (c) => c.notNull())
    // The address the links of its messages lead to (PUBLIC_URL, or where it was started from).
    .addColumn('origin', 'text')
    // Who started it: its messages, tasks and segment changes are done as this user.
    .addColumn('started_by', 'integer')
    .addColumn('started_at', t.timestamp)
    .addColumn('created_by', 'integer')
    .addColumn('created_at', t.timestamp, (c) => c.notNull())
    .addColumn('updated_at', t.timestamp, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('campaign_sequence_steps')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('sequence_id', 'integer', (c) => c.notNull().references('campaign_sequences.id').onDelete('cascade'))
    // 1, 2, 3 … in the order members go through them.
    .addColumn('position', 'integer', (c) => c.notNull())
    // email, sms, wait, branch, task, segment, end.
    .addColumn('kind', 'text', (c) => c.notNull())
    // JSON: the step's settings as the editor sent them (template, days, condition, title …).
    .addColumn('settings', 'text', (c) => c.notNull())
    // An email step's send (campaign_email_sends, made when the sequence starts): its messages are that send's
    // recipients, so opens, clicks and one-click unsubscribe are tracked as every campaign message is.
    .addColumn('send_id', 'integer')
    .addUniqueConstraint('campaign_sequence_steps_position', ['sequence_id', 'position'])
    .execute();

  await db.schema
    .createTable('campaign_sequence_positions')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('sequence_id', 'integer', (c) => c.notNull().references('campaign_sequences.id').onDelete('cascade'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('campaign_members.id').onDelete('cascade'))
    // The step it is at; null once it has left (completed, stopped, failed).
    .addColumn('step_id', 'integer')
    // active (its step runs at next_run_at), waiting (in a wait step until next_run_at), completed, stopped, failed.
    .addColumn('state', 'text', (c) => c.notNull())
    // converted, unsubscribed, consentWithdrawn.
    .addColumn('stop_reason', 'text')
    .addColumn('error', 'text')
    .addColumn('entered_at', t.timestamp, (c) => c.notNull())
    .addColumn('step_at', t.timestamp, (c) => c.notNull())
    .addColumn('next_run_at', t.timestamp)
    // The run working on it (a job run's id) and since when: another run takes it only once that is stale.
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_at', t.timestamp)
    .addColumn('finished_at', t.timestamp)
    .addUniqueConstraint('campaign_sequence_positions_member', ['sequence_id', 'member_id'])
    .execute();
  await db.schema
    .createIndex('campaign_sequence_positions_due')
    .on('campaign_sequence_positions')
    .columns(['state', 'next_run_at', 'id'])
    .execute();
  await db.schema
    .createIndex('campaign_sequence_positions_step')
    .on('campaign_sequence_positions')
    .columns(['sequence_id', 'step_id', 'state'])
    .execute();
  await db.schema
    .createIndex('campaign_sequence_positions_member_id')
    .on('campaign_sequence_positions')
    .column('member_id')
    .execute();

  await db.schema
    .createTable('campaign_sequence_runs')
    .addColumn('id', 'integer', idColumn(dialect))
    .addColumn('sequence_id', 'integer', (c) => c.notNull())
    .addColumn('position_id', 'integer', (c) =>
      c.notNull().references('campaign_sequence_positions.id').onDelete('cascade'),
    )
    .addColumn('step_id', 'integer', (c) => c.notNull())
    // running (claimed: a message may be on its way), done, skipped, failed.
    .addColumn('status', 'text', (c) => c.notNull())
    // A branch's way (yes, no); a skip's reason; a failure's error (interrupted, or the server's refusal).
    .addColumn('outcome', 'text')
    .addColumn('reason', 'text')
    .addColumn('started_at', t.timestamp, (c) => c.notNull())
    .addColumn('finished_at', t.timestamp)
    .addUniqueConstraint('campaign_sequence_runs_step', ['position_id', 'step_id'])
    .execute();
  await db.schema
    .createIndex('campaign_sequence_runs_report')
    .on('campaign_sequence_runs')
    .columns(['sequence_id', 'step_id', 'status'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('campaign_sequence_runs').execute();
  await db.schema.dropTable('campaign_sequence_positions').execute();
  await db.schema.dropTable('campaign_sequence_steps').execute();
  await db.schema.dropTable('campaign_sequences').execute();
}
